/**
 * `pnpm test:images`: the built images, each run by its own entry point on a read-only root (no
 * container runtime works here; run-in-image.ts explains how): the migration image migrates a
 * scratch database, the API image's CLI makes an admin and a signing key, its API answers /livez,
 * /readyz and an authenticated read, the same image's worker answers its health port, and the
 * dashboard image serves /sign-in and its static assets. Slow (builds first): not part of `pnpm test`.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageName, TARGETS, VERSION } from './build-images.mjs';
import { type ImageProcess, MountedImage } from './run-in-image.js';

const root = path.resolve(import.meta.dirname, '../..');
const adminUrl = process.env.AURA_IMAGES_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.AURA_IMAGES_REDIS_URL ?? 'redis://127.0.0.1:6379';
const suffix = randomBytes(4).toString('hex');
const database = `aura_images_${suffix}`;
const redisPrefix = `aura-images-${suffix}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  url.searchParams.set('sslmode', 'disable');
  return url.toString();
})();

const images = new Map<string, MountedImage>();
const running: ImageProcess[] = [];

function image(target: string): MountedImage {
  const mounted = images.get(target);
  if (!mounted) throw new Error(`image ${target} is not mounted`);
  return mounted;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls `url` until it answers `status` (or the process exits, or the deadline passes). */
async function waitFor(url: string, process_: ImageProcess, status = 200, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  let exited = false;
  void process_.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      last = `${response.status} ${await response.text()}`;
      if (response.status === status) return;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `${url}: ${exited ? 'the process exited' : `no ${status} within ${timeoutMs / 1000} s`} (last: ${last})\n${process_.tail()}`,
  );
}

/** The API's environment: the ConfigMap's settings of infra/k8s, the test's own database and prefix. */
function apiEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `{${redisPrefix}}`,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

beforeAll(() => {
  if (process.getuid?.() !== 0) throw new Error('test:images needs root (mount namespaces, chroot)');
  for (const target of TARGETS) {
    try {
      images.set(target, MountedImage.open(imageName(target)));
    } catch (error) {
      throw new Error(`${imageName(target)}: ${(error as Error).message} — build it with \`pnpm images\``);
    }
  }
  const sizes = TARGETS.map((t) => `${imageName(t)} ${(image(t).config.size / 1e6).toFixed(0)} MB`);
  console.log(`images under test:\n  ${sizes.join('\n  ')}`);
});

afterAll(async () => {
  await Promise.all(running.map((process_) => process_.stop(5000)));
  for (const mounted of images.values()) mounted.close();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `{${redisPrefix}}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}, 60_000);

describe('images', () => {
  it('carry OCI version and revision labels, run as uid 65532 and have no HEALTHCHECK', () => {
    for (const target of TARGETS) {
      const { config } = image(target);
      expect(config.labels['org.opencontainers.image.version'], target).toBe(VERSION);
      expect(config.labels['org.opencontainers.image.revision'], target).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
      expect(config.labels['org.opencontainers.image.title'], target).toBe(`aura-fleet-${target}`);
      expect(config.user, target).toBe('65532:65532');
      expect(config.healthcheck, target).toBeFalsy();
    }
  });

  it('migrate: status fails while migrations are pending, `up` applies every committed one, then status passes', async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const env = { DATABASE_URL: databaseUrl };
    const pending = await image('migrate').run({ args: ['status', '--exit-code'], env });
    expect(pending.code, pending.output).not.toBe(0);
    expect(pending.output).toMatch(/Pending: [1-9]/);

    const up = await image('migrate').run({ env }); // the image's default command: up
    expect(up.code, up.output).toBe(0);

    const committed = readdirSync(path.join(root, 'prisma/migrations')).filter((f) => f.endsWith('.sql'));
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const applied = await client.query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY 1',
    );
    const tables = await client.query(
      `SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'robot'`,
    );
    await client.end();
    expect(applied.rows.map((r) => r.version)).toEqual(committed.map((f) => f.split('_')[0]).sort());
    expect(tables.rowCount).toBe(1);

    const done = await image('migrate').run({ args: ['status', '--exit-code'], env });
    expect(done.code, done.output).toBe(0);
  });

  let apiUrl = '';
  let apiKey = '';
  let signingKeys = '';

  it('api: the CLI creates a config-signing key and an admin; the API answers /livez, /readyz and an authenticated read', async () => {
    const key = await image('api').run({
      args: ['node', 'dist/cli.js', 'generate-signing-key'],
      writable: ['/tmp'],
    });
    expect(key.code, key.output).toBe(0);
    signingKeys = key.output.trim().split('\n').at(-1) ?? '';
    expect(signingKeys).toMatch(/^[\w.-]+:[A-Za-z0-9+/=]+$/);

    const admin = await image('api').run({
      args: ['node', 'dist/cli.js', 'create-admin', '--name', 'images-test', '--json'],
      // The CLI validates the whole configuration, which needs signing keys in production.
      env: apiEnv({ CONFIG_SIGNING_KEYS: signingKeys }),
      writable: ['/tmp'],
    });
    expect(admin.code, admin.output).toBe(0);
    apiKey = (JSON.parse(admin.output.trim().split('\n').at(-1) ?? '{}') as { apiKey?: string }).apiKey ?? '';
    expect(apiKey).not.toBe('');

    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    const api = image('api').start({
      // No args: the image's own command (node dist/main.js), in production mode as shipped.
      env: apiEnv({ HOST: '127.0.0.1', PORT: String(port), CONFIG_SIGNING_KEYS: signingKeys }),
      writable: ['/tmp'],
    });
    running.push(api);
    await waitFor(`${apiUrl}/livez`, api);
    await waitFor(`${apiUrl}/readyz`, api);
    const me = await fetch(`${apiUrl}/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(me.status, api.tail()).toBe(200);
    expect(((await me.json()) as { name?: string }).name).toBe('images-test');
    const uids = api.processUids();
    expect(uids.length).toBeGreaterThan(0);
    expect(new Set(uids)).toEqual(new Set([65532]));
  });

  it('worker: the same image with `node dist/worker.js` answers /livez and /readyz on WORKER_HTTP_PORT', async () => {
    const port = await freePort();
    const worker = image('api').start({
      args: ['node', 'dist/worker.js'],
      env: apiEnv({ WORKER_HTTP_PORT: String(port), HOST: '127.0.0.1', CONFIG_SIGNING_KEYS: signingKeys }),
      writable: ['/tmp'],
    });
    running.push(worker);
    await waitFor(`http://127.0.0.1:${port}/livez`, worker);
    await waitFor(`http://127.0.0.1:${port}/readyz`, worker);
    expect(new Set(worker.processUids())).toEqual(new Set([65532]));
    // Kubernetes stops pods with SIGTERM: the worker drains and exits by itself, with status 0.
    expect(await worker.stop(30_000), worker.tail()).toBe(0);
  });

  it('dashboard: serves /sign-in and its static assets from a read-only root', async () => {
    const port = await freePort();
    const dashboard = image('dashboard').start({
      env: { HOSTNAME: '127.0.0.1', PORT: String(port), AURA_API_URL: apiUrl || 'http://127.0.0.1:9' },
      // infra/k8s/base/dashboard.yaml mounts emptyDirs here.
      writable: ['/tmp', '/app/apps/dashboard/.next/cache'],
    });
    running.push(dashboard);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${url}/sign-in`, dashboard);
    const page = await (await fetch(`${url}/sign-in`)).text();
    expect(page).toContain('Sign in');
    expect(page).toMatch(/<form/);
    const asset = /\/_next\/static\/[^"']+\.js/.exec(page)?.[0];
    expect(asset, 'a /_next/static script in the page').toBeTruthy();
    const script = await fetch(`${url}${asset}`);
    expect(script.status, `${asset}`).toBe(200);
    expect(new Set(dashboard.processUids())).toEqual(new Set([65532]));
  });
});
