/**
 * `pnpm bench ingest [--quick] [--json FILE] [--records N] [--batch B] [--concurrency C] [--robots R]
 *   [--api-processes P] [--pool-size S] [--cpu-prof DIR] [--setup-sql SQL]`
 *
 * Telemetry records per second through the real HTTP API (a separate API process, concurrent
 * clients, batches as an agent uploads them), against a raw COPY of the same rows into a table of the
 * same shape in the same PostgreSQL, in the same run. Each run uses its own database and Redis prefix
 * and removes them afterwards. With `--api-processes P` (default 1) the clients spread over P API
 * processes (as behind a load balancer); the figure is then labelled with P and `apiProcesses` in the
 * JSON says so — compare it only with runs of the same P. `--setup-sql SQL` runs SQL in the run's own
 * database after its migrations (an experiment, e.g. dropping a trigger to measure what it costs); the
 * JSON records it as `setupSql`.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateSigningKeyEntry, issueSecret, isValidTelemetryBatch } from '@aura/api';
import { createApiClient } from '@aura/api-client';
import { TelemetryBatchSchema, type TelemetryRecord } from '@aura/core';
import { parseScriptArgs } from '@aura/core/script-args';
import {
  dropDatabase,
  freePort,
  migrate,
  removeRedisKeys,
  startApi as startTestApi,
  type TestProcess,
  testDatabaseServerUrl,
  testRedisUrl,
} from '@aura/testing';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { backendCpu, cpuSeconds } from './_cpu.js';

const { args } = parseScriptArgs(
  'bench ingest',
  'usage: pnpm bench ingest [--quick] [--json FILE] [--records N] [--batch B] [--concurrency C] [--robots R] [--api-processes P] [--pool-size S] [--cpu-prof DIR] [--setup-sql SQL]',
  {
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    records: { type: 'string' },
    batch: { type: 'string' },
    concurrency: { type: 'string' },
    robots: { type: 'string' },
    'api-processes': { type: 'string' },
    'pool-size': { type: 'string' },
    'cpu-prof': { type: 'string' },
    'setup-sql': { type: 'string' },
  },
);
const RECORDS = Number(args.records ?? (args.quick ? 20_000 : 200_000));
const BATCH = Number(args.batch ?? 100);
const CONCURRENCY = Number(args.concurrency ?? 16);
const ROBOTS = Number(args.robots ?? (args.quick ? 50 : 200));
const API_PROCESSES = Number(args['api-processes'] ?? 1);
/** Database connections per API process. */
const POOL_SIZE = Number(args['pool-size'] ?? 16);
const serverUrl = testDatabaseServerUrl();
const redisUrl = testRedisUrl();
const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/aura_bench_ingest_${runId}`;
const redisPrefix = `aura-bench-${runId}`;

const log = (message: string) => process.stderr.write(`[ingest] ${message}\n`);

/** The API as a production process on `port`, resolved once `/readyz` answers; its output on stderr. */
async function startApi(port: number): Promise<TestProcess> {
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl.toString(),
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    AGENT_RATE_LIMIT: '0', // the benchmark measures ingest, not the limiter
    CONFIG_SIGNING_KEYS: generateSigningKeyEntry('bench'),
    // --cpu-prof DIR: each API process writes a V8 CPU profile there when it exits (whole run).
    ...(args['cpu-prof']
      ? {
          NODE_OPTIONS: `--import=${new URL('./_cpu-profile.mjs', import.meta.url).pathname}`,
          AURA_CPU_PROFILE_DIR: path.resolve(args['cpu-prof']),
        }
      : {}),
  };
  return (await startTestApi(env, { port, ready: 'readyz', timeoutMs: 60_000, tee: process.stderr })).process;
}

function makeRecords(robotIndex: number, count: number, startSeq: number): TelemetryRecord[] {
  const base = Date.now() - 20 * 3_600_000; // within the last day: a handful of partitions
  return Array.from({ length: count }, (_, i) => {
    const seq = startSeq + i;
    const start = base + seq * 10_000 + robotIndex;
    const steps = 300 + ((seq * 7 + robotIndex) % 50);
    const writes = Math.floor(steps * 0.22);
    return {
      seq,
      windowStart: new Date(start).toISOString(),
      windowEnd: new Date(start + 10_000).toISOString(),
      steps,
      writes,
      tau: 0.5,
      policyVersionId: '4c1d3a52-8a1e-4a6f-9b0c-2d7e5f6a1b3c',
      stateBytes: 4224,
      kvEquivalentBytes: 256 * steps * seq,
      flashBytesWritten: writes * 288,
      wearFraction: Math.min(1, seq * 1e-9),
      deviceWear: { source: 'emmc.life_time_b', value: 0.1 },
      episodes: { completed: 3, succeeded: 2 },
      stepLatencyUs: { p50: 95.5, p99: 310.25 },
    };
  });
}

/**
 * The batch validators alone, in this process, on one of the run's batches: the contract's zod schema
 * (what the API ran before issue 15) and the compiled validator the API runs now, interleaved round by
 * round so load lands on both alike. CPU µs per record (process.cpuUsage).
 */
function validatorCost(batch: unknown, records: number) {
  const rounds = 400;
  const spent = { zod: 0, compiled: 0 };
  for (let round = 0; round < rounds; round++) {
    const body = JSON.parse(JSON.stringify(batch)) as unknown;
    let before = process.cpuUsage();
    if (!TelemetryBatchSchema.safeParse(body).success) throw new Error('bench batch refused by zod');
    let used = process.cpuUsage(before);
    spent.zod += used.user + used.system;
    before = process.cpuUsage();
    if (!isValidTelemetryBatch(body)) throw new Error('bench batch refused by the compiled validator');
    used = process.cpuUsage(before);
    spent.compiled += used.user + used.system;
  }
  return {
    zod: Math.round((spent.zod / rounds / records) * 100) / 100,
    compiled: Math.round((spent.compiled / rounds / records) * 100) / 100,
  };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

const CSV_COLUMNS =
  'robot_id, seq, window_start, window_end, steps, writes, tau, policy_version_id, state_bytes, kv_equivalent_bytes, ' +
  'flash_bytes_written, wear_fraction, device_wear_source, device_wear_value, episodes_completed, ' +
  'episodes_succeeded, latency_p50_us, latency_p99_us';

function csvLine(robotId: string, r: TelemetryRecord): string {
  return `${[
    robotId,
    r.seq,
    r.windowStart,
    r.windowEnd,
    r.steps,
    r.writes,
    r.tau,
    r.policyVersionId ?? '',
    r.stateBytes,
    r.kvEquivalentBytes,
    r.flashBytesWritten,
    r.wearFraction,
    r.deviceWear?.source ?? '',
    r.deviceWear?.value ?? '',
    r.episodes.completed,
    r.episodes.succeeded,
    r.stepLatencyUs.p50,
    r.stepLatencyUs.p99,
  ].join(',')}\n`;
}

async function main() {
  log(
    `database ${databaseUrl.pathname.slice(1)}, ${RECORDS} records, batches of ${BATCH}, ${CONCURRENCY} clients, ${ROBOTS} robots, ${API_PROCESSES} API process(es) with ${POOL_SIZE} connections each`,
  );
  migrate(databaseUrl.toString());
  const db = new pg.Client({ connectionString: databaseUrl.toString() });
  await db.connect();
  if (args['setup-sql']) {
    log(`setup SQL: ${args['setup-sql']}`);
    await db.query(args['setup-sql']);
  }
  const apis: TestProcess[] = [];
  try {
    const baseUrls: string[] = [];
    for (let i = 0; i < API_PROCESSES; i++) {
      const port = await freePort();
      apis.push(await startApi(port));
      baseUrls.push(`http://127.0.0.1:${port}`);
    }
    const baseUrl = baseUrls[0]!;

    // An operator key straight into the database (the API stores only its hash), then robots via HTTP.
    const key = issueSecret('ak');
    const { rows } = await db.query<{ id: string }>(
      "INSERT INTO operator (name, role) VALUES ('bench', 'operator') RETURNING id",
    );
    await db.query('INSERT INTO api_key (operator_id, name, prefix, secret_hash) VALUES ($1, $2, $3, $4)', [
      rows[0]!.id,
      'bench',
      key.prefix,
      key.hash,
    ]);
    const operator = createApiClient({ baseUrl, token: key.token });
    const token = await operator.POST('/v1/enrollment-tokens', { body: { name: 'bench', maxUses: ROBOTS } });
    if (!token.data) throw new Error(`could not create an enrolment token: ${JSON.stringify(token.error)}`);
    const anonymous = createApiClient({ baseUrl });
    const robots: { id: string; secret: string }[] = [];
    for (let i = 0; i < ROBOTS; i++) {
      const enrolled = await anonymous.POST('/v1/agent/enroll', {
        body: { enrollmentToken: token.data.token },
      });
      if (!enrolled.data) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.error)}`);
      robots.push({ id: enrolled.data.robotId, secret: enrolled.data.robotSecret });
    }
    log(`enrolled ${robots.length} robots`);

    // Work: each robot uploads consecutive seqs in batches; batches of all robots interleave. Seqs
    // 1-10 are the warm-up batch: like an agent, each robot uploads seqs in increasing order, so the
    // measured seqs follow the ones already stored (before 2026-11-24 03:00 UTC the warm-up used seqs
    // after the measured ones, which made every measured record a late one).
    const perRobot = Math.ceil(RECORDS / ROBOTS);
    const WARMUP = 10;
    const batches: { robot: number; body: string; count: number }[] = [];
    for (let start = WARMUP + 1; start <= WARMUP + perRobot; start += BATCH) {
      for (let r = 0; r < ROBOTS; r++) {
        const records = makeRecords(r, Math.min(BATCH, WARMUP + perRobot - start + 1), start);
        batches.push({ robot: r, body: JSON.stringify({ records }), count: records.length });
      }
    }
    const total = batches.reduce((sum, b) => sum + b.count, 0);
    const clients = robots.map((robot) => robot.secret);

    // Warm-up (JIT, pools, partitions): one batch per robot, seqs 1-10, before the measured ones.
    // A warm-up batch answered 503 (pool busy on a loaded machine) is sent again, as an agent would.
    await Promise.all(
      robots.map(async (robot, r) => {
        for (let attempt = 1; ; attempt++) {
          const res = await fetch(`${baseUrls[r % baseUrls.length]}/v1/agent/telemetry`, {
            method: 'POST',
            headers: { authorization: `Bearer ${robot.secret}`, 'content-type': 'application/json' },
            body: JSON.stringify({ records: makeRecords(r, WARMUP, 1) }),
          });
          await res.arrayBuffer();
          if (res.status === 200 || attempt >= 10) return;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }),
    );

    let next = 0;
    let done = 0;
    let failures = 0;
    const latencies: number[] = [];
    // CPU of the API processes and of their PostgreSQL backends over the measured phase (/proc); the
    // load generator (this process) is left out.
    const apiCpuBefore = apis.map((api) => cpuSeconds(api.pid!));
    const backendsBefore = await backendCpu(db);
    const started = performance.now();
    let lastReport = started;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, client) => {
        const clientUrl = baseUrls[client % baseUrls.length]!;
        for (;;) {
          const batch = batches[next++];
          if (!batch) return;
          const t0 = performance.now();
          const response = await fetch(`${clientUrl}/v1/agent/telemetry`, {
            method: 'POST',
            headers: { authorization: `Bearer ${clients[batch.robot]}`, 'content-type': 'application/json' },
            body: batch.body,
          });
          const result = (await response.json()) as { accepted?: number };
          latencies.push(performance.now() - t0);
          if (response.status !== 200 || result.accepted !== batch.count) failures++;
          done += batch.count;
          if (performance.now() - lastReport > 2000) {
            lastReport = performance.now();
            log(`${done}/${total} records (${Math.round(done / ((lastReport - started) / 1000))}/s)`);
          }
        }
      }),
    );
    const apiSeconds = (performance.now() - started) / 1000;
    const apiCpu = apis.reduce((sum, api, i) => sum + cpuSeconds(api.pid!) - apiCpuBefore[i]!, 0);
    let backendsCpu = 0;
    for (const [pid, after] of await backendCpu(db)) backendsCpu += after - (backendsBefore.get(pid) ?? 0);
    const stored = Number(
      (await db.query<{ n: string }>('SELECT count(*) AS n FROM telemetry_record')).rows[0]!.n,
    );
    const expected = total + robots.length * WARMUP;
    if (failures > 0 || stored !== expected) {
      throw new Error(
        `ingest lost or refused records: ${failures} failed batches, ${stored} stored of ${expected}`,
      );
    }

    // Baseline: COPY of the same rows into a plain table of the same shape and constraints.
    await db.query(
      'CREATE TABLE bench_copy (LIKE telemetry_record INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
    );
    await db.query('ALTER TABLE bench_copy ADD PRIMARY KEY (robot_id, seq, window_start)');
    const lines: string[] = [];
    for (const batch of batches) {
      const { records } = JSON.parse(batch.body) as { records: TelemetryRecord[] };
      for (const record of records) lines.push(csvLine(robots[batch.robot]!.id, record));
    }
    const copyPid = (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const copyCpuBefore = cpuSeconds(copyPid);
    const copyStarted = performance.now();
    await pipeline(
      Readable.from(lines, { objectMode: false }),
      db.query(copyFrom(`COPY bench_copy (${CSV_COLUMNS}) FROM STDIN WITH (FORMAT csv)`)),
    );
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const copyCpu = cpuSeconds(copyPid) - copyCpuBefore;
    const copyCpuPerRowUs = (copyCpu / lines.length) * 1e6;
    const apiCpuPerRecordUs = (apiCpu / total) * 1e6;
    const backendsCpuPerRecordUs = (backendsCpu / total) * 1e6;

    latencies.sort((a, b) => a - b);
    const validation = validatorCost({ records: makeRecords(0, BATCH, 1) }, BATCH);
    const result = {
      benchmark: 'ingest',
      apiRecordsPerSec: Math.round(total / apiSeconds),
      copyRecordsPerSec: Math.round(lines.length / copySeconds),
      ratio: Math.round((total / apiSeconds / (lines.length / copySeconds)) * 1000) / 1000,
      /**
       * COPY's CPU per row ÷ (API + its PostgreSQL backends' CPU per record), from /proc: what machine
       * noise does not swing (a busy machine slows both sides' wall clock, not their CPU per row).
       */
      cpuEfficiency:
        Math.round((copyCpuPerRowUs / (apiCpuPerRecordUs + backendsCpuPerRecordUs)) * 1000) / 1000,
      cpuPerRecordUs: {
        api: Math.round(apiCpuPerRecordUs * 10) / 10,
        postgresBackends: Math.round(backendsCpuPerRecordUs * 10) / 10,
        copyPerRow: Math.round(copyCpuPerRowUs * 10) / 10,
      },
      /** Validating a batch alone, in this process: zod vs the compiled validator (µs CPU per record). */
      validationCpuPerRecordUs: validation,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      p50Ms: Math.round(percentile(latencies, 0.5) * 100) / 100,
      p99Ms: Math.round(percentile(latencies, 0.99) * 100) / 100,
      records: total,
      batchSize: BATCH,
      concurrency: CONCURRENCY,
      robots: ROBOTS,
      apiProcesses: API_PROCESSES,
      poolSizePerProcess: POOL_SIZE,
      apiSeconds: Math.round(apiSeconds * 100) / 100,
      copySeconds: Math.round(copySeconds * 100) / 100,
      quick: args.quick,
      ...(args['setup-sql'] ? { setupSql: args['setup-sql'] } : {}),
      machine: { cpus: os.cpus().length, node: process.version, at: new Date().toISOString() },
    };
    console.log(`
telemetry ingest (${total} records, batches of ${BATCH}, ${CONCURRENCY} concurrent clients, ${ROBOTS} robots)
  path                     records/s     p50 ms   p99 ms
  ${`HTTP API (${API_PROCESSES === 1 ? 'one process' : `${API_PROCESSES} processes`})`.padEnd(24)} ${String(result.apiRecordsPerSec).padStart(9)}   ${String(result.p50Ms).padStart(7)}  ${String(result.p99Ms).padStart(7)}
  raw COPY (baseline)      ${String(result.copyRecordsPerSec).padStart(9)}
  ratio API / COPY         ${result.ratio}   (target ≥ 0.5)
  CPU per record           API ${result.cpuPerRecordUs.api} µs + PostgreSQL ${result.cpuPerRecordUs.postgresBackends} µs; COPY ${result.cpuPerRecordUs.copyPerRow} µs per row
  CPU efficiency           ${result.cpuEfficiency}   (COPY CPU per row ÷ API + backend CPU per record; target ≥ 0.5)
  validation alone         zod ${validation.zod} µs, compiled ${validation.compiled} µs CPU per record (this process)
  load average             ${result.loadAverage.join(' ')}`);
    if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const api of apis) await api.stop();
    await db.end();
    await dropDatabase(serverUrl, databaseUrl.pathname.slice(1));
    await removeRedisKeys(redisUrl, redisPrefix);
  }
}

main().catch((error: unknown) => {
  console.error(`bench ingest failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
