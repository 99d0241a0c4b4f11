import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { type RedisClient, RedisConnections } from '../../infrastructure/redis-connections.js';

/**
 * How long a process reuses an epoch value it read, counted from when that read was sent to Redis;
 * `bump` answers only this long after Redis took the new value. So once a decommission or rotation
 * has answered, no process still holds an older value: the old secret is refused everywhere from the
 * next request on, as when every request read the epoch itself (docs/api.md, "Robot credentials").
 */
export const CREDENTIAL_EPOCH_REUSE_MS = 250;

interface Reading {
  value: string;
  /** performance.now() when the read was sent */
  sentAt: number;
}

/**
 * A fleet-wide version of robot credentials, kept in Redis: every API process may reuse a robot
 * secret it verified only while this value is unchanged, and decommissioning a robot or rotating its
 * secret sets a new random value — so a cached secret stops working on every process at once (by the
 * time that operation answers). Random values, not a counter: after a Redis flush (value gone) a new
 * one is set, and no entry cached before can ever match it again. While Redis is unreachable nothing
 * is cached (every request checks PostgreSQL).
 *
 * A process reads the value at most once per CREDENTIAL_EPOCH_REUSE_MS, not once per request: a robot
 * request is then answered without a Redis round trip (one per telemetry batch and config poll before;
 * docs/benchmarks.md, issue 15). Concurrent callers share one read.
 */
@Injectable()
export class CredentialEpoch implements OnModuleInit {
  private redis!: RedisClient;
  private last: Reading | undefined;
  private reading: Promise<Reading | undefined> | undefined;
  /** The monotonic clock (ms); replaced in unit tests. */
  now: () => number = () => performance.now();

  constructor(
    @Inject(RedisConnections) private readonly connections: RedisConnections,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.redis = this.connections.create('credential-epoch');
  }

  private get key() {
    return `${this.connections.keyPrefix}robot-credentials-epoch`;
  }

  /** The current value (set now if missing), or undefined when Redis does not answer. */
  async current(): Promise<string | undefined> {
    const arrived = this.now();
    if (this.last && arrived - this.last.sentAt < CREDENTIAL_EPOCH_REUSE_MS) return this.last.value;
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    const shared = await this.reading;
    if (!shared) return undefined;
    // A read sent after this call began is as fresh as one of its own; an older shared one counts only
    // within the reuse bound (a slow Redis): otherwise read again.
    if (shared.sentAt >= arrived || this.now() - shared.sentAt < CREDENTIAL_EPOCH_REUSE_MS) {
      return shared.value;
    }
    return (await this.read())?.value;
  }

  private async read(): Promise<Reading | undefined> {
    const sentAt = this.now();
    try {
      const fresh = randomBytes(12).toString('base64url');
      // SET NX GET: the existing value, or null when ours was set
      const existing = (await this.redis.call('SET', this.key, fresh, 'NX', 'GET')) as string | null;
      const reading = { value: existing ?? fresh, sentAt };
      if (!this.last || sentAt >= this.last.sentAt) this.last = reading;
      return reading;
    } catch {
      return undefined;
    }
  }

  /**
   * Invalidates every cached robot credential on every process; false when Redis did not take it.
   * Resolves CREDENTIAL_EPOCH_REUSE_MS after Redis took the new value: by then every process has
   * stopped reusing a value it read before.
   */
  async bump(): Promise<boolean> {
    const value = randomBytes(12).toString('base64url');
    try {
      const sentAt = this.now();
      await this.redis.set(this.key, value);
      this.last = { value, sentAt };
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not invalidate cached robot credentials');
      return false;
    }
    await sleep(CREDENTIAL_EPOCH_REUSE_MS);
    return true;
  }
}
