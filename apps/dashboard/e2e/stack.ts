import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { createApiClient } from '@aura/api-client';
import pg from 'pg';
import { type Browser, chromium } from 'playwright-core';
// @ts-expect-error plain ESM script without type declarations
import { migrate } from '../../../scripts/db-migrate.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(root, 'test-results/screenshots');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, output: string[]) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited: ${output.join('').slice(-2000)}`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not answer: ${output.join('').slice(-2000)}`);
}

function start(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> & { NODE_ENV: 'test' | 'production' },
) {
  const output: string[] = [];
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => output.push(String(chunk)));
  return { child, output };
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export interface StackOptions {
  /** Start the BullMQ worker too (rollout evaluations). */
  worker?: boolean;
  /** Extra environment for the API and worker (e.g. ROLLOUT_* timings). */
  apiEnv?: Record<string, string>;
}

/**
 * The real stack for browser tests, one per test file: its own freshly migrated database (a copy of
 * nothing: files never see each other's robots), its own Redis prefix, an API process, optionally the
 * worker, and the production build of the dashboard (built once per run by build-dashboard.ts).
 */
export async function startStack(
  env: { DATABASE_URL: string; REDIS_URL: string; REDIS_PREFIX: string },
  options: StackOptions = {},
) {
  const suffix = randomBytes(3).toString('hex');
  const databaseUrl = new URL(env.DATABASE_URL);
  const databaseName = `${databaseUrl.pathname.slice(1)}_${suffix}`;
  databaseUrl.pathname = `/${databaseName}`;
  migrate(databaseUrl.toString(), 'up', { quiet: true });
  const serviceEnv = {
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: env.REDIS_URL,
    // Under the run's prefix, so the run's teardown removes these keys too.
    REDIS_PREFIX: `${env.REDIS_PREFIX}:${suffix}`,
    LOG_LEVEL: 'warn',
    ...options.apiEnv,
  };
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await stopProcess(child);
    const admin = new pg.Client({ connectionString: env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
  };

  try {
    const apiPort = await freePort();
    const api = start(
      process.execPath,
      ['--conditions=@aura/source', '--import', 'tsx', 'src/main.ts'],
      path.join(root, 'apps/api'),
      { ...serviceEnv, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(apiPort) },
    );
    children.push(api.child);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${apiUrl}/healthz`, api.child, api.output);

    if (options.worker) {
      const worker = start(
        process.execPath,
        ['--conditions=@aura/source', '--import', 'tsx', 'src/worker.ts'],
        path.join(root, 'apps/api'),
        { ...serviceEnv, NODE_ENV: 'test' },
      );
      children.push(worker.child);
    }

    const dashboardPort = await freePort();
    const dashboardDir = path.join(root, 'apps/dashboard');
    const next = path.join(dashboardDir, 'node_modules', 'next', 'dist', 'bin', 'next');
    const dashboard = start(
      process.execPath,
      [next, 'start', '-p', String(dashboardPort), '-H', '127.0.0.1'],
      dashboardDir,
      {
        NODE_ENV: 'production',
        AURA_API_URL: apiUrl,
        ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
      },
    );
    children.push(dashboard.child);
    const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
    await waitFor(`${dashboardUrl}/sign-in`, dashboard.child, dashboard.output);

    const created = spawnSync(
      process.execPath,
      [
        '--conditions=@aura/source',
        '--import',
        'tsx',
        'src/cli.ts',
        'create-admin',
        '--name',
        'E2E Admin',
        '--json',
      ],
      { cwd: path.join(root, 'apps/api'), encoding: 'utf8', env: { ...process.env, ...serviceEnv } },
    );
    if (created.status !== 0) throw new Error(`create-admin failed: ${created.stderr}`);
    const adminKey = (JSON.parse(created.stdout) as { apiKey: string }).apiKey;
    const operatorApi = createApiClient({ baseUrl: apiUrl, token: adminKey });

    return {
      apiUrl,
      dashboardUrl,
      databaseUrl: databaseUrl.toString(),
      adminKey,
      /** A typed client acting as the admin. */
      operatorApi,
      /** A new operator of `role` and its API key (created through the API, as an admin would). */
      async createOperator(role: 'viewer' | 'operator' | 'admin', name = `E2E ${role}`) {
        const { data, error } = await operatorApi.POST('/v1/operators', { body: { name, role } });
        if (!data) throw new Error(`creating a ${role} failed: ${JSON.stringify(error)}`);
        return data.apiKey.token;
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/** Debian's Chromium, headless. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
