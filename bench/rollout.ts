/**
 * `pnpm bench rollout [--quick] [--robots N] [--clients K] [--json FILE]`
 *
 * N lightweight protocol robots (not full agents) long-poll the real API for their config; once every
 * robot has had its first answer (the fleet's first contact, reported as its own figure), a 3-step
 * rollout (10 % → 50 % → 100 %) moves all of them onto a new policy version. Measured: seconds from
 * start to 100 % applied, and per step the delivery latency (step begins → robot has its config).
 * Then the same with 2 API processes and 2 workers (robots split across the APIs; wake-ups cross
 * processes through Redis). Steps are advanced with `promote` as soon as a step is fully applied (every
 * robot of it has its config and its ack was answered): bake time is policy, not performance, so it is
 * left out of the measurement (and said so). Each step reports a breakdown of where its time went,
 * from the API's timing lines (docs/rollouts.md).
 *
 * Each run uses its own database and Redis prefix and removes them afterwards. The robots run in K
 * client processes (open-file limits: one process cannot hold 10,000 connections and serve them).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { Writable } from 'node:stream';
import { generateSigningKeyEntry, issueSecret } from '@aura/api';
import { parseScriptArgs } from '@aura/core/script-args';
import {
  dropDatabase,
  migrate,
  removeRedisKeys,
  startApi,
  startWorker,
  type TestProcess,
  testDatabaseServerUrl,
  testRedisUrl,
} from '@aura/testing';
import pg from 'pg';
import { Agent, request } from 'undici';
import { backendCpu, backendCpuSince, cpuSeconds } from './_cpu.js';

// ── client process: long-polls for a slice of the robots ─────────────────────────────────────────
if (process.env.AURA_BENCH_ROLE === 'client') {
  // The robot list arrives over IPC (thousands of secrets do not fit in an environment variable).
  const robots = await new Promise<{ secret: string; api: string }[]>((resolve) =>
    process.once('message', (message: { robots: { secret: string; api: string }[] }) =>
      resolve(message.robots),
    ),
  );
  // Keep-alive connections: one per robot, reused for its polls and acks.
  const dispatcher = new Agent({ connections: robots.length + 10, keepAliveTimeout: 60_000 });
  let stopping = false;
  // at: envelope received; ackedAt: its ack answered (an answer other than 200 is also counted in statuses)
  const events: { robot: number; version: number; at: number; ackedAt: number }[] = [];
  const statuses: Record<string, number> = {}; // answers other than 200/304 (503 over the cap, errors)
  let connected = 0;
  // First contact timed in this process, from its robots' arrival (a forked tsx process can take
  // seconds to start on a loaded machine; that is not the API's time): per robot, the first answer's
  // latency; for the slice, arrival → last robot connected (the 0-2 s stagger included).
  const startedAt = Date.now();
  const firstLatencies: number[] = [];
  let lastConnectAt = startedAt;
  process.send?.({ ready: true });
  const flush = setInterval(() => {
    process.send?.({
      events: events.splice(0),
      connected,
      firstLatencies: firstLatencies.splice(0),
      contactMs: lastConnectAt - startedAt,
    });
  }, 200);
  // Answers other than 200/304 after the long-polls began are keyed by phase: "rollout …" once the
  // parent says the rollout started (before that, the rest of the fleet is still connecting).
  let phase = '';
  process.on('message', (message: { stop?: boolean; rollout?: boolean }) => {
    if (message.stop) stopping = true;
    if (message.rollout) phase = 'rollout ';
  });
  await Promise.all(
    robots.map(async (robot, index) => {
      let etag = '"v1"';
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2000)); // stagger connects
      // First contact (as an agent starting up): one poll that answers at once; then long-polls.
      while (!stopping) {
        const sent = Date.now();
        try {
          const response = await request(`${robot.api}/v1/agent/config`, {
            dispatcher,
            headers: { authorization: `Bearer ${robot.secret}`, 'if-none-match': etag },
          });
          await response.body.dump();
          if (response.statusCode === 304 || response.statusCode === 200) {
            lastConnectAt = Date.now();
            firstLatencies.push(lastConnectAt - sent);
            break;
          }
          const key = `first contact ${response.statusCode}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
        } catch {
          statuses['first contact error'] = (statuses['first contact error'] ?? 0) + 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      connected++;
      while (!stopping) {
        try {
          const response = await request(`${robot.api}/v1/agent/config?wait=30`, {
            dispatcher,
            headers: { authorization: `Bearer ${robot.secret}`, 'if-none-match': etag },
            headersTimeout: 40_000,
            bodyTimeout: 40_000,
          });
          if (response.statusCode === 200) {
            const envelope = (await response.body.json()) as { version: number };
            const at = Date.now();
            etag = String(response.headers.etag);
            const ack = await request(`${robot.api}/v1/agent/config/ack`, {
              dispatcher,
              method: 'POST',
              headers: { authorization: `Bearer ${robot.secret}`, 'content-type': 'application/json' },
              body: JSON.stringify({ version: envelope.version, status: 'applied' }),
            });
            await ack.body.dump();
            if (ack.statusCode !== 200) {
              const key = `${phase}ack ${ack.statusCode}`;
              statuses[key] = (statuses[key] ?? 0) + 1;
            }
            events.push({ robot: index, version: envelope.version, at, ackedAt: Date.now() });
          } else {
            await response.body.dump();
            if (response.statusCode !== 304) {
              const key = `${phase}${response.statusCode}`;
              statuses[key] = (statuses[key] ?? 0) + 1;
              const retryAfter = Number(response.headers['retry-after'] ?? 1);
              await new Promise((resolve) => setTimeout(resolve, 1000 * (retryAfter || 1)));
            }
          }
        } catch {
          statuses[`${phase}error`] = (statuses[`${phase}error`] ?? 0) + 1;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    }),
  );
  clearInterval(flush);
  process.send?.({ events, statuses });
  await dispatcher.close();
  process.exit(0);
}

// ── parent ───────────────────────────────────────────────────────────────────────────────────────
const { args } = parseScriptArgs(
  'bench rollout',
  'usage: pnpm bench rollout [--quick] [--robots N] [--clients K] [--json FILE] [--skip-scaled-out]',
  {
    quick: { type: 'boolean', default: false },
    robots: { type: 'string' },
    clients: { type: 'string' },
    json: { type: 'string' },
    'skip-scaled-out': { type: 'boolean', default: false },
  },
);
const ROBOTS = Number(args.robots ?? (args.quick ? 1000 : 10_000));
const CLIENTS = Number(args.clients ?? (args.quick ? 2 : 4));
const STEPS = [10, 50, 100];
const serverUrl = testDatabaseServerUrl();
const redisUrl = testRedisUrl();
const log = (message: string) => process.stderr.write(`[rollout] ${message}\n`);

function percentile(sorted: number[], q: number) {
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
    : NaN;
}

interface RunResult {
  robots: number;
  apiProcesses: number;
  workers: number;
  /** null when some robot never got its config (see steps[].missing). */
  secondsTo100Pct: number | null;
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  /**
   * From the client processes' start to every robot's first answer (before the rollout starts);
   * includes starting the forked tsx client processes.
   */
  firstContactSeconds: number;
  /** The same, timed inside each client process from its robots' arrival (the slowest client). */
  firstContactInClientsSeconds: number;
  /** Latency of each robot's first answered poll (its first contact), p50 / p99 in ms. */
  firstAnswerP50Ms: number;
  firstAnswerP99Ms: number;
  /** Seconds from forking the client processes until every one has its robots. */
  clientStartSeconds: number;
  /**
   * CPU per robot of the fleet's first contact (/proc, from the clients' start to the last first
   * answer): the API processes, and the database's PostgreSQL backends. Load noise moves these far
   * less than the seconds above.
   */
  firstContactCpuMsPerRobot: { api: number; postgresBackends: number };
  /**
   * Poll answers other than 200/304 seen by the robots, by status ("error": no answer); those of the
   * first contact are keyed "first contact <status>", those after the rollout started "rollout <status>"
   * (unprefixed: long-polls while the rest of the fleet was still connecting).
   */
  otherAnswers: Record<string, number>;
  /** Operator calls (start/promote) answered 503 and retried. */
  operatorRetries: number;
  loadAverage: { start: number[]; end: number[] };
  steps: {
    percent: number;
    robots: number;
    /** Robots of the step that never got their config within 3 minutes (then no p99 / time). */
    missing: number;
    secondsToApplied: number | null;
    deliveryP50Ms: number;
    deliveryP99Ms: number | null;
    /**
     * Step start → every robot's ack answered (observed within 100 ms); the next step starts then.
     */
    secondsToAcked: number;
    /** How long the operator's start/promote call took to answer (its transaction and announcement). */
    operatorCallMs: number;
    /**
     * Where the step's time went, in ms from the step's start (the operator's call sent), from the
     * API's timing lines ('rollout step timing', 'config wave timing'; same machine, same clock) and
     * the clients: call reaches the handler → transaction committed → change published → each API
     * process hears of it, re-reads, wakes its long-polls, hands out the last envelope → robots have it.
     */
    breakdown: StepBreakdown;
  }[];
}

interface StepBreakdown {
  handlerStartedMs: number | null;
  committedMs: number | null;
  /** Statements of the step's transaction (ms each). */
  transactionPhases: Record<string, number> | null;
  publishedMs: number | null;
  /** The passed step's members verified (after commit, before the operator's answer). */
  verifiedMs: number | null;
  operatorAnsweredMs: number;
  /** Per API process (several re-reads when the change arrived while one ran). */
  waves: {
    notifiedMs: number;
    readStartedMs: number;
    readMs: number;
    /** The configs came in the change message (no re-read); false or absent: re-read. */
    carried: boolean;
    changed: number;
    waiting: number;
    wokenMs: number;
    wakeLoopMs: number;
    delivered: number;
    lastDeliveredMs: number | null;
    deliveredAfterWakeP50Ms: number | null;
    deliveredAfterWakeP99Ms: number | null;
    signMsTotal: number;
    ledgerWaitP50Ms: number | null;
    ledgerWaitMaxMs: number | null;
  }[];
  firstReceivedMs: number | null;
  lastReceivedMs: number | null;
}

/** The API's timing lines ('rollout step timing', 'config wave timing'), collected from its output. */
function timingCollector() {
  const lines: { msg: string; timing: Record<string, unknown> }[] = [];
  let rest = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      process.stderr.write(chunk);
      const text = rest + String(chunk);
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        if (!line.includes('timing"')) continue;
        try {
          const parsed = JSON.parse(line) as { msg?: string; timing?: Record<string, unknown> };
          if (parsed.timing && parsed.msg) lines.push({ msg: parsed.msg, timing: parsed.timing });
        } catch {
          // not a JSON log line
        }
      }
      done();
    },
  });
  return { stream, lines };
}

async function run(apiProcesses: number, workerProcesses: number): Promise<RunResult> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/aura_bench_rollout_${runId}`;
  const redisPrefix = `aura-bench-${runId}`;
  migrate(databaseUrl.toString());
  const db = new pg.Client({ connectionString: databaseUrl.toString() });
  await db.connect();
  const children: TestProcess[] = [];
  const timings = timingCollector();
  const clients: ChildProcess[] = [];
  try {
    // Robots straight into the database (enrolment is not what is measured), each on the default.
    log(`${apiProcesses} API + ${workerProcesses} worker process(es): creating ${ROBOTS} robots`);
    const robots: { id: string; secret: string }[] = [];
    for (let offset = 0; offset < ROBOTS; offset += 1000) {
      const batch = Array.from({ length: Math.min(1000, ROBOTS - offset) }, () => issueSecret('rs'));
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO robot (name, secret_prefix, secret_hash, tags, desired_policy_version_id, desired_config_version)
         SELECT 'bench-' || n, p, h, '{bench}', (SELECT default_policy_version_id FROM fleet_settings), 1
           FROM unnest($1::text[], $2::text[], $3::int[]) AS t(p, h, n) RETURNING id`,
        [batch.map((s) => s.prefix), batch.map((s) => s.hash), batch.map((_, i) => offset + i)],
      );
      for (const [i, row] of rows.entries()) robots.push({ id: row.id, secret: batch[i]!.token });
    }
    await db.query(
      `INSERT INTO robot_config (robot_id, version, policy_version_id, delivered_at, acked_at, ack_status)
       SELECT id, 1, desired_policy_version_id, now(), now(), 'applied' FROM robot`,
    );
    const key = issueSecret('ak');
    const operatorRow = await db.query<{ id: string }>(
      "INSERT INTO operator (name, role) VALUES ('bench', 'operator') RETURNING id",
    );
    await db.query('INSERT INTO api_key (operator_id, name, prefix, secret_hash) VALUES ($1, $2, $3, $4)', [
      operatorRow.rows[0]!.id,
      'bench',
      key.prefix,
      key.hash,
    ]);

    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl.toString(),
      DATABASE_POOL_SIZE: '20',
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      AGENT_RATE_LIMIT: '0',
      // Every simulated robot calls from 127.0.0.1: per-address sign-in throttling would treat the
      // fleet as one client (a real fleet has an address per robot, or TRUST_PROXY).
      AUTH_THROTTLE_LIMIT: '0',
      ENROLL_THROTTLE_LIMIT: '0',
      CONFIG_SIGNING_KEYS: generateSigningKeyEntry('bench'),
    };
    // Production processes from their sources; a shared, loaded machine can take minutes to start tsx.
    // One that fails to start throws; those already started are killed when the benchmark exits.
    const launch = { timeoutMs: 240_000, keepOutputChars: 64 * 1024 };
    const [apis, workers] = await Promise.all([
      Promise.all(
        Array.from({ length: apiProcesses }, (_, i) =>
          startApi(env, { ...launch, name: `API ${i + 1}`, ready: 'readyz', tee: timings.stream }),
        ),
      ),
      // info: the worker says when it consumes its queues (its readiness); its output stays in memory
      Promise.all(
        Array.from({ length: workerProcesses }, (_, i) =>
          startWorker({ ...env, LOG_LEVEL: 'info' }, { ...launch, name: `worker ${i + 1}` }),
        ),
      ),
    ]);
    children.push(...apis.map((a) => a.process), ...workers);
    const apiUrls = apis.map((a) => a.url);
    const api = apiUrls[0]!;
    const headers = { authorization: `Bearer ${key.token}`, 'content-type': 'application/json' };
    let operatorRetries = 0;
    // An operator retries a 503 (the control plane busy) after its Retry-After, as the dashboard does.
    const call = async (method: string, url: string, body?: unknown): Promise<Record<string, unknown>> => {
      for (let attempt = 1; ; attempt++) {
        let response: Response;
        try {
          response = await fetch(`${api}${url}`, {
            method,
            headers,
            body: body ? JSON.stringify(body) : undefined,
          });
        } catch (error) {
          // A saturated API may not even accept the connection in time: the operator tries again.
          if (attempt >= 20) throw error;
          operatorRetries++;
          await new Promise((resolve) => setTimeout(resolve, 1000));
          continue;
        }
        if (response.status === 503 && attempt < 20) {
          operatorRetries++;
          await response.body?.cancel();
          await new Promise((resolve) =>
            setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)),
          );
          continue;
        }
        if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
        return response.json() as Promise<Record<string, unknown>>;
      }
    };
    const loadStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
    const otherAnswers: Record<string, number> = {};

    // Robots: split across client processes and across API processes.
    const received = new Map<number, number>(); // global robot index → time it got the new config
    const acked = new Set<number>(); // global robot indexes whose ack of the new config was answered
    const connectedBy: number[] = Array.from({ length: CLIENTS }, () => 0); // first contacts per client
    const contactMsBy: number[] = Array.from({ length: CLIENTS }, () => 0);
    const readyAt: number[] = [];
    const firstLatencies: number[] = [];
    const apiCpuBefore = apis.map((a) => cpuSeconds(a.process.pid!));
    const backendsBefore = await backendCpu(db);
    const contactStarted = Date.now();
    const perClient = Math.ceil(robots.length / CLIENTS);
    for (let c = 0; c < CLIENTS; c++) {
      const slice = robots.slice(c * perClient, (c + 1) * perClient);
      const child = fork(fileURLToPathSafe(), [], {
        execArgv: ['--conditions=@aura/source', '--import', 'tsx'],
        env: { ...process.env, AURA_BENCH_ROLE: 'client' },
      });
      child.send({
        robots: slice.map((robot, i) => ({
          secret: robot.secret,
          api: apiUrls[(c * perClient + i) % apiUrls.length],
        })),
      });
      child.on(
        'message',
        (message: {
          events?: { robot: number; version: number; at: number; ackedAt: number }[];
          statuses?: Record<string, number>;
          connected?: number;
          ready?: boolean;
          firstLatencies?: number[];
          contactMs?: number;
        }) => {
          if (message.ready) readyAt[c] = Date.now();
          if (message.connected !== undefined) connectedBy[c] = message.connected;
          if (message.contactMs !== undefined) contactMsBy[c] = message.contactMs;
          firstLatencies.push(...(message.firstLatencies ?? []));
          for (const event of message.events ?? []) {
            if (event.version >= 2) received.set(c * perClient + event.robot, event.at);
            if (event.version >= 2) acked.add(c * perClient + event.robot);
          }
          for (const [status, count] of Object.entries(message.statuses ?? {}))
            otherAnswers[status] = (otherAnswers[status] ?? 0) + count;
        },
      );
      clients.push(child);
    }
    log(`${robots.length} robots connecting through ${CLIENTS} client processes`);
    // The rollout starts on a connected fleet: every robot has had its first answer (its first
    // contact is measured on its own, below), then a second for its long-poll to be waiting.
    const connectedCount = () => connectedBy.reduce((a, b) => a + b, 0);
    while (connectedCount() < robots.length && Date.now() - contactStarted < 300_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const firstContactSeconds = Math.round((Date.now() - contactStarted) / 10) / 100;
    const apiCpu = apis.reduce((sum, a, i) => sum + cpuSeconds(a.process.pid!) - apiCpuBefore[i]!, 0);
    const backendsCpu = backendCpuSince(backendsBefore, await backendCpu(db));
    const firstContactCpuMsPerRobot = {
      api: Math.round((apiCpu / robots.length) * 1e5) / 100,
      postgresBackends: Math.round((backendsCpu / robots.length) * 1e5) / 100,
    };
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the clients' last reports
    const firstContactInClientsSeconds = Math.round(Math.max(...contactMsBy) / 10) / 100;
    const clientStartSeconds = Math.round((Math.max(...readyAt) - contactStarted) / 10) / 100;
    firstLatencies.sort((a, b) => a - b);
    const firstAnswerP50Ms = percentile(firstLatencies, 0.5);
    const firstAnswerP99Ms = percentile(firstLatencies, 0.99);
    log(
      `${connectedCount()} robots connected in ${firstContactSeconds} s (clients started in ${clientStartSeconds} s; ` +
        `${firstContactInClientsSeconds} s in the clients; first answer p50 ${firstAnswerP50Ms} ms, p99 ${firstAnswerP99Ms} ms; ` +
        `CPU per robot: API ${firstContactCpuMsPerRobot.api} ms, PostgreSQL ${firstContactCpuMsPerRobot.postgresBackends} ms); long-polling`,
    );

    const version = await call('POST', '/v1/policies', { name: `bench-${runId}`, tau: 0.6 });
    const versionId = (version.versions as { id: string }[])[0]!.id;
    const created = await call('POST', '/v1/rollouts', {
      name: 'bench',
      spec: {
        policyVersionId: versionId,
        target: { tags: ['bench'] },
        steps: STEPS.map((percent) => ({ percent, bakeSeconds: 3600 })),
        gates: { minRobotsPerCohort: 1, minSamplesPerCohort: 1 },
      },
    });
    const id = created.id as string;
    const cohort = new Map<string, number>();
    for (const row of (
      await db.query<{ robot_id: string; step_index: number }>(
        'SELECT robot_id, step_index FROM rollout_assignment WHERE rollout_id = $1',
        [id],
      )
    ).rows) {
      cohort.set(row.robot_id, row.step_index);
    }
    for (const child of clients) child.send({ rollout: true });
    const started = Date.now();
    const steps: RunResult['steps'] = [];
    const stepBegins: number[] = [];
    const allLatencies: number[] = [];
    for (let step = 0; step < STEPS.length; step++) {
      const stepBegan = Date.now();
      await call('POST', `/v1/rollouts/${id}/${step === 0 ? 'start' : 'promote'}`, { reason: 'bench' });
      const operatorCallMs = Date.now() - stepBegan;
      if (step === 0) {
        const assigned = await db.query<{ robot_id: string; step_index: number }>(
          'SELECT robot_id, step_index FROM rollout_assignment WHERE rollout_id = $1',
          [id],
        );
        for (const row of assigned.rows) cohort.set(row.robot_id, row.step_index);
      }
      const members = robots
        .map((robot, index) => ({ index, step: cohort.get(robot.id) }))
        .filter((r) => r.step === step);
      const deadline = Date.now() + 180_000;
      while (members.some((m) => !received.has(m.index)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The next step begins once this one is applied as the API knows it (every ack answered), as
      // after a bake: promoting on receipt alone started the next step behind this one's acks and
      // re-polls still queued in the API (2026-12-02: the step-3 call reached its handler 5.1 s late).
      const ackDeadline = Date.now() + 60_000;
      while (members.some((m) => !acked.has(m.index)) && Date.now() < ackDeadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const secondsToAcked = Math.round((Date.now() - stepBegan) / 10) / 100;
      const latencies = members
        .map((m) => received.get(m.index))
        .filter((at): at is number => at !== undefined)
        .map((at) => at - stepBegan)
        .sort((a, b) => a - b);
      // A step that does not converge within 3 minutes is reported (how many never got it), not hidden.
      const missing = members.length - latencies.length;
      allLatencies.push(...latencies);
      steps.push({
        percent: STEPS[step]!,
        robots: members.length,
        missing,
        secondsToApplied:
          missing > 0
            ? null
            : Math.round((Math.max(...members.map((m) => received.get(m.index)!)) - stepBegan) / 10) / 100,
        deliveryP50Ms: Math.round(percentile(latencies, 0.5)),
        deliveryP99Ms: missing > 0 ? null : Math.round(percentile(latencies, 0.99)),
        secondsToAcked,
        operatorCallMs,
        breakdown: {
          handlerStartedMs: null,
          committedMs: null,
          transactionPhases: null,
          publishedMs: null,
          verifiedMs: null,
          operatorAnsweredMs: operatorCallMs,
          waves: [],
          firstReceivedMs: latencies[0] ?? null,
          lastReceivedMs: latencies.at(-1) ?? null,
        },
      });
      stepBegins.push(stepBegan);
      log(
        `step ${step + 1} (${STEPS[step]}%): ${members.length} robots, p50 ${steps.at(-1)!.deliveryP50Ms} ms, p99 ${steps.at(-1)!.deliveryP99Ms} ms (operator call answered after ${operatorCallMs} ms)${missing ? `, ${missing} never got it` : ''}`,
      );
    }
    // The last step's timing lines: an API process reports a wave once each robot it re-read was
    // handed its envelope there, or 15 s after (with 2 APIs, half the robots poll elsewhere).
    const lastBegan = stepBegins.at(-1)!;
    const waitedFrom = Date.now();
    while (
      timings.lines.filter((l) => l.msg === 'config wave timing' && Number(l.timing.notifiedAt) >= lastBegan)
        .length < apiProcesses &&
      Date.now() - waitedFrom < 17_000
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    attachTimings(steps, stepBegins, timings.lines);
    for (const [i, s] of steps.entries()) {
      const b = s.breakdown;
      log(
        `step ${i + 1} breakdown (ms from its start): handler ${b.handlerStartedMs}, committed ${b.committedMs} ` +
          `(${JSON.stringify(b.transactionPhases)}), published ${b.publishedMs}, answered ${b.operatorAnsweredMs}; ` +
          b.waves
            .map(
              (w) =>
                `wave: heard ${w.notifiedMs}, ${w.carried ? 'carried' : `read ${w.readMs} ms`}, ${w.changed} robots (${w.waiting} waiting) woken ${w.wokenMs}, ` +
                `last handed out ${w.lastDeliveredMs} (sign ${w.signMsTotal} ms in all, ledger wait p50 ${w.ledgerWaitP50Ms} / max ${w.ledgerWaitMaxMs})`,
            )
            .join('; ') +
          `; received first ${b.firstReceivedMs}, last ${b.lastReceivedMs}`,
      );
    }
    const converged = steps.every((s) => s.missing === 0);
    const secondsTo100Pct = converged
      ? Math.round((Math.max(...received.values()) - started) / 10) / 100
      : null;
    for (const child of clients) child.send({ stop: true });
    await Promise.all(clients.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    allLatencies.sort((a, b) => a - b);
    return {
      robots: robots.length,
      apiProcesses,
      workers: workerProcesses,
      secondsTo100Pct,
      deliveryP50Ms: Math.round(percentile(allLatencies, 0.5)),
      deliveryP99Ms: Math.round(percentile(allLatencies, 0.99)),
      firstContactSeconds,
      firstContactInClientsSeconds,
      firstAnswerP50Ms,
      firstAnswerP99Ms,
      clientStartSeconds,
      firstContactCpuMsPerRobot,
      otherAnswers,
      operatorRetries,
      loadAverage: { start: loadStart, end: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      steps,
    };
  } finally {
    // Load clients first (on failure too: left running they would spin against a dead API).
    for (const child of clients) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => child.stop()));
    await db.end();
    await dropDatabase(serverUrl, databaseUrl.pathname.slice(1));
    await removeRedisKeys(redisUrl, redisPrefix);
  }
}

/** Puts each timing line of the API(s) into the step whose window it falls in (times from its start). */
function attachTimings(
  steps: RunResult['steps'],
  begins: number[],
  lines: { msg: string; timing: Record<string, unknown> }[],
) {
  const num = (value: unknown) => (typeof value === 'number' ? value : null);
  const stepOf = (at: number) => {
    let index = -1;
    for (const [i, begin] of begins.entries()) if (at >= begin) index = i;
    return index;
  };
  for (const { msg, timing } of lines) {
    if (msg === 'rollout step timing') {
      const startedAt = num(timing.startedAt);
      const index = startedAt === null ? -1 : stepOf(startedAt);
      const step = steps[index];
      if (!step || startedAt === null) continue;
      const since = (key: string) => {
        const at = num(timing[key]);
        return at === null ? null : at - begins[index]!;
      };
      Object.assign(step.breakdown, {
        handlerStartedMs: since('startedAt'),
        committedMs: since('committedAt'),
        transactionPhases: (timing.phases as Record<string, number> | undefined) ?? null,
        publishedMs: since('announcedAt'),
        verifiedMs: since('verifiedAt'),
      });
    } else if (msg === 'config wave timing') {
      const notifiedAt = num(timing.notifiedAt);
      const index = notifiedAt === null ? -1 : stepOf(notifiedAt);
      const step = steps[index];
      if (!step || notifiedAt === null) continue;
      const begin = begins[index]!;
      const rel = (key: string) => {
        const at = num(timing[key]);
        return at === null ? null : at - begin;
      };
      step.breakdown.waves.push({
        notifiedMs: notifiedAt - begin,
        readStartedMs: rel('readStartedAt') ?? 0,
        readMs: num(timing.readMs) ?? 0,
        carried: timing.carried === true,
        changed: num(timing.changed) ?? 0,
        waiting: num(timing.waiting) ?? 0,
        wokenMs: rel('wokenAt') ?? 0,
        wakeLoopMs: num(timing.wakeLoopMs) ?? 0,
        delivered: num(timing.delivered) ?? 0,
        lastDeliveredMs: rel('lastDeliveredAt'),
        deliveredAfterWakeP50Ms: num(timing.deliveredAfterWakeP50Ms),
        deliveredAfterWakeP99Ms: num(timing.deliveredAfterWakeP99Ms),
        signMsTotal: num(timing.signMsTotal) ?? 0,
        ledgerWaitP50Ms: num(timing.ledgerWaitP50Ms),
        ledgerWaitMaxMs: num(timing.ledgerWaitMaxMs),
      });
    }
  }
}

function fileURLToPathSafe(): string {
  return new URL(import.meta.url).pathname;
}

const single = await run(1, 1);
const scaledOut = args['skip-scaled-out'] ? undefined : await run(2, 2);
const result = {
  benchmark: 'rollout',
  robots: single.robots,
  secondsTo100Pct: single.secondsTo100Pct,
  deliveryP50Ms: single.deliveryP50Ms,
  deliveryP99Ms: single.deliveryP99Ms,
  firstContactSeconds: single.firstContactSeconds,
  firstContactInClientsSeconds: single.firstContactInClientsSeconds,
  firstAnswerP50Ms: single.firstAnswerP50Ms,
  firstAnswerP99Ms: single.firstAnswerP99Ms,
  clientStartSeconds: single.clientStartSeconds,
  firstContactCpuMsPerRobot: single.firstContactCpuMsPerRobot,
  otherAnswers: single.otherAnswers,
  operatorRetries: single.operatorRetries,
  loadAverage: single.loadAverage,
  steps: single.steps,
  ...(scaledOut ? { scaledOut } : {}),
  note: 'the rollout starts once every robot has had its first answer (firstContactSeconds); steps advanced with promote once fully applied (every robot has its config and its ack was answered): bake time excluded; latency = step begins → robot holds the config',
  machine: { cpus: os.cpus().length, node: process.version, at: new Date().toISOString() },
};
const row = (name: string, r: RunResult) =>
  `  ${name.padEnd(22)} ${String(r.robots).padStart(6)}  ${String(r.secondsTo100Pct).padStart(8)} s  ${String(r.deliveryP50Ms).padStart(7)} ms  ${String(r.deliveryP99Ms).padStart(7)} ms   steps p99 ${r.steps.map((s) => s.deliveryP99Ms).join(' / ')} ms; first contact ${r.firstContactInClientsSeconds} s (first answer p50 ${r.firstAnswerP50Ms} / p99 ${r.firstAnswerP99Ms} ms; CPU/robot API ${r.firstContactCpuMsPerRobot.api} ms, PostgreSQL ${r.firstContactCpuMsPerRobot.postgresBackends} ms); load ${r.loadAverage.start[0]} → ${r.loadAverage.end[0]}`;
console.log(`
rollout delivery (3 steps: ${STEPS.join('% → ')}%, long-polling protocol robots)
  setup                  robots  to 100 %   p50 deliv   p99 deliv
${row('1 API + 1 worker', single)}${scaledOut ? `\n${row('2 APIs + 2 workers', scaledOut)}` : ''}`);
if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
process.exit(0);
