import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM script without type declarations
import { migrate } from '../../scripts/db-migrate.mjs';

/**
 * Integration runs get their own freshly migrated PostgreSQL database and their own Redis key
 * prefix, and remove both afterwards, so two suites can run at once and a suite can run twice.
 * The server URLs come from TEST_DATABASE_SERVER_URL / REDIS_URL, defaulting to localhost.
 */
// The values provided here are typed in apps/api/test/support/provided-context.d.ts.

const serverUrl = new URL(
  process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const databaseName = `aura_test_${runId}`;
  const redisPrefix = `aura-test-${runId}`;
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${databaseName}`;

  const admin = new pg.Client({ connectionString: serverUrl.toString(), connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `integration tests need PostgreSQL at ${serverUrl.host} (${(error as Error).message}); run \`pnpm services\``,
    );
  }
  await admin.end();
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `integration tests need Redis at ${redisUrl} (${(error as Error).message}); run \`pnpm services\``,
    );
  }

  migrate(databaseUrl.toString(), 'up', { quiet: true }); // dbmate creates the database, then migrates it
  project.provide('databaseUrl', databaseUrl.toString());
  project.provide('redisUrl', redisUrl);
  project.provide('redisPrefix', redisPrefix);

  return async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl.toString() });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await cleanup.end();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
    await redis.quit();
  };
}
