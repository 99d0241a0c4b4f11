import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT } from './global-setup.js';
import { checkSupport, type Host, type HostProcess, listNamespaces, Network } from './netns.js';

/**
 * `pnpm test:multihost`: AURA Fleet across hosts (docs/deployment.md, "Proof across hosts").
 * Every part runs as its own host (a network namespace with its own address): PostgreSQL and Redis
 * (own instances), a TCP load balancer in front of two API hosts, two worker hosts, the dashboard,
 * and an agent host simulating 20 robots. The operator (this test) talks to the load balancer from
 * the machine's own address on the bridge. Nothing is reached through 127.0.0.1.
 *
 * Scenario: enrolment and telemetry; rollout A (three steps, a τ that starves the memory) fails
 * its success-rate gate at step 1 and rolls back; rollout B is aborted after its first step applied;
 * rollout C (three steps) runs while one API host loses PostgreSQL for 20 s and one worker loses
 * Redis for 20 s, and succeeds with exactly one verdict per step. Then the robots stop and flush:
 * every seq each robot produced is stored once. Everything is torn down, also on failure.
 */

const root = path.resolve(import.meta.dirname, '../..');
const support = checkSupport();
if (!support.ok) console.warn(`[multihost] SKIPPED: ${support.reason}`);

const ROBOTS = 20;
const PG_BIN = existsSync('/usr/lib/postgresql')
  ? path.join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql').sort().at(-1) ?? '15', 'bin')
  : '';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) =>
  console.log(`[multihost ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Thrown inside a `waitFor` probe to stop waiting at once (a host died). */
class Fatal extends Error {}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      if (error instanceof Fatal) throw error;
      last = error;
    }
    await sleep(250);
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
  );
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

function signingKey(keyId: string): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return `${keyId}:${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
}

interface Rollout {
  id: string;
  status: string;
  currentStep: number;
  stepStartedAt: string | null;
  evaluateAfter: string | null;
  statusReason: string | null;
  verdicts: Array<{ stepIndex: number; result: string; reason: string; comparison: string }>;
  revert: { reverted: number; confirmed: number };
  steps: Array<{ index: number; robots: Record<string, number> }>;
}

describe.skipIf(!support.ok)('AURA Fleet across hosts (network namespaces)', () => {
  const workDir = mkdtempSync('/tmp/aura-multihost-');
  let net: Network;
  const hosts = {} as Record<
    'db' | 'redis' | 'lb' | 'api1' | 'api2' | 'worker1' | 'worker2' | 'dashboard' | 'agents',
    Host
  >;
  const procs = {} as Record<string, HostProcess>;
  let apiUrl = '';
  let adminKey = '';
  let db: pg.Pool;
  let robots: Array<{ id: string; name: string }> = [];
  const failures: string[] = [];

  const call = async <T = unknown>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${apiUrl}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 400)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const rollout = (id: string) => call<Rollout>('GET', `/v1/rollouts/${id}`);
  const balancer = async () =>
    (await (
      await fetch(`http://${hosts.lb.ip}:4100/`, { signal: AbortSignal.timeout(2000) })
    ).json()) as Array<{
      backend: string;
      ready: boolean;
      accepted: number;
      markedDown: number;
    }>;

  const onSignal = () => {
    net?.destroy();
    process.exit(130);
  };

  beforeAll(async () => {
    try {
      await setUp();
    } catch (error) {
      failures.push('set-up');
      throw error;
    }
  }, 600_000);

  async function setUp() {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const started = Date.now();
    net = Network.create(workDir);
    for (const name of [
      'db',
      'redis',
      'lb',
      'api1',
      'api2',
      'worker1',
      'worker2',
      'dashboard',
      'agents',
    ] as const) {
      hosts[name] = net.addHost(name);
    }
    log(
      `network ${net.cidr}: ${Object.values(hosts)
        .map((h) => `${h.name} ${h.ip}`)
        .join(', ')}`,
    );

    // PostgreSQL: a fresh cluster of the machine's PostgreSQL, as user postgres, on the db host.
    const pgData = path.join(workDir, 'pgdata');
    mkdirSync(pgData);
    chmodSync(workDir, 0o755);
    const chown = spawnSync('chown', ['postgres:postgres', pgData]);
    if (chown.status !== 0) throw new Error('chown postgres failed: is PostgreSQL installed?');
    const initdb = net.start(
      hosts.db,
      'initdb',
      path.join(PG_BIN, 'initdb'),
      ['-D', pgData, '-U', 'postgres', '-A', 'trust', '--no-sync'],
      {
        uid: 'postgres',
      },
    );
    if ((await initdb.exited) !== 0) throw new Error(`initdb failed:\n${net.logTail('initdb')}`);
    writeFileSync(path.join(pgData, 'pg_hba.conf'), `local all all trust\nhost all all ${net.cidr} trust\n`);
    procs.postgres = net.start(
      hosts.db,
      'postgres',
      path.join(PG_BIN, 'postgres'),
      [
        '-D',
        pgData,
        '-c',
        `listen_addresses=${hosts.db.ip}`,
        '-c',
        'port=5432',
        '-c',
        `unix_socket_directories=${pgData}`,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
      ],
      { uid: 'postgres' },
    );
    procs.redis = net.start(hosts.redis, 'redis', 'redis-server', [
      '--bind',
      hosts.redis.ip,
      '--port',
      '6379',
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'no',
    ]);
    const databaseUrl = `postgresql://postgres@${hosts.db.ip}:5432/aura_fleet`;
    db = new pg.Pool({ connectionString: databaseUrl.replace('/aura_fleet', '/postgres'), max: 2 });
    await waitFor(
      'PostgreSQL on the db host',
      30_000,
      async () => (await db.query('SELECT 1')).rowCount === 1,
    );
    await db.end();

    // Migrations and the first admin, from the operator's machine, as an operator would.
    const { migrate } = (await import(path.join(root, 'scripts/db-migrate.mjs'))) as {
      migrate: (url: string, command?: string, options?: { quiet?: boolean }) => string;
    };
    migrate(databaseUrl, 'up', { quiet: true });
    db = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    const admin = spawnSync(
      process.execPath,
      [path.join(root, BUILT.cli), 'create-admin', '--name', 'Multihost Operator', '--json'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
      },
    );
    if (admin.status !== 0) throw new Error(`create-admin failed: ${admin.stderr}`);
    adminKey = JSON.parse(admin.stdout).apiKey;

    // Two API hosts and two worker hosts, one signing key between them, production settings.
    const common = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '5',
      REDIS_URL: `redis://${hosts.redis.ip}:6379`,
      REDIS_PREFIX: '{aura-mh}',
      CONFIG_SIGNING_KEYS: signingKey('mh-1'),
      HEALTH_CHECK_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'info',
    };
    for (const name of ['api1', 'api2'] as const) {
      procs[name] = net.start(hosts[name], name, process.execPath, [path.join(root, BUILT.api)], {
        cwd: path.join(root, 'apps/api'),
        env: { ...common, HOST: hosts[name].ip, PORT: '4000' },
      });
    }
    for (const name of ['worker1', 'worker2'] as const) {
      procs[name] = net.start(hosts[name], name, process.execPath, [path.join(root, BUILT.worker)], {
        cwd: path.join(root, 'apps/api'),
        env: { ...common, HOST: hosts[name].ip, WORKER_HTTP_PORT: '9464' },
      });
    }
    procs.lb = net.start(
      hosts.lb,
      'lb',
      process.execPath,
      [
        path.join(import.meta.dirname, 'tcp-balancer.mjs'),
        `${hosts.lb.ip}:4000`,
        '4100',
        `${hosts.api1.ip}:4000,${hosts.api2.ip}:4000`,
      ],
      { cwd: root },
    );
    apiUrl = `http://${hosts.lb.ip}:4000`;

    // The dashboard as it ships: the production build (global-setup.ts makes it when missing).
    const dashboardDir = path.join(root, 'apps/dashboard');
    procs.dashboard = net.start(
      hosts.dashboard,
      'dashboard',
      process.execPath,
      [
        path.join(dashboardDir, 'node_modules/next/dist/bin/next'),
        'start',
        '-H',
        hosts.dashboard.ip,
        '-p',
        '3000',
      ],
      {
        cwd: dashboardDir,
        env: { AURA_API_URL: apiUrl, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      },
    );

    for (const name of ['api1', 'api2'] as const) {
      await waitFor(`${name} ready`, 240_000, () => httpOk(`http://${hosts[name].ip}:4000/readyz`));
    }
    for (const name of ['worker1', 'worker2'] as const) {
      await waitFor(`${name} ready`, 240_000, () => httpOk(`http://${hosts[name].ip}:9464/readyz`));
    }
    await waitFor('the balancer to see both APIs ready', 20_000, async () =>
      (await balancer()).every((b) => b.ready),
    );
    await waitFor('the dashboard', 60_000, () => httpOk(`http://${hosts.dashboard.ip}:3000/sign-in`));
    log(`hosts up in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    // The agent host: 20 simulated robots enrolling through the balancer.
    const { token } = await call<{ token: string }>('POST', '/v1/enrollment-tokens', {
      name: 'multihost fleet',
      // Room for a retried enrolment whose first answer was lost; duplicates are checked below.
      maxUses: ROBOTS * 2,
    });
    const fleetDir = path.join(workDir, 'fleet');
    mkdirSync(fleetDir);
    writeFileSync(
      path.join(fleetDir, 'agent.json'),
      JSON.stringify({
        name: 'mh',
        stateDir: '.',
        model: { path: path.join(root, 'models/aura-mem-hard-v1.onnx') },
        persistence: { mode: 'none' },
        telemetry: { windowSeconds: 2 },
        api: { url: apiUrl, enrollmentToken: token },
        // Plain HTTP between the hosts of this private bridge (TLS ends at the Ingress in production).
        development: true,
      }),
    );
    procs.agents = net.start(
      hosts.agents,
      'agents',
      process.execPath,
      [
        path.join(root, BUILT.agent),
        'sim',
        '--config',
        path.join(fleetDir, 'agent.json'),
        '--robots',
        String(ROBOTS),
        '--hz',
        '20',
        '--flush-timeout',
        '30',
        '--no-status',
      ],
      { cwd: path.join(root, 'apps/agent') },
    );
  }

  afterAll(async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await db?.end().catch(() => undefined);
    if (failures.length > 0 && net) {
      for (const label of [
        'postgres',
        'redis',
        'api1',
        'api2',
        'worker1',
        'worker2',
        'lb',
        'agents',
        'dashboard',
      ]) {
        console.error(`--- ${label} (last lines) ---\n${net.logTail(label, 25)}`);
      }
    }
    net?.destroy();
    const left = listNamespaces().filter((name) => name.startsWith(`amh${net?.id}`));
    rmSync(workDir, { recursive: true, force: true });
    expect(left, 'namespaces left behind').toEqual([]);
  }, 60_000);

  const step = (name: string, fn: () => Promise<void>, timeoutMs: number) =>
    it(
      name,
      async () => {
        try {
          await fn();
        } catch (error) {
          failures.push(name);
          throw error;
        }
      },
      timeoutMs,
    );

  step(
    'enrols 20 robots through the balancer, and telemetry from every robot reaches PostgreSQL',
    async () => {
      robots = await waitFor('20 robots online', 90_000, async () => {
        if (procs.agents?.child.exitCode !== null)
          throw new Fatal(`the agent host exited:\n${net.logTail('agents', 10)}`);
        const list = await call<{ items: Array<{ id: string; name: string; status: string }> }>(
          'GET',
          '/v1/robots?limit=100&sort=name',
        );
        return list.items.length === ROBOTS && list.items.every((r) => r.status === 'online')
          ? list.items
          : undefined;
      });
      await waitFor('telemetry from every robot', 60_000, async () => {
        const { rows } = await db.query('SELECT count(DISTINCT robot_id)::int AS n FROM telemetry_record');
        return rows[0].n === ROBOTS;
      });
      const lb = await balancer();
      expect(
        lb.every((b) => b.accepted > 0),
        'both APIs took connections',
      ).toBe(true);
      log(`${ROBOTS} robots enrolled and reporting; balancer: ${JSON.stringify(lb)}`);
    },
    150_000,
  );

  /** The fleet's default policy version (what every robot runs without a rollout). */
  const fleetDefault = () =>
    call<{ policyVersion: { id: string; tau: number }; policy: { id: string } }>(
      'GET',
      '/v1/fleet/default-policy',
    );

  const newVersion = async (tau: number, notes: string) => {
    const { policy } = await fleetDefault();
    return call<{ id: string }>('POST', `/v1/policies/${policy.id}/versions`, { tau, notes });
  };

  const createRollout = async (name: string, policyVersionId: string, spec: Record<string, unknown>) => {
    const created = await call<{ id: string }>('POST', '/v1/rollouts', {
      name,
      spec: {
        policyVersionId,
        target: { robotIds: robots.map((r) => r.id) },
        onFailure: 'rollback',
        ...spec,
      },
    });
    await call('POST', `/v1/rollouts/${created.id}/start`, { reason: `multihost: ${name}` });
    return created.id;
  };

  /** pass/fail verdicts (an inconclusive one — too little data yet — is retried and stored too). */
  const decisive = (r: Rollout) =>
    r.verdicts.filter((v) => v.result !== 'inconclusive').map((v) => [v.stepIndex, v.result]);

  step(
    'rollout A: a three-step rollout whose success-rate gate fails at step 1 rolls back',
    async () => {
      // τ 0.95: the gate almost never writes, the memory stays empty and queries go unanswered.
      const version = await newVersion(0.95, 'multihost: τ 0.95 starves the memory');
      const id = await createRollout('A: τ 0.95', version.id, {
        steps: [
          { percent: 30, bakeSeconds: 20 },
          { percent: 60, bakeSeconds: 20 },
          { percent: 100, bakeSeconds: 20 },
        ],
        gates: { maxSuccessRateDrop: 0.15, minSamplesPerCohort: 100, minProjectedFlashLifeDays: 0 },
        inconclusiveDeadlineSeconds: 90,
      });
      const done = await waitFor('rollout A to end', 150_000, async () => {
        const r = await rollout(id);
        return ['rolled_back', 'succeeded', 'paused', 'aborted'].includes(r.status) ? r : undefined;
      });
      log(
        `rollout A: ${done.status}; verdicts ${JSON.stringify(done.verdicts.map((v) => [v.stepIndex, v.result, v.reason]))}`,
      );
      expect(done.status).toBe('rolled_back');
      expect(decisive(done)).toEqual([[0, 'fail']]);
      expect(done.verdicts.at(-1)?.reason).toMatch(/success/i);
      await waitFor('every reverted robot to confirm', 60_000, async () => {
        const r = await rollout(id);
        return r.revert.reverted > 0 && r.revert.confirmed === r.revert.reverted;
      });
    },
    240_000,
  );

  step(
    'rollout B: aborted after its first step applied, every switched robot reverts',
    async () => {
      const version = await newVersion(0.55, 'multihost: rollout to abort');
      const id = await createRollout('B: to abort', version.id, {
        steps: [
          { percent: 50, bakeSeconds: 600 },
          { percent: 100, bakeSeconds: 600 },
        ],
      });
      await waitFor('step 1 of B applied', 60_000, async () => {
        const r = await rollout(id);
        const states = r.steps[0]?.robots ?? {};
        const total = Object.values(states).reduce((a, b) => a + b, 0);
        return total > 0 && (states.applied ?? 0) === total;
      });
      await call('POST', `/v1/rollouts/${id}/abort`, { reason: 'multihost: operator abort' });
      const done = await waitFor('B reverted and confirmed', 60_000, async () => {
        const r = await rollout(id);
        return r.status === 'aborted' && r.revert.reverted > 0 && r.revert.confirmed === r.revert.reverted
          ? r
          : undefined;
      });
      expect(done.verdicts).toEqual([]);
      log(`rollout B: aborted; ${done.revert.reverted} robots reverted and confirmed`);
    },
    120_000,
  );

  step(
    'rollout C succeeds with one verdict per step while an API host loses PostgreSQL and a worker loses Redis for 20 s',
    async () => {
      const { tau } = (await fleetDefault()).policyVersion;
      const version = await newVersion(tau, 'multihost: same τ as the default, re-issued');
      const bake = 20;
      const id = await createRollout('C: under partitions', version.id, {
        steps: [
          { percent: 40, bakeSeconds: bake },
          { percent: 70, bakeSeconds: bake },
          { percent: 100, bakeSeconds: bake },
        ],
        gates: {
          maxWriteRateIncrease: 1,
          maxSuccessRateDrop: 1,
          minSamplesPerCohort: 100,
          minProjectedFlashLifeDays: 0,
        },
        inconclusiveDeadlineSeconds: 120,
      });
      const storedCount = async () =>
        Number((await db.query('SELECT count(*)::int AS n FROM telemetry_record')).rows[0].n);

      // Step 1's bake: api1 cannot reach PostgreSQL for 20 s.
      await waitFor('C step 1 baking', 60_000, async () => (await rollout(id)).stepStartedAt !== null);
      net.partition(hosts.api1, hosts.db);
      const partitionStart = Date.now();
      log('partition: api1 ✕ db');
      const before = await storedCount();
      await waitFor('the balancer to take api1 out', 20_000, async () =>
        (await balancer()).some((b) => b.backend.startsWith(hosts.api1.ip) && !b.ready),
      );
      expect(
        await httpOk(`http://${hosts.api1.ip}:4000/livez`),
        'api1 is alive (liveness = process only)',
      ).toBe(true);
      expect(await httpOk(`http://${hosts.api1.ip}:4000/readyz`), 'api1 is not ready').toBe(false);
      await waitFor(
        'telemetry to keep arriving through api2',
        15_000,
        async () => (await storedCount()) > before + ROBOTS,
      );
      await sleep(Math.max(0, 20_000 - (Date.now() - partitionStart)));
      net.heal(hosts.api1);
      log(`healed api1 ✕ db after ${((Date.now() - partitionStart) / 1000).toFixed(1)} s`);
      await waitFor('api1 back in the balancer', 20_000, async () =>
        (await balancer()).every((b) => b.ready),
      );

      // Step 2: worker1 loses Redis from shortly before step 2's evaluation is due, for 20 s.
      const step2 = await waitFor('C step 2 baking', 90_000, async () => {
        const r = await rollout(id);
        return r.currentStep === 1 && r.stepStartedAt !== null && r.evaluateAfter ? r : undefined;
      });
      const due = new Date(step2.evaluateAfter ?? 0).getTime();
      await sleep(Math.max(0, due - Date.now() - 5000));
      net.partition(hosts.worker1, hosts.redis);
      const workerCut = Date.now();
      log('partition: worker1 ✕ redis');
      await waitFor(
        'worker1 unready',
        10_000,
        async () => !(await httpOk(`http://${hosts.worker1.ip}:9464/readyz`)),
      );
      expect(await httpOk(`http://${hosts.worker1.ip}:9464/livez`), 'worker1 is alive').toBe(true);
      await sleep(Math.max(0, 20_000 - (Date.now() - workerCut)));
      net.heal(hosts.worker1);
      log(`healed worker1 ✕ redis after ${((Date.now() - workerCut) / 1000).toFixed(1)} s`);
      await waitFor('worker1 ready again', 30_000, () => httpOk(`http://${hosts.worker1.ip}:9464/readyz`));

      const done = await waitFor('rollout C to end', 150_000, async () => {
        const r = await rollout(id);
        return ['succeeded', 'rolled_back', 'paused', 'aborted'].includes(r.status) ? r : undefined;
      });
      log(
        `rollout C: ${done.status}; verdicts ${JSON.stringify(done.verdicts.map((v) => [v.stepIndex, v.result, v.comparison]))}`,
      );
      expect(done.status).toBe('succeeded');
      expect(decisive(done)).toEqual([
        [0, 'pass'],
        [1, 'pass'],
        [2, 'pass'],
      ]);
      // Two workers, one cut off around an evaluation: still one decisive verdict per step.
      const { rows } = await db.query(
        `SELECT step_index, count(*)::int AS n FROM rollout_verdict
          WHERE rollout_id = $1 AND result <> 'inconclusive' GROUP BY step_index ORDER BY step_index`,
        [id],
      );
      expect(rows).toEqual([
        { step_index: 0, n: 1 },
        { step_index: 1, n: 1 },
        { step_index: 2, n: 1 },
      ]);
      const lb = await balancer();
      expect(lb.find((b) => b.backend.startsWith(hosts.api1.ip))?.markedDown).toBeGreaterThanOrEqual(1);
    },
    360_000,
  );

  step(
    'nothing is lost: every seq each robot produced is stored exactly once',
    async () => {
      await net.stop(procs.agents as HostProcess, 45_000);
      const output = net.logTail('agents', 20);
      expect(output).toContain('every outbox delivered');
      const produced = new Map<string, number>();
      const robotsDir = path.join(workDir, 'fleet', 'robots');
      for (const name of readdirSync(robotsDir)) {
        const cursorFile = findFile(path.join(robotsDir, name), 'outbox.cursor.json');
        const cursor = JSON.parse(readFileSync(cursorFile, 'utf8')) as {
          lastSeq: number;
          ackedSeq: number;
          droppedThroughSeq: number;
        };
        expect(cursor.droppedThroughSeq, `${name} dropped records`).toBe(0);
        expect(cursor.ackedSeq, `${name} acknowledged all it produced`).toBe(cursor.lastSeq);
        produced.set(name, cursor.lastSeq);
      }
      expect(produced.size).toBe(ROBOTS);
      const { rows } = await db.query(
        `SELECT r.name, count(*)::int AS stored, count(DISTINCT t.seq)::int AS distinct_seqs,
              min(t.seq)::int AS first, max(t.seq)::int AS last
         FROM telemetry_record t JOIN robot r ON r.id = t.robot_id GROUP BY r.name ORDER BY r.name`,
      );
      const stored = new Map(rows.map((r) => [r.name as string, r]));
      let total = 0;
      for (const [name, lastSeq] of produced) {
        const row = stored.get(name);
        expect(row, `${name} has telemetry`).toBeDefined();
        expect([row.stored, row.distinct_seqs, row.first, row.last], name).toEqual([
          lastSeq,
          lastSeq,
          1,
          lastSeq,
        ]);
        total += lastSeq;
      }
      log(`${total} records produced by ${ROBOTS} robots, ${total} stored, none twice`);
    },
    90_000,
  );

  step(
    'the dashboard host serves the sign-in page and reaches the API through the balancer',
    async () => {
      const page = await fetch(`http://${hosts.dashboard.ip}:3000/sign-in`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('API key');
      const home = await fetch(`http://${hosts.dashboard.ip}:3000/`, { redirect: 'manual' });
      expect([302, 303, 307]).toContain(home.status);
      expect(home.headers.get('location')).toContain('/sign-in');
    },
    30_000,
  );

  step(
    'no API or worker process crashed',
    async () => {
      for (const name of ['api1', 'api2', 'worker1', 'worker2', 'postgres', 'redis', 'lb', 'dashboard']) {
        expect(procs[name]?.child.exitCode, `${name} exited`).toBeNull();
      }
    },
    10_000,
  );
});

function findFile(dir: string, name: string): string {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === name) return full;
    if (entry.isDirectory()) {
      try {
        return findFile(full, name);
      } catch {}
    }
  }
  throw new Error(`${name} not found under ${dir}`);
}
