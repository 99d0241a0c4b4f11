#!/usr/bin/env node
// `pnpm demo`: the whole stack on this machine. Makes sure PostgreSQL and Redis run, applies the
// migrations, builds, then starts the API, the worker and the dashboard, waits until they answer,
// creates an enrolment token and starts a simulated fleet (`aura-agent sim`, real ONNX inference)
// against the API, and prints the URLs. Ctrl-C (or SIGTERM) stops everything cleanly (the fleet
// first, so it can flush its outboxes).
//
//   pnpm demo [--skip-build]
//   Environment: DATABASE_URL, REDIS_URL (docs/configuration.md), PORT (API, 4000),
//   DASHBOARD_PORT (3000), LOG_LEVEL (warn in the demo; logs also go to .demo/logs/),
//   AURA_DEMO_ROBOTS (simulated robots, 24; 0 = no fleet), AURA_DEMO_SEED (1; 0 = no demo groups, policy
//   version and rollout: scripts/demo-seed.mjs).
import { spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATABASE_URL, migrate } from './db-migrate.mjs';
import { seedDemo } from './demo-seed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2).filter((arg) => arg !== '--'));
if (args.has('--help') || args.has('-h')) {
  console.log(
    'usage: pnpm demo [--skip-build]\n\nStarts API, worker and dashboard against local PostgreSQL and Redis.',
  );
  process.exit(0);
}

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  LOG_LEVEL: process.env.LOG_LEVEL || 'info',
  NEXT_TELEMETRY_DISABLED: '1',
};
// The fleet runs the v2 model; the API's rollout preview and autopilot read the τ curve beside it.
const demoModel = process.env.AURA_MODEL_PATH || path.join(root, 'models/aura-mem-v2.onnx');
env.AURA_MODEL_PATH = demoModel;
const apiPort = Number(process.env.PORT || 4000);
const dashboardPort = Number(process.env.DASHBOARD_PORT || 3000);
const apiUrl = `http://127.0.0.1:${apiPort}`;
const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
const demoDir = path.join(root, '.demo');
const logDir = path.join(demoDir, 'logs');
const fleetDir = path.join(demoDir, 'fleet');
const demoRobots = Math.max(0, Math.floor(Number(process.env.AURA_DEMO_ROBOTS ?? 24) || 0));
mkdirSync(logDir, { recursive: true });

// The demo's config-signing key survives restarts, so enrolled robots keep trusting it.
const signingKeyFile = path.join(demoDir, 'signing-keys');
if (!process.env.CONFIG_SIGNING_KEYS && !existsSync(signingKeyFile)) {
  const generated = spawnSync(process.execPath, [
    '-e',
    `
    const { generateKeyPairSync } = require('node:crypto');
    const { privateKey } = generateKeyPairSync('ed25519');
    process.stdout.write('demo-1:' + privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));`,
  ]);
  writeFileSync(signingKeyFile, generated.stdout, { mode: 0o600 });
}
env.CONFIG_SIGNING_KEYS = process.env.CONFIG_SIGNING_KEYS || readFileSync(signingKeyFile, 'utf8').trim();

function step(text) {
  console.log(`\u001b[1m▸ ${text}\u001b[0m`);
}

function runOrExit(command, argv, options = {}) {
  const result = spawnSync(command, argv, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.status !== 0) {
    console.error(`demo: \`${[command, ...argv].join(' ')}\` failed (exit ${result.status})`);
    process.exit(1);
  }
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitFor(url, name, seconds, children) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (children.some((child) => child.exitCode !== null)) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.error(`demo: ${name} did not answer at ${url} within ${seconds}s (logs: ${logDir})`);
  return false;
}

step('Checking PostgreSQL and Redis');
runOrExit('bash', ['infra/local/ensure-services.sh']);

for (const [port, name, variable] of [
  [apiPort, 'API', 'PORT'],
  [dashboardPort, 'dashboard', 'DASHBOARD_PORT'],
]) {
  if (!(await portFree(port))) {
    console.error(`demo: port ${port} for the ${name} is in use; stop what runs there or set ${variable}`);
    process.exit(1);
  }
}

step(`Applying migrations to ${new URL(env.DATABASE_URL).pathname.slice(1)}`);
try {
  migrate(env.DATABASE_URL, 'up');
} catch (error) {
  console.error(`demo: ${error.message}`);
  process.exit(1);
}

if (!args.has('--skip-build')) {
  step('Building core, API, agent and dashboard');
  runOrExit('pnpm', [
    '--filter',
    '@aura/core',
    '--filter',
    '@aura/api-client',
    '--filter',
    '@aura/api',
    '--filter',
    '@aura/agent',
    'run',
    'build',
  ]);
  runOrExit('pnpm', ['--filter', '@aura/dashboard', 'run', 'build']);
}

const children = [];
function start(name, command, argv, extraEnv = {}) {
  const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(command, argv, {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    // own process group: a terminal's Ctrl-C reaches only this script, which stops the fleet first
    // (so it delivers its last telemetry to a running API) and then the rest
    detached: true,
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  // Surface warnings and errors (pino levels ≥ 40) and anything that is not a JSON log line.
  child.stderr.on('data', (chunk) => process.stderr.write(prefix(name, chunk)));
  // the fleet's status line (one per second) goes to its log only
  if (name !== 'fleet')
    child.stdout.on('data', (chunk) => {
      const text = chunk
        .toString()
        .split('\n')
        .filter((line) => line && !(line.startsWith('{') && /"level":(10|20|30)\b/.test(line)))
        .join('\n');
      if (text) process.stdout.write(prefix(name, `${text}\n`));
    });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(
        `demo: ${name} exited (${signal ?? code}); stopping the rest. Logs: ${logDir}/${name}.log`,
      );
      stop(1);
    }
  });
  if (name !== 'fleet') children.push(child);
  return child;
}
function prefix(name, chunk) {
  return chunk
    .toString()
    .split('\n')
    .map((line, i, all) => (line || i < all.length - 1 ? `[${name}] ${line}` : ''))
    .join('\n');
}

let stopping = false;
let fleet;
const exited = (child) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));
/** SIGTERM, then SIGKILL after `ms` */
function terminate(list, ms) {
  const alive = list.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of alive) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of alive)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }, ms);
  return Promise.all(alive.map(exited)).then(() => clearTimeout(force));
}
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  // the fleet first, while the API still takes its last telemetry (it flushes for at most 3 s)
  if (fleet) {
    console.log('\nStopping the fleet…');
    await terminate([fleet], 8_000);
  }
  console.log(`${fleet ? '' : '\n'}Stopping API, worker and dashboard…`);
  await terminate(children, 12_000);
  console.log('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
// last resort if this script dies another way: children in their own groups would outlive it
process.on('exit', () => {
  for (const child of [...children, fleet]) {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

step('Starting API, worker and dashboard');
start('api', process.execPath, ['apps/api/dist/main.js'], { PORT: String(apiPort) });
start('worker', process.execPath, ['apps/api/dist/worker.js']);
start(
  'dashboard',
  process.execPath,
  [
    path.join(root, 'apps/dashboard/node_modules/next/dist/bin/next'),
    'start',
    'apps/dashboard',
    '-p',
    String(dashboardPort),
    '-H',
    '127.0.0.1',
  ],
  { AURA_API_URL: apiUrl },
);

const ready =
  (await waitFor(`${apiUrl}/healthz`, 'API', 60, children)) &&
  (await waitFor(dashboardUrl, 'dashboard', 60, children));
if (!ready) stop(1);
else {
  const adminKey = await ensureAdminKey();
  const fleetLine = stopping ? '' : await startFleet(adminKey);
  const seedLine = await seedDemoData(adminKey);
  const health = await (await fetch(`${apiUrl}/healthz`)).json();
  console.log(`
AURA Fleet is running.
  API         ${apiUrl}   (/healthz: database ${health.checks.database.status}, redis ${health.checks.redis.status})
  Dashboard   ${dashboardUrl}
  API docs    ${apiUrl}/docs
  Worker      consuming BullMQ queues under prefix "${process.env.REDIS_PREFIX || 'aura'}"
  Admin key   ${adminKey}
              (operator API key with the admin role; also in .demo/admin-key)
  Fleet       ${fleetLine}
  Demo data   ${seedLine}
  Logs        ${path.relative(root, logDir)}/
Press Ctrl-C to stop everything.`);
}

/** Groups, a policy version and a running rollout so every dashboard page has real data. */
async function seedDemoData(adminKey) {
  if (stopping) return '';
  if (process.env.AURA_DEMO_SEED === '0') return 'none (AURA_DEMO_SEED=0)';
  if (!fleet) return 'none (no simulated fleet)';
  step('Creating demo groups, policy version and rollout');
  try {
    return await seedDemo({
      apiUrl,
      adminKey,
      robots: demoRobots,
      fleetMix: existsSync(path.join(fleetDir, 'fleet-mix.json'))
        ? JSON.parse(readFileSync(path.join(fleetDir, 'fleet-mix.json'), 'utf8'))
        : undefined,
      log: (line) => console.log(line),
      isStopping: () => stopping,
    });
  } catch (error) {
    console.error(`demo: creating demo data failed: ${error.message}`);
    return 'not created (see the error above)';
  }
}

/**
 * `aura-agent sim --robots N` against the API (built agent, real ONNX inference), state under
 * .demo/fleet/. Robots enrolled by an earlier demo keep their credentials; the enrolment token
 * (created through the API with the admin key) is only used by robots without one.
 */
async function startFleet(adminKey) {
  if (demoRobots === 0) return 'none (AURA_DEMO_ROBOTS=0)';
  mkdirSync(fleetDir, { recursive: true });
  await forgetRobotsUnknownToTheApi(adminKey);
  const response = await fetch(`${apiUrl}/v1/enrollment-tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `demo fleet ${new Date().toISOString()}`, maxUses: demoRobots }),
  });
  if (response.status !== 201) {
    console.error(`demo: could not create an enrolment token (${response.status} ${await response.text()})`);
    return 'not started (see the error above)';
  }
  const { token } = await response.json();
  const configFile = path.join(fleetDir, 'agent.json');
  writeFileSync(
    configFile,
    `${JSON.stringify(
      {
        name: 'demo',
        stateDir: '.',
        model: { path: demoModel },
        persistence: { mode: 'delta-log' },
        telemetry: { windowSeconds: 10 },
        // the demo's API is plain http on this machine: say so (the agent refuses http:// otherwise)
        development: true,
        api: { url: apiUrl },
      },
      null,
      2,
    )}\n`,
  );
  fleet = start(
    'fleet',
    process.execPath,
    [
      'apps/agent/bin/aura-agent.mjs',
      'sim',
      '--config',
      configFile,
      '--robots',
      String(demoRobots),
      '--hz',
      '10',
      '--mix',
      '--flush-timeout',
      '3',
    ],
    { AURA_AGENT_ENROLLMENT_TOKEN: token },
  );
  return `${demoRobots} simulated robots (aura-agent sim --mix: eMMC, NVMe and SD flash, 10-40 Hz, real ONNX inference), state in ${path.relative(root, fleetDir)}/, log ${path.relative(root, logDir)}/fleet.log`;
}

/**
 * A robot of an earlier demo whose credential this database does not know (the database was reset)
 * could never talk to the API again: its directory (credential, state, outbox) is removed so it enrols
 * afresh.
 */
async function forgetRobotsUnknownToTheApi(adminKey) {
  const robotsDir = path.join(fleetDir, 'robots');
  if (!existsSync(robotsDir)) return;
  let forgotten = 0;
  for (const name of readdirSync(robotsDir)) {
    const file = path.join(robotsDir, name, 'credentials', 'credential.json');
    if (!existsSync(file)) continue;
    let robotId;
    try {
      robotId = JSON.parse(readFileSync(file, 'utf8')).robotId;
    } catch {}
    const known =
      typeof robotId === 'string' &&
      (await fetch(`${apiUrl}/v1/robots/${robotId}`, { headers: { authorization: `Bearer ${adminKey}` } }))
        .status !== 404;
    if (!known) {
      rmSync(path.join(robotsDir, name), { recursive: true, force: true });
      forgotten++;
    }
  }
  if (forgotten > 0)
    console.log(`demo: ${forgotten} simulated robot(s) unknown to this database will enrol again`);
}

/** An admin API key that works against this database: the stored one, or a new one via the admin CLI. */
async function ensureAdminKey() {
  const keyFile = path.join(demoDir, 'admin-key');
  if (existsSync(keyFile)) {
    const stored = readFileSync(keyFile, 'utf8').trim();
    const me = await fetch(`${apiUrl}/v1/me`, { headers: { authorization: `Bearer ${stored}` } });
    if (me.ok) return stored;
  }
  const created = spawnSync(
    process.execPath,
    ['apps/api/dist/cli.js', 'create-admin', '--name', 'Demo Admin', '--json'],
    { cwd: root, env, encoding: 'utf8' },
  );
  if (created.status !== 0) {
    console.error(`demo: could not create the admin: ${created.stderr}`);
    return '(none: see the error above)';
  }
  const { apiKey } = JSON.parse(created.stdout);
  writeFileSync(keyFile, `${apiKey}\n`, { mode: 0o600 });
  return apiKey;
}
