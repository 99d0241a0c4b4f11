import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

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

/** The real stack for browser tests: an API process and the built dashboard, on the run's database. */
export async function startStack(env: { DATABASE_URL: string; REDIS_URL: string; REDIS_PREFIX: string }) {
  const apiPort = await freePort();
  const dashboardPort = await freePort();
  const api = start(
    process.execPath,
    ['--conditions=@aura/source', '--import', 'tsx', 'src/main.ts'],
    path.join(root, 'apps/api'),
    {
      ...env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      LOG_LEVEL: 'warn',
    },
  );
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitFor(`${apiUrl}/healthz`, api.child, api.output);

  // The dashboard is tested as it ships: a production build (reused when CI has just built it).
  const dashboardDir = path.join(root, 'apps/dashboard');
  if (!process.env.CI || !existsSync(path.join(dashboardDir, '.next', 'BUILD_ID'))) {
    const build = spawnSync(
      'pnpm',
      [
        '--filter',
        '@aura/api-client',
        '--filter',
        '@aura/core',
        '--filter',
        '@aura/dashboard',
        'run',
        'build',
      ],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      },
    );
    if (build.status !== 0) throw new Error(`dashboard build failed: ${build.stdout}${build.stderr}`);
  }
  const next = path.join(dashboardDir, 'node_modules', 'next', 'dist', 'bin', 'next');
  const dashboard = start(
    process.execPath,
    [next, 'start', '-p', String(dashboardPort), '-H', '127.0.0.1'],
    dashboardDir,
    { NODE_ENV: 'production', AURA_API_URL: apiUrl },
  );
  const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
  await waitFor(`${dashboardUrl}/sign-in`, dashboard.child, dashboard.output);

  const admin = spawnSync(
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
    { cwd: path.join(root, 'apps/api'), encoding: 'utf8', env: { ...process.env, ...env } },
  );
  if (admin.status !== 0) throw new Error(`create-admin failed: ${admin.stderr}`);
  const adminKey = (JSON.parse(admin.stdout) as { apiKey: string }).apiKey;

  return {
    apiUrl,
    dashboardUrl,
    adminKey,
    async stop() {
      for (const child of [dashboard.child, api.child]) {
        if (child.exitCode !== null) continue;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
