import { type BeforeApplicationShutdown, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { type RedisClient, RedisConnections } from '../../infrastructure/redis-connections.js';
import { HealthRepository } from './health.repository.js';

/**
 * `error` is a category (`timeout`, `unreachable`, `failed`), never the driver's message: /healthz and
 * /readyz answer anyone, and raw errors name hosts, ports and users. The message goes to the log.
 */
export type DependencyStatus =
  | { status: 'up'; latencyMs: number }
  | { status: 'down'; error: 'timeout' | 'unreachable' | 'failed' };

class ProbeTimeout extends Error {}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);

function category(error: unknown): 'timeout' | 'unreachable' | 'failed' {
  if (error instanceof AggregateError && error.errors.length > 0) return category(error.errors[0]);
  if (error instanceof ProbeTimeout) return 'timeout';
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (
    (typeof code === 'string' && UNREACHABLE.has(code)) ||
    /not connected|connect|terminated|closed/i.test(message)
  )
    return 'unreachable';
  return 'failed';
}

export interface HealthReport {
  status: 'ok' | 'error';
  checks: { database: DependencyStatus; redis: DependencyStatus };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown })?.code;
  return (
    (typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message).split('\n')[0] ??
    ''
  );
}

/** Answers "can this process reach its database and Redis right now?" without ever throwing. */
@Injectable()
export class HealthService implements OnModuleInit, BeforeApplicationShutdown {
  private redis!: RedisClient;
  private draining = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(HealthRepository) private readonly database: HealthRepository,
    @Inject(RedisConnections) private readonly connections: RedisConnections,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.redis = this.connections.create('health');
  }

  /** Stop taking traffic as soon as shutdown begins, so load balancers drain this instance. */
  beforeApplicationShutdown() {
    this.draining = true;
  }

  /** Ready = dependencies up and not shutting down. */
  async ready(): Promise<HealthReport & { draining: boolean }> {
    const report = await this.check();
    return { ...report, status: this.draining ? 'error' : report.status, draining: this.draining };
  }

  async check(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([
      this.probe(() => this.database.ping(), 'database'),
      this.probe(() => this.pingRedis(), 'redis'),
    ]);
    return {
      status: database.status === 'up' && redis.status === 'up' ? 'ok' : 'error',
      checks: { database, redis },
    };
  }

  /** Commands fail fast while disconnected; give a (re)connecting client the check's time budget. */
  private async pingRedis(): Promise<string> {
    if (this.redis.status !== 'ready') {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.redis.off('ready', onReady);
          reject(new Error(`not connected (${this.redis.status})`));
        }, this.config.healthCheckTimeoutMs);
        const onReady = () => {
          clearTimeout(timer);
          resolve();
        };
        this.redis.once('ready', onReady);
      });
    }
    return this.redis.ping();
  }

  private async probe(run: () => Promise<unknown>, what: string): Promise<DependencyStatus> {
    const started = performance.now();
    try {
      await withTimeout(run(), this.config.healthCheckTimeoutMs + 100, what);
      return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch (error) {
      const reason = category(error);
      this.logger.warn({ dependency: what, reason, err: describe(error) }, `health check: ${what} is down`);
      return { status: 'down', error: reason };
    }
  }
}
