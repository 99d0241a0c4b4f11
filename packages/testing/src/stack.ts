import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { type AuraApiClient, createApiClient } from '@aura/api-client';
import type { OperatorRole } from '@aura/core/contract';
import { type Browser, chromium } from 'playwright-core';
import { freePort } from './ports.js';
import { TestProcess, tsxCommand } from './processes.js';
import { createTestDatabase } from './resources.js';

/** The workspace root (this package is packages/testing). */
export const WORKSPACE_ROOT = path.resolve(import.meta.dirname, '../../..');
const API_DIR = path.join(WORKSPACE_ROOT, 'apps/api');
const DASHBOARD_DIR = path.join(WORKSPACE_ROOT, 'apps/dashboard');

/** Where a run's PostgreSQL and Redis are: what the API, the worker and the admin CLI need. */
// A type, not an interface: it passes where a Record<string, string> environment is expected.
export type ServiceEnv = {
  DATABASE_URL: string;
  REDIS_URL: string;
  REDIS_PREFIX: string;
};

interface StartOptions {
  /** A name for messages (several APIs in one test). */
  name?: string;
  /** Readiness deadline in ms (90 s by default: tsx compiles the sources on start, slow under load). */
  timeoutMs?: number;
  /** Also copy the output here (a log file). */
  tee?: Writable;
  /** Keep only about the last this many characters of output in memory (see ProcessOptions). */
  keepOutputChars?: number;
}

/** Where a started process's output goes besides memory, and how much memory keeps. */
const outputOptions = ({ tee, keepOutputChars }: StartOptions) => ({
  ...(tee ? { tee } : {}),
  ...(keepOutputChars !== undefined ? { keepOutputChars } : {}),
});

/** A started HTTP service: its process and where it answers. */
export interface RunningService {
  process: TestProcess;
  url: string;
  port: number;
  /** SIGTERM, then SIGKILL after 15 s. */
  stop(): Promise<void>;
}

const running = (process: TestProcess, url: string, port: number): RunningService => ({
  process,
  url,
  port,
  stop: () => process.stop(),
});

/**
 * The API (apps/api/src/main.ts from its sources) on 127.0.0.1 and a free port (or `port`), resolved
 * once `/healthz` answers 2xx (`/readyz` with `ready: 'readyz'`; `/livez`, the process alone, with
 * `ready: 'livez'`). `env` is its whole environment besides PATH, over HOST, PORT and LOG_LEVEL=warn.
 */
export async function startApi(
  env: Record<string, string>,
  options: StartOptions & { port?: number; ready?: 'healthz' | 'readyz' | 'livez' } = {},
): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const process = await TestProcess.start(tsxCommand('src/main.ts'), {
    name: options.name ?? 'API',
    cwd: API_DIR,
    env: { HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    ready: { url: `${url}/${options.ready ?? 'healthz'}`, ok: true },
    timeoutMs: options.timeoutMs ?? 90_000,
    ...outputOptions(options),
  });
  return running(process, url, port);
}

/**
 * The BullMQ worker (apps/api/src/worker.ts from its sources), resolved once it logs that it consumes
 * its queues (so LOG_LEVEL must let info lines through; it is `info` unless `env` says otherwise).
 */
export async function startWorker(
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<TestProcess> {
  return TestProcess.start(tsxCommand('src/worker.ts'), {
    name: options.name ?? 'worker',
    cwd: API_DIR,
    env: { LOG_LEVEL: 'info', ...env },
    ready: { output: 'worker consuming queues' },
    timeoutMs: options.timeoutMs ?? 90_000,
    ...outputOptions(options),
  });
}

/**
 * The dashboard's production build (`next start`; make it first with `buildDashboard`)
 * talking to `apiUrl`, resolved once `/sign-in` answers. NEXT_DIST_DIR is passed on when set.
 */
export async function startDashboard(
  apiUrl: string,
  options: StartOptions & { port?: number; env?: Record<string, string> } = {},
): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const next = path.join(DASHBOARD_DIR, 'node_modules', 'next', 'dist', 'bin', 'next');
  const distDir = process.env.NEXT_DIST_DIR;
  const started = await TestProcess.start(
    [process.execPath, next, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      name: options.name ?? 'dashboard',
      cwd: DASHBOARD_DIR,
      env: {
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        AURA_API_URL: apiUrl,
        ...(distDir ? { NEXT_DIST_DIR: distDir } : {}),
        ...options.env,
      },
      ready: { url: `${url}/sign-in` },
      timeoutMs: options.timeoutMs ?? 90_000,
      ...outputOptions(options),
    },
  );
  return running(started, url, port);
}

/** A new admin operator made with the admin CLI (`pnpm admin create-admin`), and its API key. */
export function createAdminKey(env: ServiceEnv, name = 'Test Admin'): string {
  const created = spawnSync(
    process.execPath,
    tsxCommand('src/cli.ts', 'create-admin', '--name', name, '--json').slice(1),
    {
      cwd: API_DIR,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env } as unknown as NodeJS.ProcessEnv,
    },
  );
  if (created.status !== 0) throw new Error(`create-admin failed: ${created.stderr}`);
  return (JSON.parse(created.stdout) as { apiKey: string }).apiKey;
}

/** A new operator of `role` made through the API by an admin, and its API key. */
export async function createOperatorKey(admin: AuraApiClient, role: OperatorRole, name = `Test ${role}`) {
  const { data, error } = await admin.POST('/v1/operators', { body: { name, role } });
  if (!data) throw new Error(`creating a ${role} failed: ${JSON.stringify(error)}`);
  return data.apiKey.token;
}

export interface StackOptions {
  /** Start the BullMQ worker too (rollout evaluations, alerts, autopilot rounds). */
  worker?: boolean;
  /** Start the dashboard (its production build); default true. */
  dashboard?: boolean;
  /** Extra environment for the API and worker (e.g. ROLLOUT_* timings). */
  apiEnv?: Record<string, string>;
  /** Extra environment for the dashboard (e.g. DASHBOARD_PUBLIC_URL). */
  dashboardEnv?: Record<string, string>;
}

/**
 * The real stack, one per test file: its own freshly migrated database `<run database>_<random>`
 * (files never see each other's robots), its own Redis prefix under the run's, an API process,
 * optionally the worker, the dashboard, and an admin key. A failure while starting stops what was
 * started and drops the database before it throws.
 */
export async function startStack(services: ServiceEnv, options: StackOptions = {}) {
  const suffix = randomBytes(3).toString('hex');
  const serverUrl = new URL(services.DATABASE_URL);
  const database = createTestDatabase(serverUrl, `${serverUrl.pathname.slice(1)}_${suffix}`);
  const serviceEnv: ServiceEnv = {
    DATABASE_URL: database.url,
    REDIS_URL: services.REDIS_URL,
    // Under the run's prefix, so the run's teardown removes these keys too.
    REDIS_PREFIX: `${services.REDIS_PREFIX}:${suffix}`,
  };
  const processes: TestProcess[] = [];
  const stop = async () => {
    for (const started of processes.reverse()) await started.stop();
    await database.drop();
  };

  try {
    // one development signing key in the run's database, shared by API and worker (no throw-away keys)
    const apiEnv = { ...serviceEnv, NODE_ENV: 'test', CONFIG_SIGNING_DEV_KEYS: 'true', ...options.apiEnv };
    const api = await startApi(apiEnv);
    processes.push(api.process);
    if (options.worker) {
      processes.push(await startWorker(apiEnv));
    }
    let dashboard: RunningService | undefined;
    if (options.dashboard !== false) {
      dashboard = await startDashboard(api.url, { env: options.dashboardEnv ?? {} });
      processes.push(dashboard.process);
    }
    const adminKey = createAdminKey(serviceEnv, 'E2E Admin');
    const operatorApi = createApiClient({ baseUrl: api.url, token: adminKey });

    return {
      apiUrl: api.url,
      dashboardUrl: dashboard?.url ?? '',
      databaseUrl: database.url,
      serviceEnv,
      adminKey,
      /** A typed client acting as the admin. */
      operatorApi,
      /** Stops the dashboard process (SIGKILL with `kill`) and starts a new one on the same port. */
      async restartDashboard(how: 'stop' | 'kill' = 'stop') {
        if (!dashboard) throw new Error('this stack has no dashboard');
        await (how === 'kill' ? dashboard.process.kill() : dashboard.process.stop());
        const old = dashboard.process;
        dashboard = await startDashboard(api.url, { port: dashboard.port, env: options.dashboardEnv ?? {} });
        processes.splice(processes.indexOf(old), 1, dashboard.process);
      },
      /** A new operator of `role` and its API key (created through the API, as an admin would). */
      createOperator: (role: OperatorRole, name = `E2E ${role}`) =>
        createOperatorKey(operatorApi, role, name),
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/** Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where browser tests put their screenshots. */
export const SCREENSHOTS = path.join(WORKSPACE_ROOT, 'test-results/screenshots');

/** Debian's Chromium, headless, with the flags that work on these machines. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}; pnpm test installs it (apt-get install chromium)`);
  }
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
