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

const ALL = '*';

/**
 * Carries desired-config changes across every API and worker process: a change is published on one
 * Redis channel naming every robot it moved (a rollout step is one message, however many robots), and
 * each process hands it to its listener (DesiredConfigStore, which re-reads those robots from
 * PostgreSQL in one query and then wakes their long-polls through `wake`). Also holds this process's
 * waiting long-polls. A missed message is repaired by the store's periodic sweep and by the
 * re-subscription hook (the store re-reads after Redis comes back): PostgreSQL stays the state of record.
 */
@Injectable()
export class ConfigNotifier implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private publisher!: RedisClient;
  private subscriber!: RedisClient;
  private readonly waiters = new Map<string, Set<() => void>>();
  private listener: ((robotIds: string[] | 'all') => void) | undefined;
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

  /** Announces changed desired configs (after the transaction that made them committed). */
  async publish(robotIds: readonly string[] | 'all'): Promise<void> {
    const message = robotIds === 'all' ? ALL : JSON.stringify(robotIds);
    if (robotIds !== 'all' && robotIds.length === 0) return;
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
  listen(listener: (robotIds: string[] | 'all') => void, resubscribed: () => void) {
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
    }
    if (this.listener) this.listener(ids);
    else this.wake(ids);
  }
}
