#!/usr/bin/env node
/**
 * `pnpm chaos [--minutes M] [--seed S] [--robots N] [--quick] [--faults K,…] [--keep]`: the real stack under faults.
 *
 * Two API processes behind a round-robin balancer, two workers, the dashboard, PostgreSQL behind a
 * TCP proxy the harness can cut, the run's own Redis prefix, and N simulated robots (`aura-agent sim`,
 * real ONNX inference) — while a rollout with rollback runs and an operator changes the fleet
 * default, the harness, at seeded random moments, SIGKILLs an API or a worker, cuts PostgreSQL for up
 * to 30 s, deletes every Redis key of the run, and restarts the dashboard. Afterwards it lets the
 * fleet settle and checks: telemetry lost 0 and duplicated 0 (stored seqs against the agents'
 * outboxes), the rollout consistent with one decisive verdict per step, every robot's applied config
 * its desired one and on the policy it should run now, the dashboard session alive after every
 * restart, and no 5xx from the API except 503 with Retry-After during a database outage. Prints the
 * seed; `--seed` replays the same schedule. Exit status 1 when a check fails. docs/development.md.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApiClient } from '@aura/api-client';
import { parseScriptArgs } from '@aura/core/script-args';
import {
  buildDashboard,
  CHROMIUM,
  createAdminKey,
  createTestDatabase,
  freePort,
  launchChromium,
  removeRedisKeys,
  sleep,
  startApi,
  startDashboard,
  startWorker,
  TcpProxy,
  type TestDatabase,
  TestProcess,
  tsxCommand,
} from '@aura/testing';
import pg from 'pg';
import type { Page } from 'playwright-core';
import {
  checkConfigs,
  checkRollout,
  checkServerErrors,
  checkTelemetry,
  type ProducedTelemetry,
} from './checks.js';
import { HttpBalancer } from './http-balancer.js';
import { KEEP_OUTPUT_CHARS, ManagedProcess, root } from './processes.js';
import { between, seededRandom } from './random.js';

const FAULT_KINDS = ['kill-api', 'kill-worker', 'cut-database', 'flush-redis', 'restart-dashboard'] as const;
type FaultKind = (typeof FAULT_KINDS)[number];

const HELP = `usage: pnpm chaos [--minutes M] [--seed S] [--robots N] [--quick] [--faults K,…] [--keep]

  --minutes M   how long faults are injected (default 6; the whole run takes about M + 3 minutes)
  --quick       a short run: 2 minutes of faults (unless --minutes), shorter gaps and outages
  --seed S      replay a run (the seed is printed at the start and in the report)
  --robots N    simulated robots (default 50)
  --faults K,…  only these kinds of fault (default all: ${FAULT_KINDS.join(',')})
  --keep        keep the run's database, Redis keys and state directory afterwards
Environment: CHAOS_DATABASE_SERVER_URL (default postgresql://postgres@127.0.0.1:5432/postgres),
REDIS_URL (default redis://127.0.0.1:6379), CHROMIUM_PATH (default /usr/bin/chromium).`;

const { args, fail } = parseScriptArgs('chaos', HELP, {
  minutes: { type: 'string' },
  seed: { type: 'string' },
  robots: { type: 'string' },
  quick: { type: 'boolean', default: false },
  faults: { type: 'string' },
  keep: { type: 'boolean', default: false },
});
const minutes = Number(args.minutes ?? (args.quick ? 2 : 6));
const robotCount = Number(args.robots ?? 50);
const seed = args.seed !== undefined ? Number(args.seed) : randomBytes(4).readUInt32BE(0);
const faultKinds = (args.faults?.split(',').map((k) => k.trim()) ?? [...FAULT_KINDS]) as FaultKind[];
if (!(minutes > 0 && minutes <= 60)) fail(`--minutes ${args.minutes}: a number of minutes in (0, 60]`);
if (!(robotCount >= 6 && robotCount <= 500)) fail(`--robots ${args.robots}: a number from 6 to 500`);
if (!Number.isInteger(seed)) fail(`--seed ${args.seed}: an integer`);
const unknownFaults = faultKinds.filter((kind) => !FAULT_KINDS.includes(kind));
if (faultKinds.length === 0 || unknownFaults.length > 0) {
  fail(`--faults ${args.faults}: a comma-separated list of ${FAULT_KINDS.join(', ')}`);
}
const random = seededRandom(seed);
const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const runDir = path.join(root, '.chaos', runId);
mkdirSync(runDir, { recursive: true });
const started = Date.now();
const say = (message: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

const serverUrl = new URL(
  process.env.CHAOS_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const databaseName = `aura_chaos_${runId}`;
const redisPrefix = `aura-chaos-${runId}`;

console.log(
  `chaos: seed ${seed}, ${minutes} min of faults (${faultKinds.join(', ')}), ${robotCount} robots, run ${runId} (logs in ${path.relative(process.cwd(), runDir)})`,
);

// ── faults and their record ─────────────────────────────────────────────────────────────────────────
const faults: { at: number; kind: FaultKind; detail: string }[] = [];
const outages: { from: number; to: number }[] = [];
const sessionProblems: string[] = [];
const operatorProblems: string[] = [];

const processes: ManagedProcess[] = [];
let proxy: TcpProxy | undefined;
let balancer: HttpBalancer | undefined;
let sim: ManagedProcess | undefined;
let database: TestDatabase | undefined;
let browserClose: (() => Promise<void>) | undefined;

async function main(): Promise<number> {
  // ── the stack ───────────────────────────────────────────────────────────────────────────────────
  // A fresh checkout has no dashboard build (nor the packages' dist/ it is built from): make it first.
  say('the dashboard: its production build (made now when missing, a few minutes)');
  const build = buildDashboard({ reuse: true });
  if (build.built) say(`dashboard built in ${build.seconds} s`);
  database = createTestDatabase(serverUrl, databaseName);
  const directUrl = new URL(database.url);
  proxy = new TcpProxy(serverUrl.hostname, Number(serverUrl.port || 5432));
  await proxy.start();
  const proxiedUrl = new URL(directUrl);
  proxiedUrl.host = `127.0.0.1:${proxy.port}`;
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
  const serviceEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: proxiedUrl.toString(),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    CONFIG_SIGNING_KEYS: `chaos-${runId}:${signingKey.toString('base64')}`,
    LOG_LEVEL: 'warn',
    AGENT_RATE_LIMIT: '0',
    HEALTH_CHECK_TIMEOUT_MS: '1000',
  };
  // Restarted processes may take long to compile their sources on a loaded machine.
  const launch = { timeoutMs: 300_000, keepOutputChars: KEEP_OUTPUT_CHARS };
  const apis: ManagedProcess[] = [];
  const apiPorts: number[] = [];
  for (let i = 0; i < 2; i++) {
    const name = `api-${i + 1}`;
    const port = await freePort();
    apiPorts.push(port);
    apis.push(
      new ManagedProcess(
        name,
        async (tee) => (await startApi(serviceEnv, { ...launch, name, port, ready: 'livez', tee })).process,
        path.join(runDir, `${name}.log`),
      ),
    );
  }
  const workers = [1, 2].map(
    (i) =>
      new ManagedProcess(
        `worker-${i}`,
        // info: the worker says when it consumes its queues (its readiness)
        (tee) => startWorker({ ...serviceEnv, LOG_LEVEL: 'info' }, { ...launch, name: `worker-${i}`, tee }),
        path.join(runDir, `worker-${i}.log`),
      ),
  );
  processes.push(...apis, ...workers);
  await Promise.all([...apis, ...workers].map((p) => p.start()));
  balancer = new HttpBalancer(
    apiPorts.map((port) => ({ url: new URL(`http://127.0.0.1:${port}`), up: true })),
  );
  const apiUrl = await balancer.start();
  say(`2 API processes behind ${apiUrl}, 2 workers, PostgreSQL through a proxy on port ${proxy.port}`);

  const adminKey = createAdminKey(
    { DATABASE_URL: directUrl.toString(), REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix },
    'Chaos Admin',
  );
  const api = createApiClient({ baseUrl: apiUrl, token: adminKey });

  /** An operator's call: retried through faults (a 503 during an outage is expected) until it works. */
  async function operatorCall<T>(
    what: string,
    call: () => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        const { data, error, response } = await call();
        if (data !== undefined && response.ok) return data;
        if (response.status < 500 && response.status !== 429)
          throw new Error(`${what}: ${response.status} ${JSON.stringify(error)}`);
      } catch (error) {
        if ((error as Error).message.startsWith(what)) throw error;
      }
      if (Date.now() > deadline) throw new Error(`${what}: no success within 120 s`);
      await sleep(1000);
    }
  }

  // The dashboard, on its production build (made before the stack started).
  const dashboardPort = await freePort();
  const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
  const dashboard = new ManagedProcess(
    'dashboard',
    async (tee) => (await startDashboard(apiUrl, { ...launch, port: dashboardPort, tee })).process,
    path.join(runDir, 'dashboard.log'),
  );
  processes.push(dashboard);
  await dashboard.start();
  let page: Page | undefined;
  if (existsSync(CHROMIUM)) {
    const browser = await launchChromium();
    browserClose = () => browser.close();
    page = await browser.newPage();
    await page.goto(`${dashboardUrl}/sign-in`, { waitUntil: 'networkidle' });
    page.setDefaultTimeout(180_000);
    // The first API calls of freshly started processes can be slow on a busy machine: try a few times.
    for (let attempt = 1; ; attempt++) {
      await api.GET('/v1/me').catch(() => undefined);
      await page.getByLabel('Operator API key').fill(adminKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForSelector('#overview-heading, #sign-in-error');
      if ((await page.locator('#sign-in-error').count()) === 0) break;
      const error = (await page.locator('#sign-in-error').textContent())?.trim();
      if (attempt === 5) throw new Error(`dashboard sign-in failed: ${error}`);
      await page.reload({ waitUntil: 'networkidle' });
    }
    say(`dashboard on ${dashboardUrl}, an operator signed in (Chromium)`);
  } else {
    sessionProblems.push(`Chromium not found at ${CHROMIUM}: the dashboard session was not checked`);
  }
  /** The signed-in operator still sees the overview (not the sign-in page). */
  async function checkSession(when: string) {
    if (!page) return;
    try {
      await page.goto(`${dashboardUrl}/`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await page.waitForSelector('#overview-heading, #sign-in-heading', { timeout: 60_000 });
      if (new URL(page.url()).pathname === '/sign-in')
        sessionProblems.push(`${when}: the session was lost (sent to sign-in)`);
    } catch (error) {
      sessionProblems.push(
        `${when}: the dashboard did not answer (${(error as Error).message.split('\n')[0]})`,
      );
    }
  }

  // Policies the operators use, and the fleet.
  const fleetDefault = await operatorCall('fleet default', () => api.GET('/v1/fleet/default-policy'));
  const defaults = [fleetDefault.policyVersion!.id];
  const alt = await operatorCall('create policy', () =>
    api.POST('/v1/policies', { body: { name: 'chaos-alt', tau: 0.45 } }),
  );
  defaults.push(alt.versions[0]!.id);
  const lowered = await operatorCall('create policy', () =>
    api.POST('/v1/policies', { body: { name: 'chaos-rollout', tau: 0.6 } }),
  );
  const rolloutVersion = lowered.versions[0]!.id;
  const token = await operatorCall('enrolment token', () =>
    api.POST('/v1/enrollment-tokens', {
      body: { name: 'chaos fleet', maxUses: robotCount, tags: ['chaos'] },
    }),
  );
  const stateDir = path.join(runDir, 'fleet');
  const agentConfig = path.join(runDir, 'agent.json');
  writeFileSync(
    agentConfig,
    JSON.stringify({
      name: 'chaos',
      development: true,
      stateDir,
      model: { path: path.join(root, 'models/aura-mem-hard-v1.onnx') },
      persistence: { mode: 'none' },
      telemetry: { windowSeconds: 2 },
      environment: { seed: seed % 100_000 },
      api: { url: apiUrl },
    }),
  );
  const simCommand = tsxCommand(
    'src/main.ts',
    'sim',
    '--config',
    agentConfig,
    '--robots',
    String(robotCount),
    '--hz',
    '10',
    '--flush-timeout',
    '60',
    '--no-status',
  );
  sim = new ManagedProcess(
    'fleet',
    (tee) =>
      TestProcess.start(simCommand, {
        name: 'fleet',
        cwd: path.join(root, 'apps/agent'),
        env: { NODE_ENV: 'production', AURA_AGENT_ENROLLMENT_TOKEN: token.token },
        keepOutputChars: KEEP_OUTPUT_CHARS,
        tee,
      }),
    path.join(runDir, 'fleet.log'),
  );
  await sim.start();
  const listRobots = async () =>
    (
      await operatorCall('list robots', () =>
        api.GET('/v1/robots', { params: { query: { limit: 500, tag: 'chaos' } } }),
      )
    ).items;
  for (let deadline = Date.now() + 300_000; ; ) {
    const robots = await listRobots();
    const ready = robots.filter(
      (r) => r.latestTelemetry && r.appliedConfigVersion === r.desiredConfigVersion,
    );
    if (ready.length === robotCount) break;
    if (!sim.running) throw new Error('the simulated fleet exited while enrolling (see fleet.log)');
    if (Date.now() > deadline)
      throw new Error(`${ready.length}/${robotCount} robots enrolled and applied within 300 s`);
    await sleep(2000);
  }
  say(`${robotCount} simulated robots enrolled, reporting and on the fleet default`);

  // The rollout: half the fleet onto τ 0.6 (expected to fail its success-rate gate and roll back).
  const robots = await listRobots();
  const targets = robots.slice(0, Math.floor(robotCount / 2)).map((r) => r.id);
  const bakeSeconds = Math.max(20, Math.min(60, Math.round((minutes * 60) / 6)));
  const rollout = await operatorCall('create rollout', () =>
    api.POST('/v1/rollouts', {
      body: {
        name: 'chaos rollout',
        spec: {
          policyVersionId: rolloutVersion,
          target: { robotIds: targets },
          steps: [
            { percent: 20, bakeSeconds },
            { percent: 50, bakeSeconds },
            { percent: 100, bakeSeconds },
          ],
          gates: { minSamplesPerCohort: 500 },
          onFailure: 'rollback',
          inconclusiveDeadlineSeconds: 120,
        },
      },
    }),
  );
  await operatorCall('start rollout', () =>
    api.POST('/v1/rollouts/{id}/start', {
      params: { path: { id: rollout.id } },
      body: { reason: 'chaos run' },
    }),
  );
  say(
    `rollout ${rollout.id} started: ${targets.length} robots, 20/50/100 %, ${bakeSeconds} s bakes, rollback on failure`,
  );

  // ── faults ──────────────────────────────────────────────────────────────────────────────────────
  const bag: FaultKind[] = [];
  const nextFault = (): FaultKind => {
    if (bag.length === 0) {
      // processes twice as often as the rest (every kind at least once per bag)
      const weights: Record<FaultKind, number> = {
        'kill-api': 2,
        'kill-worker': 2,
        'cut-database': 1,
        'flush-redis': 1,
        'restart-dashboard': 1,
      };
      for (const kind of faultKinds) for (let n = 0; n < weights[kind]; n++) bag.push(kind);
      for (let i = bag.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [bag[i], bag[j]] = [bag[j]!, bag[i]!];
      }
    }
    return bag.pop()!;
  };
  let lastDefaultChange = Date.now();
  let defaultIndex = 0;
  const faultEnd = Date.now() + minutes * 60_000;
  let nextDefaultAt = Date.now() + between(random, 20_000, 45_000);
  let nextFaultAt = Date.now() + between(random, 5_000, 15_000);
  while (Date.now() < faultEnd) {
    const now = Date.now();
    if (now >= nextDefaultAt) {
      defaultIndex = (defaultIndex + 1) % defaults.length;
      const target = defaults[defaultIndex]!;
      await operatorCall('set fleet default', () =>
        api.PUT('/v1/fleet/default-policy', {
          body: { policyVersionId: target, reason: 'chaos: an operator changes the default' },
        }),
      ).catch((error: Error) => operatorProblems.push(error.message));
      lastDefaultChange = Date.now();
      say(`operator: fleet default → ${defaultIndex === 0 ? 'default v1 (τ 0.5)' : 'chaos-alt v1 (τ 0.45)'}`);
      nextDefaultAt = Date.now() + between(random, 20_000, 45_000);
    }
    if (now >= nextFaultAt) {
      const kind = nextFault();
      let detail = '';
      switch (kind) {
        case 'kill-api': {
          const index = between(random, 0, 1);
          const victim = apis[index]!;
          balancer.backends[index]!.up = false;
          await victim.kill();
          await sleep(between(random, 1000, 5000));
          await victim.start();
          balancer.backends[index]!.up = true;
          detail = `${victim.name} SIGKILLed and restarted`;
          break;
        }
        case 'kill-worker': {
          const victim = workers[between(random, 0, 1)]!;
          await victim.kill();
          await sleep(between(random, 1000, 5000));
          await victim.start();
          detail = `${victim.name} SIGKILLed and restarted`;
          break;
        }
        case 'cut-database': {
          const seconds = between(random, 5, args.quick ? 15 : 30);
          const from = Date.now();
          await proxy.stop();
          await sleep(seconds * 1000);
          await proxy.start();
          outages.push({ from, to: Date.now() });
          detail = `PostgreSQL cut for ${seconds} s`;
          break;
        }
        case 'flush-redis':
          detail = `${await removeRedisKeys(redisUrl, redisPrefix)} Redis keys of the run deleted`;
          break;
        case 'restart-dashboard':
          await dashboard.restart();
          await checkSession('after a dashboard restart');
          detail = 'dashboard SIGKILLed and restarted';
          break;
      }
      faults.push({ at: Date.now(), kind, detail });
      say(`fault: ${detail}`);
      nextFaultAt = Date.now() + between(random, args.quick ? 6_000 : 10_000, args.quick ? 15_000 : 30_000);
    }
    await sleep(250);
  }

  // ── settle ──────────────────────────────────────────────────────────────────────────────────────
  say('faults over: letting the fleet settle');
  for (const p of [...apis, ...workers]) if (!p.running) await p.start();
  for (const backend of balancer.backends) backend.up = true;
  if (!proxy.up) await proxy.start();
  await checkSession('at the end');
  const terminal = ['succeeded', 'rolled_back', 'aborted', 'paused'];
  let rolloutState = await operatorCall('rollout', () =>
    api.GET('/v1/rollouts/{id}', { params: { path: { id: rollout.id } } }),
  );
  for (
    let deadline = Date.now() + (bakeSeconds * 3 + 120) * 1000;
    !terminal.includes(rolloutState.status) && Date.now() < deadline;
  ) {
    await sleep(3000);
    rolloutState = await operatorCall('rollout', () =>
      api.GET('/v1/rollouts/{id}', { params: { path: { id: rollout.id } } }),
    );
  }
  say(`rollout: ${rolloutState.status} (${rolloutState.statusReason ?? ''})`.slice(0, 300));
  const expectedPolicy = async () => {
    const current = (await operatorCall('fleet default', () => api.GET('/v1/fleet/default-policy')))
      .policyVersion!.id;
    const members = await operatorCall('rollout robots', () =>
      api.GET('/v1/rollouts/{id}/robots', { params: { path: { id: rollout.id }, query: { limit: 500 } } }),
    );
    const switched = new Set(
      members.items.filter((m) => m.configVersion !== null && m.state !== 'reverted').map((m) => m.robotId),
    );
    const endedAt = rolloutState.endedAt ? Date.parse(rolloutState.endedAt) : undefined;
    return (robotId: string) => {
      if (!switched.has(robotId)) return current;
      if (rolloutState.status === 'running' || rolloutState.status === 'paused') return rolloutVersion;
      if (rolloutState.status === 'succeeded' && endedAt !== undefined && endedAt > lastDefaultChange)
        return rolloutVersion;
      return current;
    };
  };
  let configProblems: string[] = [];
  for (let deadline = Date.now() + 120_000; ; ) {
    const [now, expected] = [await listRobots(), await expectedPolicy()];
    configProblems = checkConfigs(
      now.map((r) => ({
        id: r.id,
        name: r.name,
        desiredVersion: r.desiredConfigVersion,
        appliedVersion: r.appliedConfigVersion,
        desiredPolicy: r.desiredPolicyVersionId,
      })),
      expected,
    );
    if (configProblems.length === 0 || Date.now() > deadline) break;
    await sleep(3000);
  }
  say('stopping the fleet (it flushes its outboxes)');
  await sim.stop(90_000);

  // ── checks ──────────────────────────────────────────────────────────────────────────────────────
  const produced = readOutboxes(
    stateDir,
    robots.map((r) => ({ id: r.id, name: r.name })),
  );
  const db = new pg.Client({ connectionString: directUrl.toString() });
  await db.connect();
  const { rows } = await db.query<{ robot_id: string; seqs: string[] }>(
    `SELECT robot_id, array_agg(seq::text) AS seqs FROM telemetry_record GROUP BY robot_id`,
  );
  await db.end();
  const telemetry = checkTelemetry(produced, new Map(rows.map((r) => [r.robot_id, r.seqs.map(Number)])));
  const rolloutProblems = checkRollout({
    id: rollout.id,
    status: rolloutState.status,
    currentStep: rolloutState.currentStep,
    steps: rolloutState.steps.length,
    onFailure: 'rollback',
    verdicts: rolloutState.verdicts.map((v) => ({ stepIndex: v.stepIndex, result: v.result })),
  });
  const errors = checkServerErrors(balancer.responses, outages, 5000);
  // A process that died by itself was restarted silently when the fleet settled; say so.
  const crashed = [...apis, ...workers, dashboard].flatMap((p) =>
    p.crashes.map((c) => ({ name: p.name, at: Math.round((c.at - started) / 1000), exit: c.exit })),
  );

  // ── report ──────────────────────────────────────────────────────────────────────────────────────
  const lines: [string, string, boolean][] = [
    [
      'telemetry lost',
      `${telemetry.lost} of ${telemetry.produced} produced (${telemetry.stored} stored, ${telemetry.pending} still in outboxes)`,
      telemetry.lost === 0,
    ],
    ['telemetry duplicated', String(telemetry.duplicated), telemetry.duplicated === 0],
    [
      'agent quarantined / dropped',
      `${telemetry.quarantined} / ${telemetry.dropped}`,
      telemetry.quarantined + telemetry.dropped === 0,
    ],
    [
      'rollout',
      `${rolloutState.status}, verdicts ${rolloutState.verdicts.map((v) => `${v.stepIndex + 1}:${v.result}`).join(' ') || 'none'}${rolloutProblems.length ? ` — ${rolloutProblems.join('; ')}` : ''}`,
      rolloutProblems.length === 0,
    ],
    [
      'configs applied = desired, on the right policy',
      configProblems.length === 0
        ? `all ${robotCount}`
        : `${configProblems.length} problem(s): ${configProblems.slice(0, 5).join('; ')}`,
      configProblems.length === 0,
    ],
    [
      'API 5xx',
      `${errors.unexpected.length} outside outages, ${errors.badDuringOutage.length} bad during outages, ${errors.retryableDuringOutage} × 503+Retry-After and ${errors.healthDuringOutage} health checks reporting the database down during outages, of ${errors.apiResponses} responses (balancer: ${errors.balancer} requests cut by a killed API)`,
      errors.unexpected.length + errors.badDuringOutage.length === 0,
    ],
    [
      'dashboard session',
      sessionProblems.length === 0
        ? `kept through ${faults.filter((f) => f.kind === 'restart-dashboard').length} restart(s)`
        : sessionProblems.join('; '),
      sessionProblems.length === 0,
    ],
    [
      'processes exited on their own',
      crashed.length === 0
        ? 'none (APIs, workers, dashboard)'
        : crashed.map((c) => `${c.name} at ${c.at} s (${c.exit})`).join('; '),
      crashed.length === 0,
    ],
    [
      'operator actions',
      operatorProblems.length === 0 ? 'all succeeded' : operatorProblems.join('; '),
      operatorProblems.length === 0,
    ],
  ];
  const counts: Record<string, number> = {};
  for (const f of faults) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  console.log(`\nchaos report — seed ${seed}, ${minutes} min, ${robotCount} robots`);
  console.log(
    `faults: ${
      Object.entries(counts)
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ') || 'none'
    }`,
  );
  for (const [name, value, ok] of lines) console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}: ${value}`);
  for (const r of [...errors.unexpected, ...errors.badDuringOutage].slice(0, 10)) {
    console.log(`        ${new Date(r.at).toISOString()} ${r.status} ${r.method} ${r.route}`);
  }
  for (const problem of telemetry.problems.slice(0, 10)) console.log(`        ${problem}`);
  const failed = lines.filter(([, , ok]) => !ok).length;
  console.log(
    failed === 0
      ? '\nchaos: every check passed'
      : `\nchaos: ${failed} check(s) failed — replay with --seed ${seed}`,
  );
  writeFileSync(
    path.join(runDir, 'report.json'),
    JSON.stringify(
      {
        seed,
        minutes,
        faultKinds,
        robots: robotCount,
        faults,
        outages,
        telemetry,
        rollout: rolloutState,
        rolloutProblems,
        configProblems,
        errors,
        sessionProblems,
        operatorProblems,
        crashed,
      },
      null,
      2,
    ),
  );
  return failed === 0 ? 0 : 1;
}

/** Each robot's produced seqs and its outbox's leftovers, read from its state directory. */
function readOutboxes(stateDir: string, robots: { id: string; name: string }[]): ProducedTelemetry[] {
  const byName = new Map(robots.map((r) => [r.name, r.id]));
  const result: ProducedTelemetry[] = [];
  const robotsDir = path.join(stateDir, 'robots');
  for (const name of readdirSync(robotsDir)) {
    const dir = path.join(robotsDir, name);
    const credential = path.join(dir, 'credentials', 'credential.json');
    const robotId = existsSync(credential)
      ? (JSON.parse(readFileSync(credential, 'utf8')) as { robotId: string }).robotId
      : byName.get(name);
    if (!robotId) continue;
    const outboxDir = path.join(dir, 'outbox');
    const cursorFile = path.join(outboxDir, 'outbox.cursor.json');
    const cursor = existsSync(cursorFile)
      ? (JSON.parse(readFileSync(cursorFile, 'utf8')) as {
          ackedSeq: number;
          droppedThroughSeq: number;
          dropped: number;
          quarantined?: number;
          lastSeq: number;
        })
      : { ackedSeq: 0, droppedThroughSeq: 0, dropped: 0, lastSeq: 0 };
    const seqs = readOutboxLog(path.join(outboxDir, 'outbox.log'));
    const floor = Math.max(cursor.ackedSeq, cursor.droppedThroughSeq);
    result.push({
      robotId,
      lastSeq: Math.max(cursor.lastSeq, ...seqs),
      pending: seqs.filter((seq) => seq > floor),
      quarantined: cursor.quarantined ?? 0,
      dropped: cursor.dropped,
    });
  }
  return result;
}

/** Seqs in an outbox log (`u32 length · u32 CRC-32 · JSON` entries; a torn tail is ignored). */
function readOutboxLog(file: string): number[] {
  if (!existsSync(file)) return [];
  const buffer = readFileSync(file);
  const seqs: number[] = [];
  for (let offset = 0; offset + 8 <= buffer.length; ) {
    const length = buffer.readUInt32LE(offset);
    if (length === 0 || offset + 8 + length > buffer.length) break;
    try {
      seqs.push(
        (JSON.parse(buffer.subarray(offset + 8, offset + 8 + length).toString('utf8')) as { seq: number })
          .seq,
      );
    } catch {}
    offset += 8 + length;
  }
  return seqs;
}

async function cleanup() {
  await browserClose?.().catch(() => {});
  await sim?.stop(5000).catch(() => {});
  for (const p of processes.reverse()) await p.stop(10_000).catch(() => {});
  for (const p of [...processes, ...(sim ? [sim] : [])]) p.close();
  await balancer?.stop().catch(() => {});
  await proxy?.stop().catch(() => {});
  if (args.keep) {
    console.log(`kept: database ${databaseName}, Redis prefix ${redisPrefix}, ${runDir}`);
    return;
  }
  await database?.drop();
  await removeRedisKeys(redisUrl, redisPrefix);
  rmSync(path.join(runDir, 'fleet'), { recursive: true, force: true });
}

// Interrupted (Ctrl-C, or a time limit such as pnpm test's): @aura/testing kills the stack's processes;
// the run's database, Redis keys and fleet state are removed here before exiting. `on`, not `once`:
// @aura/testing exits by itself when it sees no other listener.
let interrupted = false;
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`chaos: ${signal} — stopping; replay with --seed ${seed}; logs in ${runDir}`);
    void cleanup()
      .catch((error: Error) => console.error(`chaos: cleanup: ${error.message}`))
      .finally(() => process.exit(code));
  });
}

let status = 1;
try {
  status = await main();
} catch (error) {
  console.error(`chaos: ${(error as Error).stack ?? error}`);
  console.error(`chaos: the run broke off — replay with --seed ${seed}; logs in ${runDir}`);
} finally {
  await cleanup().catch((error: Error) => console.error(`chaos: cleanup: ${error.message}`));
}
process.exit(status);
