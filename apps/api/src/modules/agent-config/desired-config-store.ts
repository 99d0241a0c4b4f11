import type { ConfigEnvelope, UnsignedConfigEnvelope } from '@aura/core';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { toWirePersistMode } from '../../common/persist-mode.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { SigningKeyring } from '../signing-keys/signing-keyring.js';
import {
  AgentConfigRepository,
  type DesiredConfigRow,
  type IssuedConfig,
} from './agent-config.repository.js';
import { ConfigNotifier } from './config-notifier.js';
import { DeliveryTiming, type DeliveryWave } from './delivery-timing.js';

/** A robot's desired config as this process holds it. */
export interface CachedConfig {
  readonly version: number;
  readonly fields: Omit<UnsignedConfigEnvelope, 'keyId'>;
  /** Signed on its first delivery by this process, then handed out as is. */
  envelope?: ConfigEnvelope;
  /** Known to be marked delivered in PostgreSQL (no bookkeeping needed on the next delivery). */
  delivered: boolean;
  /** The re-read that brought this version, until its first delivery here (timing, DeliveryTiming). */
  wave?: DeliveryWave;
}

/** Robots re-read per statement when a change names many. */
const REFRESH_CHUNK = 10_000;
/** After a failed re-read (pool timeout, PostgreSQL away), the first retry; doubled up to the max. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5_000;
/**
 * How long the sweep waits for a change it found to be announced before calling it missed: a change
 * committed just before the sweep's read is normally announced a few milliseconds later (commit, then
 * publish), and was logged as a missed notification when the sweep won that race.
 */
const ANNOUNCE_GRACE_MS = 1_000;

/**
 * The desired config of every robot, in this API process's memory, so that a config poll — above all
 * one whose ETag is current — is answered without PostgreSQL (DESIGN.md §6b; issue 15):
 *
 * - loaded in bulk when the API starts (one query), and a robot enrolled later is read on its first poll;
 * - kept current by change notifications (ConfigNotifier): each names many robots and normally
 *   carries their issued configs, which are taken as they are (no PostgreSQL); the robots of a
 *   notification that carries none (over MAX_CARRIED_CONFIGS, an older sender) and of every other such
 *   notification that arrives while a re-read is running are re-read together in one statement; their
 *   long-polls are woken once the new envelopes are in memory;
 * - each envelope is signed once per process, on its first delivery, not per poll;
 * - a re-read that failed (PostgreSQL pool timeout, outage) is retried after 250 ms, doubling to 5 s;
 * - repaired by a sweep every long-poll period (every robot's desired version, one query) and on
 *   Redis re-subscription, so a lost notification delays a robot by at most about one long-poll;
 * - rebuilt from PostgreSQL, the state of record, by a restarted process. Versions only move forward.
 */
@Injectable()
export class DesiredConfigStore implements OnModuleDestroy {
  private readonly entries = new Map<string, CachedConfig>();
  private loaded: Promise<void> | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly pending = new Set<string>();
  /** When the oldest change waiting in `pending` was heard of. */
  private pendingSince = 0;
  /** Robots whose re-read is running now (the sweep does not count them as missed). */
  private readonly reading = new Set<string>();
  private reloadAll = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = RETRY_FIRST_MS;
  private destroyed = false;
  private chain: Promise<void> = Promise.resolve();
  private scheduled: Promise<void> | undefined;
  private sweeping = false;

  constructor(
    @Inject(AgentConfigRepository) private readonly configs: AgentConfigRepository,
    @Inject(ConfigNotifier) private readonly notifier: ConfigNotifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SigningKeyring) private readonly keyring: SigningKeyring,
    @Inject(DeliveryTiming) private readonly timing: DeliveryTiming,
  ) {}

  /**
   * Loads every robot's desired config and starts following changes (the API calls it at start; the
   * first poll otherwise). Resolves once the bulk load is done; idempotent.
   */
  start(): Promise<void> {
    if (!this.loaded) {
      this.notifier.listen(
        (robotIds, issued) =>
          issued ? this.take(issued) : void this.refresh(robotIds).catch(() => undefined),
        () => void this.sweep(),
      );
      this.loaded = this.refresh('all').catch((error: unknown) => {
        // Not loaded: the next call tries again (robots are then read on demand meanwhile).
        this.loaded = undefined;
        throw error;
      });
      const every = this.config.configLongPollMaxSeconds * 1000;
      this.sweepTimer ??= setInterval(() => void this.sweep(), every);
      this.sweepTimer.unref();
    }
    return this.loaded;
  }

  onModuleDestroy() {
    clearInterval(this.sweepTimer);
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.destroyed = true;
  }

  /** Robots held in memory. */
  get size(): number {
    return this.entries.size;
  }

  /** The robot's desired config (read from PostgreSQL only when this process does not hold it yet). */
  async current(robotId: string): Promise<CachedConfig | undefined> {
    await this.start();
    const entry = this.entries.get(robotId);
    if (entry) return entry;
    await this.refresh([robotId]);
    return this.entries.get(robotId);
  }

  /**
   * Re-reads these robots (or all) from PostgreSQL, together with every other robot named while this
   * waited, and wakes the long-polls of those whose version moved. Resolves once they are in memory.
   */
  refresh(robotIds: readonly string[] | 'all'): Promise<void> {
    if (robotIds === 'all') this.reloadAll = true;
    else {
      if (this.pending.size === 0 && robotIds.length > 0) this.pendingSince = Date.now();
      for (const id of robotIds) this.pending.add(id);
    }
    if (!this.scheduled) {
      const run = this.chain.then(() => {
        this.scheduled = undefined;
        return this.reread();
      });
      this.scheduled = run;
      this.chain = run.catch(() => undefined);
    }
    return this.scheduled;
  }

  /**
   * Takes configs a change message carried (issued and committed by the sender) as they are, without
   * re-reading them, and wakes the long-polls of the robots whose version moved.
   */
  take(issued: readonly IssuedConfig[]) {
    const heardAt = Date.now();
    const changed: string[] = [];
    for (const row of issued) if (this.apply(row)) changed.push(row.robot_id);
    if (changed.length === 0) return;
    const wokenAt = Date.now();
    const waiting = this.notifier.wake(changed);
    this.trackWave(changed, {
      notifiedAt: heardAt,
      readStartedAt: heardAt,
      readMs: 0,
      carried: true,
      changed: changed.length,
      waiting,
      wokenAt,
      wakeLoopMs: Date.now() - wokenAt,
    });
  }

  /** Compares every robot's desired version with memory and re-reads those that differ. */
  async sweep(): Promise<void> {
    if (this.sweeping || !this.loaded) return;
    this.sweeping = true;
    try {
      const behind = new Map<string, number>();
      const present = new Set<string>();
      // A robot already queued or being re-read was announced: it is on its way, not missed.
      const unannounced = (id: string, v: number) => {
        const entry = this.entries.get(id);
        return entry !== undefined && entry.version < v && !this.pending.has(id) && !this.reading.has(id);
      };
      for (const { id, v } of await this.configs.desiredVersions()) {
        present.add(id);
        if (unannounced(id, v)) behind.set(id, v);
      }
      for (const id of this.entries.keys()) if (!present.has(id)) this.entries.delete(id);
      // A change committed just before that read may be announced a moment later: give it the grace.
      if (behind.size > 0) await new Promise((resolve) => setTimeout(resolve, ANNOUNCE_GRACE_MS));
      const stale = [...behind].filter(([id, v]) => unannounced(id, v)).map(([id]) => id);
      if (stale.length > 0) {
        this.logger.warn({ robots: stale.length }, 'config sweep found missed changes; re-reading');
        await this.refresh(stale);
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'config sweep failed; retrying next period');
    } finally {
      this.sweeping = false;
    }
  }

  private async reread() {
    const all = this.reloadAll;
    const ids = all ? [] : [...this.pending];
    const notifiedAt = this.pendingSince;
    const readStartedAt = Date.now();
    this.reloadAll = false;
    this.pending.clear();
    for (const id of ids) this.reading.add(id);
    try {
      const changed: string[] = [];
      if (all) {
        const rows = await this.configs.loadDesired();
        const present = new Set<string>();
        for (const row of rows) {
          present.add(row.robot_id);
          if (this.apply(row)) changed.push(row.robot_id);
        }
        for (const id of this.entries.keys()) if (!present.has(id)) this.entries.delete(id);
      } else {
        for (let i = 0; i < ids.length; i += REFRESH_CHUNK) {
          for (const row of await this.configs.loadDesired(ids.slice(i, i + REFRESH_CHUNK))) {
            if (this.apply(row)) changed.push(row.robot_id);
          }
        }
      }
      this.retryMs = RETRY_FIRST_MS;
      const readMs = Date.now() - readStartedAt;
      if (all || changed.length === 0) {
        this.notifier.wake(changed);
        return;
      }
      // Timed (DeliveryTiming): heard of → re-read → woken → each envelope handed out.
      const wokenAt = Date.now();
      const waiting = this.notifier.wake(changed);
      this.trackWave(changed, {
        notifiedAt: notifiedAt || readStartedAt,
        readStartedAt,
        readMs,
        carried: false,
        changed: changed.length,
        waiting,
        wokenAt,
        wakeLoopMs: Date.now() - wokenAt,
      });
    } catch (error) {
      // Keep what was asked for and try again shortly (doubling, ≤ RETRY_MAX_MS): a change whose
      // re-read failed once (a pool timeout under load) must not wait for the sweep, a long-poll away.
      if (all) this.reloadAll = true;
      for (const id of ids) this.pending.add(id);
      this.logger.warn(
        { err: (error as Error).message, robots: all ? 'all' : ids.length, retryInMs: this.retryMs },
        'could not re-read desired configs; retrying',
      );
      this.scheduleRetry();
      throw error;
    } finally {
      for (const id of ids) this.reading.delete(id);
    }
  }

  private trackWave(changed: readonly string[], fields: Parameters<DeliveryTiming['wave']>[0]) {
    const wave = this.timing.wave(fields);
    for (const id of changed) {
      const entry = this.entries.get(id);
      if (entry) entry.wave = wave;
    }
  }

  private scheduleRetry() {
    if (this.retryTimer || this.destroyed) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.pending.size > 0 || this.reloadAll) void this.refresh([]).catch(() => undefined);
    }, delay);
    this.retryTimer.unref();
  }

  /** Takes a row read from PostgreSQL if it is newer than what is held; true when it was. */
  private apply(row: DesiredConfigRow): boolean {
    const held = this.entries.get(row.robot_id);
    if (held && held.version >= row.version) {
      if (held.version === row.version && row.delivered) held.delivered = true;
      return false;
    }
    const persistMode = toWirePersistMode(row.persist_mode);
    const fields = {
      robotId: row.robot_id,
      policyVersionId: row.policy_version_id,
      version: row.version,
      tau: row.tau,
      ...(persistMode ? { persistMode } : {}),
      issuedAt: row.issued_at.toISOString(),
      ...(row.rollout_id ? { rolloutId: row.rollout_id } : {}),
    };
    this.entries.set(row.robot_id, { version: row.version, fields, delivered: row.delivered });
    return true;
  }

  /** The entry's signed envelope (signed here once by the fleet's active key, again after a key change). */
  signed(entry: CachedConfig): ConfigEnvelope {
    if (entry.envelope?.keyId !== this.keyring.activeKeyId())
      entry.envelope = this.keyring.sign(entry.fields);
    return entry.envelope;
  }
}
