import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from './logger.js';

/** Connection options for ioredis / BullMQ parsed from REDIS_URL. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(Number.isInteger(db) ? { db } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // Keep trying in the background: a Redis restart must not need a process restart.
    retryStrategy: (attempt: number) => Math.min(200 * attempt, 2000),
  };
}

/**
 * Owns the process's direct Redis connections (BullMQ manages its own). Every key this process
 * writes directly carries REDIS_PREFIX, so parallel test runs and tenants never collide.
 */
@Injectable()
export class RedisConnections implements OnModuleDestroy {
  private readonly clients = new Set<Redis>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get keyPrefix(): string {
    return `${this.config.redis.prefix}:`;
  }

  /** A connection that fails fast while Redis is unreachable (for health checks and commands). */
  create(purpose: string): Redis {
    const client = new Redis({
      ...redisOptionsFromUrl(this.config.redis.url),
      connectionName: `aura-${purpose}`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    });
    let reported = false;
    client.on('error', (error: Error) => {
      if (!reported) this.logger.warn({ err: error.message, purpose }, 'redis connection error; retrying');
      reported = true;
    });
    client.on('ready', () => {
      reported = false;
    });
    this.clients.add(client);
    return client;
  }

  /** A pub/sub subscriber: queues commands while reconnecting and re-subscribes automatically. */
  createSubscriber(purpose: string): Redis {
    const client = new Redis({
      ...redisOptionsFromUrl(this.config.redis.url),
      connectionName: `aura-${purpose}`,
      autoResubscribe: true,
      maxRetriesPerRequest: null,
    });
    client.on('error', (error: Error) =>
      this.logger.debug({ err: error.message, purpose }, 'redis subscriber error'),
    );
    this.clients.add(client);
    return client;
  }

  async onModuleDestroy() {
    // quit() waits for Redis to answer; a client that is not connected would wait forever.
    await Promise.all(
      [...this.clients].map((client) =>
        client.status === 'ready'
          ? Promise.race([client.quit(), new Promise((resolve) => setTimeout(resolve, 1000))])
              .catch(() => undefined)
              .finally(() => client.disconnect())
          : client.disconnect(),
      ),
    );
    this.clients.clear();
  }
}
