import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { type RedisClient, RedisConnections } from '../../infrastructure/redis-connections.js';

/**
 * A fleet-wide version of robot credentials, kept in Redis: every API process may reuse a robot
 * secret it verified only while this value is unchanged, and decommissioning a robot or rotating its
 * secret sets a new random value — so a cached secret stops working on every process at once, with
 * no time window. Random values, not a counter: after a Redis flush (value gone) a new one is set,
 * and no entry cached before can ever match it again. While Redis is unreachable nothing is cached
 * (every request checks PostgreSQL).
 */
@Injectable()
export class CredentialEpoch implements OnModuleInit {
  private redis!: RedisClient;

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
    try {
      const fresh = randomBytes(12).toString('base64url');
      // SET NX GET: the existing value, or null when ours was set
      const existing = (await this.redis.call('SET', this.key, fresh, 'NX', 'GET')) as string | null;
      return existing ?? fresh;
    } catch {
      return undefined;
    }
  }

  /** Invalidates every cached robot credential on every process; false when Redis did not take it. */
  async bump(): Promise<boolean> {
    try {
      await this.redis.set(this.key, randomBytes(12).toString('base64url'));
      return true;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not invalidate cached robot credentials');
      return false;
    }
  }
}
