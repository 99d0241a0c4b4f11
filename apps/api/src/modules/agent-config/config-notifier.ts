import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { type RedisClient, RedisConnections } from '../../infrastructure/redis-connections.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { IssuedConfig } from './agent-config.repository.js';

const ALL = '*';
/**
 * A change message carries the issued configs of at most this many robots (about 60 bytes each on
 * top of the robot's id); a larger change names its robots only and every process re-reads them.
 */
export const MAX_CARRIED_CONFIGS = 25_000;

/**
 * The message format, kept readable by older processes: a JSON array of the changed robots' ids,
 * followed — when the sender carries the issued configs — by one object (older receivers keep the
 * strings and ignore it): `versions[i]` is the i-th robot's new version, `of[i]` (omitted when all
 * share one) the index of its config in `configs`.
 */
interface CarriedConfigs {
  issued: 1;
  versions: number[];
  configs: {
    policyVersionId: string;
    rolloutId: string | null;
    issuedAt: string;
    tau: number;
    persistMode: string | null;
  }[];
  of?: number[];
}

/** What a process hears: the robots whose desired config changed, and their new configs when carried. */
export type ConfigChangeListener = (robotIds: string[] | 'all', issued?: IssuedConfig[]) => void;

/**
 * Carries desired-config changes across every API and worker process: a change is published on one
 * Redis channel naming every robot it moved (a rollout step is one message, however many robots) and,
 * up to MAX_CARRIED_CONFIGS robots, the (robot → version) configs it issued; each process hands it to
 * its listener (DesiredConfigStore, which takes carried configs as they are, re-reads the robots of a
 * message that carries none from PostgreSQL in one query, and then wakes their long-polls through
 * `wake`). Also holds this process's
 * waiting long-polls. A missed message is repaired by the store's periodic sweep and by the
 * re-subscription hook (the store re-reads after Redis comes back): PostgreSQL stays the state of record.
 */
@Injectable()
export class ConfigNotifier implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private publisher!: RedisClient;
  private subscriber!: RedisClient;
  private readonly waiters = new Map<string, Set<() => void>>();
  private listener: ConfigChangeListener | undefined;
  private resubscribed: (() => void) | undefined;
  private subscribedOnce = false;
  private count = 0;

  constructor(
    @Inject(RedisConnections) private readonly connections: RedisConnections,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(MetricsService) metrics: MetricsService,
  ) {
    metrics.gauge(
      'aura_config_longpolls_waiting',
      'Config long-polls waiting in this process',
      () => this.waiting,
    );
  }

  get channel(): string {
    return `${this.connections.keyPrefix}config-changed`;
  }

  onModuleInit() {
    this.publisher = this.connections.create('config-publish');
    this.subscriber = this.connections.createSubscriber('config-subscribe');
    this.subscriber.on('message', (_channel: string, message: string) => this.onMessage(message));
    // After a reconnect, messages published in between were missed: let the listener catch up.
    this.subscriber.on('ready', () => {
      if (this.subscribedOnce) this.resubscribed?.();
      this.subscribedOnce = true;
    });
    // Not awaited: with Redis down the API still starts; the subscription happens on (re)connect.
    this.subscriber.subscribe(this.channel).catch((error: Error) => {
      this.logger.warn({ err: error.message }, 'config wake-ups unavailable until Redis is reachable');
    });
  }

  /** True once shutdown began: long-polls answer 304 at once instead of touching the database. */
  closing = false;

  /** Before any module is torn down: release every waiting long-poll. */
  beforeApplicationShutdown() {
    this.closing = true;
    for (const set of [...this.waiters.values()]) for (const wake of [...set]) wake();
  }

  async onModuleDestroy() {
    this.beforeApplicationShutdown();
    this.waiters.clear();
    this.count = 0;
  }

  /**
   * Announces changed desired configs (after the transaction that made them committed): the robots'
   * ids, or the issued configs themselves (carried in the message up to MAX_CARRIED_CONFIGS robots).
   */
  async publish(changes: readonly string[] | readonly IssuedConfig[] | 'all'): Promise<void> {
    if (changes !== 'all' && changes.length === 0) return;
    const message = changes === 'all' ? ALL : encodeChange(changes);
    try {
      await this.publisher.publish(this.channel, message);
    } catch (error) {
      // Robots still converge when their long-poll times out and re-reads the database.
      this.logger.warn({ err: (error as Error).message }, 'could not publish config change');
    }
  }

  /**
   * Where change messages go (one listener per process: the config store). Without one, a message
   * wakes the named robots' long-polls directly. `resubscribed` runs when Redis came back.
   */
  listen(listener: ConfigChangeListener, resubscribed: () => void) {
    this.listener = listener;
    this.resubscribed = resubscribed;
  }

  /** Wakes the long-polls of these robots (or all) in this process; returns how many robots had one. */
  wake(robotIds: Iterable<string> | 'all'): number {
    let robots = 0;
    if (robotIds === 'all') {
      for (const set of [...this.waiters.values()]) {
        robots++;
        for (const wake of [...set]) wake();
      }
      return robots;
    }
    for (const id of robotIds) {
      const set = this.waiters.get(id);
      if (set) {
        robots++;
        for (const wake of [...set]) wake();
      }
    }
    return robots;
  }

  /** Resolves when `robotId` may have a new config, or after `ms`. */
  wait(robotId: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(robotId) ?? new Set<() => void>();
      this.waiters.set(robotId, set);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        if (set.delete(done)) this.count--;
        if (set.size === 0 && this.waiters.get(robotId) === set) this.waiters.delete(robotId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      set.add(done);
      this.count++;
    });
  }

  /** Long-polls waiting in this process now. */
  get waiting(): number {
    return this.count;
  }

  private onMessage(message: string) {
    let ids: string[] | 'all';
    let issued: IssuedConfig[] | undefined;
    if (message === ALL) ids = 'all';
    else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message);
      } catch {
        return;
      }
      if (!Array.isArray(parsed)) return;
      ids = parsed.filter((id): id is string => typeof id === 'string');
      const last: unknown = parsed.at(-1);
      if (typeof last === 'object' && last !== null) issued = decodeCarried(ids, last);
    }
    if (this.listener) this.listener(ids, issued);
    else this.wake(ids);
  }
}

/** The message for a change: ids only, or ids and the carried configs (see CarriedConfigs). */
export function encodeChange(changes: readonly string[] | readonly IssuedConfig[]): string {
  const first = changes[0];
  if (typeof first === 'string' || first === undefined) return JSON.stringify(changes);
  const rows = changes as readonly IssuedConfig[];
  const ids = rows.map((row) => row.robot_id);
  if (rows.length > MAX_CARRIED_CONFIGS) return JSON.stringify(ids);
  const configs: CarriedConfigs['configs'] = [];
  const index = new Map<string, number>();
  const of = rows.map((row) => {
    const issuedAt = row.issued_at.toISOString();
    const key = `${row.policy_version_id}|${row.rollout_id}|${issuedAt}|${row.tau}|${row.persist_mode}`;
    let i = index.get(key);
    if (i === undefined) {
      i = configs.length;
      index.set(key, i);
      configs.push({
        policyVersionId: row.policy_version_id,
        rolloutId: row.rollout_id,
        issuedAt,
        tau: row.tau,
        persistMode: row.persist_mode,
      });
    }
    return i;
  });
  const carried: CarriedConfigs = {
    issued: 1,
    versions: rows.map((row) => row.version),
    configs,
    ...(configs.length > 1 ? { of } : {}),
  };
  return JSON.stringify([...ids, carried]);
}

/** The carried configs of a message, or undefined (→ re-read) when they do not fit its ids. */
export function decodeCarried(ids: readonly string[], value: object): IssuedConfig[] | undefined {
  const carried = value as Partial<CarriedConfigs>;
  const { versions, configs, of } = carried;
  if (carried.issued !== 1 || !Array.isArray(versions) || !Array.isArray(configs)) return undefined;
  if (versions.length !== ids.length || configs.length === 0) return undefined;
  if (of !== undefined && (!Array.isArray(of) || of.length !== ids.length)) return undefined;
  if (of === undefined && configs.length !== 1) return undefined;
  const decoded: IssuedConfig[] = [];
  for (const [i, robotId] of ids.entries()) {
    const version = versions[i];
    const config = configs[of ? (of[i] as number) : 0];
    if (!Number.isSafeInteger(version) || !config || typeof config !== 'object') return undefined;
    const issuedAt = new Date(config.issuedAt);
    if (
      typeof config.policyVersionId !== 'string' ||
      (config.rolloutId !== null && typeof config.rolloutId !== 'string') ||
      typeof config.tau !== 'number' ||
      (config.persistMode !== null && typeof config.persistMode !== 'string') ||
      Number.isNaN(issuedAt.getTime())
    ) {
      return undefined;
    }
    decoded.push({
      robot_id: robotId,
      version: version as number,
      policy_version_id: config.policyVersionId,
      rollout_id: config.rolloutId,
      issued_at: issuedAt,
      tau: config.tau,
      persist_mode: config.persistMode,
      delivered: false,
    });
  }
  return decoded;
}
