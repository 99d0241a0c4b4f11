import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
// @ts-expect-error plain ESM script without type declarations
import { migrate as runMigrations } from '../../../scripts/db-migrate.mjs';

/** The PostgreSQL server tests make their databases on (TEST_DATABASE_SERVER_URL, default localhost). */
export const testDatabaseServerUrl = (): URL =>
  new URL(process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');

/** The Redis server of the tests (REDIS_URL, default localhost). */
export const testRedisUrl = (): string => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A short id for this run's resources: time-ordered, random enough for parallel runs. */
export const runId = () => `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

/** Applies the committed migrations with `pnpm db:migrate`'s code (dbmate makes the database first). */
export function migrate(databaseUrl: string): void {
  runMigrations(databaseUrl, 'up', { quiet: true });
}

/** A database of its own, freshly migrated, and the way to drop it. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * Makes and migrates database `name` on `serverUrl` (a URL to any database of that server, used for
 * DROP DATABASE). Dropping removes it even with connections still open.
 */
export function createTestDatabase(serverUrl: URL | string, name: string): TestDatabase {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  migrate(url.toString());
  return { url: url.toString(), name, drop: () => dropDatabase(serverUrl, name) };
}

export async function dropDatabase(serverUrl: URL | string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Deletes the keys under `prefix:` (never anything else's); returns how many there were. */
export async function removeRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
    return removed;
  } finally {
    redis.disconnect();
  }
}

/** Fails with a message naming the missing service and what to run when PostgreSQL or Redis is not there. */
export async function checkServices(serverUrl: URL, redisUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl.toString(), connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `tests need PostgreSQL at ${serverUrl.host} (${(error as Error).message}); run \`pnpm services\``,
    );
  } finally {
    await admin.end().catch(() => {});
  }
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`tests need Redis at ${redisUrl} (${(error as Error).message}); run \`pnpm services\``);
  } finally {
    redis.disconnect();
  }
}

/** A run's own database and Redis prefix. */
export interface RunResources {
  databaseUrl: string;
  databaseName: string;
  redisUrl: string;
  redisPrefix: string;
  /** Drops the database and deletes the prefix's keys. */
  remove(): Promise<void>;
}

/**
 * Checks the services, then makes this run's database `<name>_<run id>` (migrated) and Redis prefix
 * `<name>-<run id>`: two suites, benchmarks or harnesses can run at once, and a run can run twice.
 */
export async function createRunResources(name = 'aura_test'): Promise<RunResources> {
  const serverUrl = testDatabaseServerUrl();
  const redisUrl = testRedisUrl();
  await checkServices(serverUrl, redisUrl);
  const id = runId();
  const database = createTestDatabase(serverUrl, `${name}_${id}`);
  const redisPrefix = `${name.replaceAll('_', '-')}-${id}`;
  return {
    databaseUrl: database.url,
    databaseName: database.name,
    redisUrl,
    redisPrefix,
    async remove() {
      await database.drop();
      await removeRedisKeys(redisUrl, redisPrefix);
    },
  };
}
