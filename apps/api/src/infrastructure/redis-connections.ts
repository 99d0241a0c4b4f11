import { Inject, Injectable, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from './logger.js';

/** A Redis client of this process: one server (`Redis`) or a Redis Cluster (`Cluster`, REDIS_CLUSTER_NODES). */
export type RedisClient = Redis | Cluster;

// Keep trying in the background: a Redis restart must not need a process restart.
const reconnectDelay = (attempt: number) => Math.min(200 * attempt, 2000);

/** Connection options for ioredis / BullMQ parsed from REDIS_URL. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...credentialsFromUrl(parsed),
    ...(Number.isInteger(db) ? { db } : {}),
    retryStrategy: reconnectDelay,
  };
}

/** What every connection to a cluster node takes from REDIS_URL: user, password and TLS (no host, no db). */
function credentialsFromUrl(parsed: URL): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** Per-connection behaviour, the same on one server and on every node of a cluster. */
type ClientBehaviour = Pick<
  RedisOptions,
  'connectionName' | 'maxRetriesPerRequest' | 'enableOfflineQueue' | 'autoResubscribe'
>;

/**
 * Owns the process's Redis connections: its direct ones and, on Redis Cluster, BullMQ's (on one
 * server BullMQ connects from REDIS_URL itself). Every key this process writes carries REDIS_PREFIX,
 * so parallel test runs and tenants never collide; on a cluster the prefix's {hash tag} (required by
 * the config) keeps them all in one slot.
 */
@Injectable()
export class RedisConnections implements OnModuleDestroy, OnApplicationShutdown {
  private readonly clients = new Set<RedisClient>();
  private bull: Cluster | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get keyPrefix(): string {
    return `${this.config.redis.prefix}:`;
  }

  /** True when REDIS_CLUSTER_NODES names a Redis Cluster. */
  get clustered(): boolean {
    return this.config.redis.clusterNodes !== null;
  }

  /** A connection that fails fast while Redis is unreachable (for health checks and commands). */
  create(purpose: string): RedisClient {
    const client = this.connect({
      connectionName: `aura-${purpose}`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
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

  /**
   * A pub/sub subscriber: queues commands while reconnecting and re-subscribes automatically. On a
   * cluster, PUBLISH reaches every node, so a subscriber on any node hears every message.
   */
  createSubscriber(purpose: string): RedisClient {
    const client = this.connect({
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

  /**
   * BullMQ's connection: on one server its options (BullMQ connects, and closes what it opened); on a
   * cluster one shared `Cluster` client (BullMQ duplicates it for each worker's blocking reads), closed
   * here after every queue and worker has closed.
   */
  bullConnection(): ConnectionOptions {
    if (!this.clustered) {
      return { url: this.config.redis.url, maxRetriesPerRequest: null, retryStrategy: reconnectDelay };
    }
    this.bull ??= this.cluster({ connectionName: 'aura-bullmq', maxRetriesPerRequest: null });
    return this.bull;
  }

  private connect(behaviour: ClientBehaviour): RedisClient {
    if (this.clustered) return this.cluster(behaviour);
    return new Redis({ ...redisOptionsFromUrl(this.config.redis.url), ...behaviour, lazyConnect: false });
  }

  private cluster(behaviour: ClientBehaviour): Cluster {
    const { enableOfflineQueue, ...perNode } = behaviour;
    const options: ClusterOptions = {
      redisOptions: { ...credentialsFromUrl(new URL(this.config.redis.url)), ...perNode },
      clusterRetryStrategy: reconnectDelay,
      ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    };
    return new Cluster(this.config.redis.clusterNodes ?? [], options);
  }

  async onModuleDestroy() {
    await Promise.all([...this.clients].map((client) => close(client)));
    this.clients.clear();
  }

  /** After onModuleDestroy: BullMQ closes its queues and workers on application shutdown, before this. */
  async onApplicationShutdown() {
    if (this.bull) await close(this.bull);
    this.bull = undefined;
  }
}

/** quit() waits for Redis to answer; a client that is not connected would wait forever. */
async function close(client: RedisClient): Promise<void> {
  if (client.status !== 'ready') return client.disconnect();
  await Promise.race([client.quit(), new Promise((resolve) => setTimeout(resolve, 1000))])
    .catch(() => undefined)
    .finally(() => client.disconnect());
}
