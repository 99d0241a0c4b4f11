import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { AuthRepository } from './auth.repository.js';

/** A cached secret counts for this long after the last PostgreSQL check that confirmed it. */
export const ROBOT_CREDENTIAL_TTL_MS = 60_000;
/** Every cached secret is re-checked in bulk this often (well inside the TTL, so none expires). */
export const ROBOT_CREDENTIAL_RECHECK_MS = 20_000;
const MAX_ENTRIES = 100_000;
const RECHECK_CHUNK = 10_000;

interface Entry {
  readonly robotId: string;
  readonly epoch: string;
  /** Until when (ms) it counts: ROBOT_CREDENTIAL_TTL_MS after the check that confirmed it began. */
  expires: number;
}

/**
 * Verified robot secrets (by SHA-256 of the token, which is what robot.secret_hash stores) → robot id.
 * An entry counts only under the fleet's CredentialEpoch it was cached with (decommission and secret
 * rotation change it: a revoked secret stops working on every process at once) and for
 * ROBOT_CREDENTIAL_TTL_MS after PostgreSQL last confirmed it — the bound when Redis could not take
 * the epoch change.
 *
 * The confirmation is done in bulk, not per robot: every ROBOT_CREDENTIAL_RECHECK_MS one statement per
 * 10,000 cached robots re-reads their hash and decommission time, drops entries that no longer match
 * and extends the others. Before, each entry simply expired after a minute and the robot's next
 * request looked its secret up again: at 10,000 long-polling robots that was a stream of look-ups
 * (≈ 170/s) plus bursts whenever a rollout step woke thousands of robots at once, enough to exhaust
 * the PostgreSQL pool (a whole 500-robot look-up batch answered 503 in the 10,000-robot bench).
 * A robot's poll now touches PostgreSQL only on its first request to the process.
 */
@Injectable()
export class RobotCredentialCache implements OnModuleInit, OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private rechecking = false;

  constructor(
    @Inject(AuthRepository) private readonly credentials: AuthRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.timer = setInterval(() => void this.recheck(), ROBOT_CREDENTIAL_RECHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy() {
    clearInterval(this.timer);
  }

  /** The robot id cached for this token hash under `epoch`, if it still counts. */
  get(tokenHash: string, epoch: string | undefined, now = Date.now()): string | undefined {
    const entry = this.entries.get(tokenHash);
    if (entry && epoch !== undefined && entry.epoch === epoch && entry.expires > now) return entry.robotId;
    if (entry) this.entries.delete(tokenHash);
    return undefined;
  }

  /** Caches a secret just verified against PostgreSQL (`checkedAt`: when that look-up began). */
  set(tokenHash: string, robotId: string, epoch: string, checkedAt: number) {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(tokenHash, { robotId, epoch, expires: checkedAt + ROBOT_CREDENTIAL_TTL_MS });
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Re-checks every cached secret against PostgreSQL (one statement per 10,000 robots): drops those
   * whose robot is gone, decommissioned or has another secret now, and extends the rest. On failure
   * nothing is extended (entries then lapse after their TTL, as if never re-checked).
   */
  async recheck(): Promise<void> {
    if (this.rechecking || this.entries.size === 0) return;
    this.rechecking = true;
    try {
      const checkedAt = Date.now(); // before any statement is sent: the conservative bound
      const snapshot = [...this.entries];
      const ids = [...new Set(snapshot.map(([, entry]) => entry.robotId))];
      const rows = new Map<string, { secretHash: string; decommissionedAt: Date | null }>();
      for (let i = 0; i < ids.length; i += RECHECK_CHUNK) {
        for (const row of await this.credentials.robotCredentialsByIds(ids.slice(i, i + RECHECK_CHUNK)))
          rows.set(row.id, row);
      }
      let dropped = 0;
      for (const [tokenHash, entry] of snapshot) {
        if (this.entries.get(tokenHash) !== entry) continue; // replaced or dropped meanwhile
        const row = rows.get(entry.robotId);
        if (!row || row.decommissionedAt || row.secretHash !== tokenHash) {
          this.entries.delete(tokenHash);
          dropped++;
        } else entry.expires = Math.max(entry.expires, checkedAt + ROBOT_CREDENTIAL_TTL_MS);
      }
      if (dropped > 0) this.logger.info({ dropped }, 'cached robot secrets no longer valid; dropped');
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not re-check cached robot secrets');
    } finally {
      this.rechecking = false;
    }
  }
}
