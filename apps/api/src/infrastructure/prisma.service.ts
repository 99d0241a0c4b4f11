import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { LOGGER } from './logger.js';

/**
 * Prisma Client over `@prisma/adapter-pg` (no native engine). We own the pg pool so that a lost
 * database connection is logged instead of crashing the process (pg emits `error` on idle clients
 * when the server goes away), and so that new connections are made once the server is back.
 */
export function createPgPool(config: AppConfig, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: config.database.url,
    max: config.database.poolSize,
    // Also the longest a query waits for a free connection: a burst (a fleet waking up) queues
    // rather than fails. /healthz bounds its own probe with HEALTH_CHECK_TIMEOUT_MS.
    connectionTimeoutMillis: Math.max(config.healthCheckTimeoutMs, 10_000),
    idleTimeoutMillis: 30_000,
    application_name: 'aura-fleet',
    // Operator aggregates and previews cannot hold a connection forever (PostgreSQL cancels them).
    ...(config.database.statementTimeoutMs > 0
      ? { statement_timeout: config.database.statementTimeoutMs }
      : {}),
  });
  // pg emits `error` on a client whose connection ends, and the pool listens only while the client
  // is idle: one checked out (a transaction between statements, a hand-tuned refresh) had no listener,
  // so a database restart or failover at that moment crashed the process. Every client gets its own
  // listener when it is made; its holder still sees the error on its next query, and the pool drops
  // the broken client when it is released.
  pool.on('connect', (client) =>
    client.on('error', (error) =>
      logger.warn({ err: error.message }, 'database connection lost; will reconnect'),
    ),
  );
  // An idle client's error, already logged by the client's own listener; the pool has dropped it.
  pool.on('error', () => undefined);
  return pool;
}

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  readonly pool: pg.Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(LOGGER) logger: Logger) {
    const pool = createPgPool(config, logger);
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
  }

  async onModuleDestroy() {
    await this.$disconnect();
    await this.pool.end().catch(() => undefined);
  }
}
