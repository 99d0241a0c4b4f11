import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { RedisConnections } from '../../infrastructure/redis-connections.js';
import { MetricsService } from '../metrics/metrics.service.js';

const ALL = '*';

/**
 * Wakes long-polling config requests when a robot's desired config changes, across every API
 * process: changes are published on one Redis channel; each process wakes its local waiters.
 * A missed message only delays a robot until its long-poll ends (≤ 30 s) — it never loses a change,
 * because the waiter always re-reads PostgreSQL, the state of record.
 */
@Injectable()
export class ConfigNotifier implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private publisher!: Redis;
  private subscriber!: Redis;
  private readonly waiters = new Map<string, Set<() => void>>();

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

  /** Resolves when `robotId` may have a new config, or after `ms`. */
  wait(robotId: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(robotId) ?? new Set<() => void>();
      this.waiters.set(robotId, set);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        set.delete(done);
        if (set.size === 0 && this.waiters.get(robotId) === set) this.waiters.delete(robotId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      set.add(done);
    });
  }

  get waiting(): number {
    let count = 0;
    for (const set of this.waiters.values()) count += set.size;
    return count;
  }

  private onMessage(message: string) {
    if (message === ALL) {
      for (const set of [...this.waiters.values()]) for (const wake of [...set]) wake();
      return;
    }
    let ids: unknown;
    try {
      ids = JSON.parse(message);
    } catch {
      return;
    }
    if (!Array.isArray(ids)) return;
    for (const id of ids) {
      const set = typeof id === 'string' ? this.waiters.get(id) : undefined;
      if (set) for (const wake of [...set]) wake();
    }
  }
}
