/**
 * `pnpm bench fleet-reads [--quick] [--robots N] [--repeat R] [--json FILE]`
 *
 * What the dashboard asks the API for at fleet scale (issue 8: the robots table "stays fast at 10,000
 * robots"; the overview aggregates over the whole fleet). A fresh database of its own gets N robots
 * (default 10,000) in two groups with tags, each with six 10-second telemetry windows in the last
 * hour (60,000 rows) and the telemetry_rollup rows ingest would have made of them, written with SQL;
 * then one API process answers each dashboard query R times, one at a time, while one worker process
 * runs its schedules as in production (the first round starts once the worker has stored its first
 * fleet summary, where the schema has fleet_summary_snapshot, and has aggregated the seeded series buckets
 * per scope, where it has fleet_series_rollup). Baseline in the same run: `GET /v1/me` — the same HTTP, auth and JSON path with no
 * database query beyond the key check — so a query's cost reads as "× the baseline" on a noisy shared
 * machine. Prints a table, writes JSON with `--json`. Measures; asserts nothing. Beside the table: the
 * worker's summary refreshes seen while it measured (each stored row's `duration_ms`, summed over the
 * windows of one refresh, and how many windows it kept), so the worker's cost is reported with the reads
 * it serves. Each query's first read (the warm-up, before the timed rounds) is reported apart (`first
 * ms`), and for a fleet summary which reads were served from the worker's stored row (its `at` before
 * the request was sent) and which were computed live, with the p50 of each: a window the worker keeps
 * only once asked (materialised on demand) is live at first and stored from the worker's next refresh on,
 * and its p50 over the rounds is the median of both kinds.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { generateSigningKeyEntry, issueSecret } from '@aura/api';
import { parseScriptArgs } from '@aura/core/script-args';
import {
  dropDatabase,
  freePort,
  migrate,
  removeRedisKeys,
  sleep,
  startApi as startTestApi,
  startWorker,
  type TestProcess,
  testDatabaseServerUrl,
  testRedisUrl,
} from '@aura/testing';
import pg from 'pg';

const { args, fail } = parseScriptArgs(
  'bench fleet-reads',
  'usage: pnpm bench fleet-reads [--quick] [--robots N] [--repeat R] [--json FILE]',
  {
    quick: { type: 'boolean', default: false },
    robots: { type: 'string' },
    repeat: { type: 'string' },
    json: { type: 'string' },
  },
);
const ROBOTS = Number(args.robots ?? (args.quick ? 1000 : 10_000));
const REPEAT = Number(args.repeat ?? (args.quick ? 10 : 30));
if (!Number.isInteger(ROBOTS) || ROBOTS < 10 || !Number.isInteger(REPEAT) || REPEAT < 3) {
  fail('--robots needs an integer ≥ 10 and --repeat an integer ≥ 3');
}
const WINDOWS = 6;
const serverUrl = testDatabaseServerUrl();
const redisUrl = testRedisUrl();
const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/aura_bench_reads_${runId}`;
const redisPrefix = `aura-bench-${runId}`;
const log = (message: string) => process.stderr.write(`[fleet-reads] ${message}\n`);

/** The API as a production process on `port`, resolved once `/readyz` answers; its output on stderr. */
async function startApi(port: number): Promise<TestProcess> {
  return (await startTestApi(SERVICE_ENV, { port, ready: 'readyz', timeoutMs: 60_000, tee: process.stderr }))
    .process;
}

/** API and worker: the same production environment (one signing key). */
const SERVICE_ENV = {
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl.toString(),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: redisPrefix,
  CONFIG_SIGNING_KEYS: generateSigningKeyEntry('bench'),
};

/** N robots, two groups, tags, latest telemetry and six windows each, in a few statements. */
async function seed(db: pg.Client): Promise<{ groupId: string; policyVersionId: string }> {
  await db.query('SELECT telemetry_ensure_partition(current_date)');
  await db.query("SELECT telemetry_ensure_partition((now() - interval '1 hour')::date)");
  await db.query(
    `INSERT INTO robot (name, secret_prefix, secret_hash, tags, last_seen_at, latest_telemetry)
     SELECT 'robot-' || lpad(i::text, 5, '0'), 'bench' || i, 'not-a-hash',
            ARRAY[CASE WHEN i % 2 = 0 THEN 'site.a' ELSE 'site.b' END, 'hw.rev-' || (i % 3)],
            now() - (i % 120) * interval '1 second',
            jsonb_build_object('seq', 6, 'steps', 300, 'writes', 66, 'tau', 0.5,
                               'wearFraction', 0.0001 * (1 + i % 7), 'kvEquivalentBytes', 256 * 1800)
       FROM generate_series(1, $1::int) AS i`,
    [ROBOTS],
  );
  const groups = await db.query<{ id: string }>(
    "INSERT INTO robot_group (name) VALUES ('north'), ('south') RETURNING id",
  );
  const [north, south] = groups.rows.map((r) => r.id);
  await db.query(
    `INSERT INTO robot_group_member (robot_id, group_id)
     SELECT id, CASE WHEN row_number() OVER (ORDER BY name) % 2 = 0 THEN $1::uuid ELSE $2::uuid END FROM robot`,
    [north, south],
  );
  await db.query(
    `INSERT INTO telemetry_record (robot_id, seq, window_start, window_end, steps, writes, tau,
       state_bytes, kv_equivalent_bytes, flash_bytes_written, wear_fraction, episodes_completed,
       episodes_succeeded, latency_p50_us, latency_p99_us)
     SELECT r.id, w, now() - (7 - w) * interval '10 seconds', now() - (6 - w) * interval '10 seconds',
            300, 66, 0.5, 4224, 256 * 300 * w, 66 * 4096, 0.0001 * w, 8, 6, 60, 150
       FROM robot r CROSS JOIN generate_series(1, $1::int) AS w`,
    [WINDOWS],
  );
  // what telemetry_ingest keeps of those records (the backfill of migrations 20261202180000 and 20261203140000)
  await db.query(
    `INSERT INTO telemetry_rollup (robot_id, bucket, records, steps, writes, flash_bytes, wear_min, wear_max,
                                   device_wear_max, first_start, last_end, last_start, tau_sum, wear_sum,
                                   episodes_completed, episodes_succeeded, latency_p50_sum, latency_p99_max)
     SELECT robot_id, telemetry_rollup_bucket(window_start), count(*), sum(steps), sum(writes),
            sum(flash_bytes_written), min(wear_fraction), max(wear_fraction), max(device_wear_value),
            min(window_start), max(window_end), max(window_start), sum(tau), sum(wear_fraction),
            sum(episodes_completed), sum(episodes_succeeded), sum(latency_p50_us), max(latency_p99_us)
       FROM telemetry_record GROUP BY 1, 2`,
  );
  // every robot runs the seeded default policy's version 1 (applied and desired)
  const policy = await db.query<{ id: string }>('SELECT id FROM gate_policy_version LIMIT 1');
  const policyVersionId = policy.rows[0]!.id;
  await db.query(
    'UPDATE robot SET applied_policy_version_id = $1, desired_policy_version_id = $1, applied_config_version = 1, desired_config_version = 1',
    [policyVersionId],
  );
  await db.query('ANALYZE');
  return { groupId: north!, policyVersionId };
}

interface Measured {
  name: string;
  path: string;
  /** Over the timed rounds (the warm-up read is `firstMs`, not among them). */
  p50Ms: number;
  p95Ms: number;
  xBaselineP50: number;
  firstMs: number;
  /** Fleet summaries only: whether the first read was a stored row; the timed reads split by source. */
  firstStored?: boolean | undefined;
  storedReads?: number;
  storedP50Ms?: number | null;
  liveReads?: number;
  liveP50Ms?: number | null;
  reads?: string;
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;

async function main() {
  const started = Date.now();
  log(`database ${databaseUrl.pathname.slice(1)}, ${ROBOTS} robots × ${WINDOWS} windows, ${REPEAT} repeats`);
  migrate(databaseUrl.toString());
  const db = new pg.Client({ connectionString: databaseUrl.toString() });
  await db.connect();
  let api: TestProcess | undefined;
  let worker: TestProcess | undefined;
  try {
    const seeded = Date.now();
    const { groupId, policyVersionId } = await seed(db);
    log(`seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    const key = issueSecret('ak');
    const { rows } = await db.query<{ id: string }>(
      "INSERT INTO operator (name, role) VALUES ('bench', 'viewer') RETURNING id",
    );
    await db.query('INSERT INTO api_key (operator_id, name, prefix, secret_hash) VALUES ($1, $2, $3, $4)', [
      rows[0]!.id,
      'bench',
      key.prefix,
      key.hash,
    ]);
    const port = await freePort();
    api = await startApi(port);
    worker = await startWorker({ ...SERVICE_ENV, LOG_LEVEL: 'info' }, { timeoutMs: 60_000 });
    const snapshots = await db.query<{ t: string | null }>(
      "SELECT to_regclass('fleet_summary_snapshot') AS t",
    );
    if (snapshots.rows[0]?.t) {
      const waitStarted = Date.now();
      for (;;) {
        const { rows: stored } = await db.query("SELECT 1 FROM fleet_summary_snapshot WHERE scope = 'fleet'");
        if (stored.length > 0) break;
        if (Date.now() - waitStarted > 120_000)
          throw new Error('the worker stored no fleet summary in 120 s');
        await sleep(500);
      }
      log(`worker stored its first fleet summary after ${((Date.now() - waitStarted) / 1000).toFixed(1)} s`);
    }
    const seriesRollup = await db.query<{ t: string | null }>(
      "SELECT to_regclass('fleet_series_rollup') AS t",
    );
    if (seriesRollup.rows[0]?.t) {
      // the worker's per-scope series rollup (migration 20261203150000): wait until it has aggregated
      // every bucket the seed marked, as it would have long before anyone looked in production
      const waitStarted = Date.now();
      for (;;) {
        const { rows: left } = await db.query<{ n: string }>(
          'SELECT count(*) AS n FROM telemetry_rollup_dirty',
        );
        if (Number(left[0]!.n) === 0) break;
        if (Date.now() - waitStarted > 120_000)
          throw new Error('the worker left series buckets marked for 120 s');
        await sleep(500);
      }
      log(`worker aggregated the series buckets after ${((Date.now() - waitStarted) / 1000).toFixed(1)} s`);
    }
    /** One timed GET; for a fleet summary also whether it was served from a stored row (its `at` before the request). */
    const get = async (p: string) => {
      const sent = Date.now();
      const t0 = process.hrtime.bigint();
      const response = await fetch(`http://127.0.0.1:${port}${p}`, {
        headers: { authorization: `Bearer ${key.token}` },
      });
      const body = await response.text();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (!response.ok) throw new Error(`GET ${p}: ${response.status} ${body.slice(0, 300)}`);
      const stored = p.startsWith('/v1/fleet/summary')
        ? Date.parse((JSON.parse(body) as { at: string }).at) < sent
        : undefined;
      return { ms, stored };
    };
    const deep = Math.max(0, Math.floor(ROBOTS / 50) - 1) * 50;
    // The keyset cursor of the last page: nextCursor of the page before it (asked once, not timed).
    const beforeLast = await fetch(`http://127.0.0.1:${port}/v1/robots?limit=50&offset=${deep - 50}`, {
      headers: { authorization: `Bearer ${key.token}` },
    });
    const { nextCursor } = (await beforeLast.json()) as { nextCursor?: string };
    if (!nextCursor) throw new Error('the robot list gave no nextCursor before its last page');
    const queries: [string, string][] = [
      ['baseline: who am I', '/v1/me'],
      ['robots, first page by name', '/v1/robots?limit=50'],
      ['robots, last page (cursor)', `/v1/robots?limit=50&cursor=${nextCursor}`],
      ['robots, last page (offset)', `/v1/robots?limit=50&offset=${deep}`],
      ['robots, by last seen (desc)', '/v1/robots?limit=50&sort=lastSeenAt&order=desc'],
      ['robots, name search', '/v1/robots?limit=50&q=robot-01'],
      ['robots, name search (rare)', '/v1/robots?limit=50&q=robot-0999'],
      ['robots, online only', '/v1/robots?limit=50&status=online'],
      ['robots, one group', `/v1/robots?limit=50&groupId=${groupId}`],
      ['robots, one tag', '/v1/robots?limit=50&tag=hw.rev-1'],
      ['robots, policy version', `/v1/robots?limit=50&policyVersionId=${policyVersionId}`],
      ['fleet summary (overview)', '/v1/fleet/summary'],
      ['fleet summary, 30 min window', '/v1/fleet/summary?windowMinutes=30'],
      ['fleet summary, 17 min window', '/v1/fleet/summary?windowMinutes=17'],
      ['fleet series, last hour', '/v1/fleet/series?bucketSeconds=300'],
    ];
    // warm-up (connections, plans, JIT): each query's first read, reported apart from the timed rounds
    const first = new Map<string, { ms: number; stored: boolean | undefined }>();
    for (const [name, p] of queries) first.set(name, await get(p));
    const samples = new Map<string, number[]>(queries.map(([name]) => [name, []]));
    /** Fleet summaries: the timed reads served from the worker's stored row and those computed live. */
    const servedFrom = new Map<string, { stored: number[]; live: number[]; order: string }>();
    // The worker's refreshes: per stored computed_at, the statement time of every window it stored.
    const refreshes = new Map<string, { ms: number; windows: number }>();
    const sampleRefresh = async () => {
      if (!snapshots.rows[0]?.t) return;
      // one row per window of the refresh at the fleet scope (its statement time is stored on each target's
      // row); a refresh always stores the 60-minute window (a row the API stored of a live read does not count)
      const { rows: stored } = await db.query<{ at: Date; ms: string; windows: string }>(
        `SELECT computed_at AS at, sum(ms) AS ms, count(*) AS windows FROM (
           SELECT DISTINCT computed_at, window_minutes, duration_ms AS ms FROM fleet_summary_snapshot
            WHERE scope = 'fleet'
              AND computed_at IN (SELECT computed_at FROM fleet_summary_snapshot WHERE window_minutes = 60)) w
          GROUP BY computed_at`,
      );
      for (const r of stored)
        refreshes.set(r.at.toISOString(), { ms: Number(r.ms), windows: Number(r.windows) });
    };
    // Interleaved rounds: machine noise lands on every query alike.
    for (let round = 0; round < REPEAT; round++) {
      await sampleRefresh();
      for (const [name, p] of queries) {
        const { ms, stored } = await get(p);
        samples.get(name)!.push(ms);
        if (stored === undefined) continue;
        const split = servedFrom.get(name) ?? { stored: [], live: [], order: '' };
        (stored ? split.stored : split.live).push(ms);
        split.order += stored ? 's' : 'l';
        servedFrom.set(name, split);
      }
    }
    await sampleRefresh();
    const refreshMs = [...refreshes.values()].map((r) => r.ms).sort((a, b) => a - b);
    const refreshWindows = [...refreshes.values()].map((r) => r.windows);
    const baselineP50 = percentile(
      [...samples.get('baseline: who am I')!].sort((a, b) => a - b),
      0.5,
    );
    const p50Of = (values: number[]) =>
      values.length > 0
        ? percentile(
            [...values].sort((a, b) => a - b),
            0.5,
          )
        : null;
    const measured: Measured[] = queries.map(([name, p]) => {
      const sorted = [...samples.get(name)!].sort((a, b) => a - b);
      const p50 = percentile(sorted, 0.5);
      const split = servedFrom.get(name);
      return {
        name,
        path: p,
        p50Ms: p50,
        p95Ms: percentile(sorted, 0.95),
        xBaselineP50: p50 / baselineP50,
        firstMs: first.get(name)!.ms,
        ...(split
          ? {
              firstStored: first.get(name)!.stored,
              storedReads: split.stored.length,
              storedP50Ms: p50Of(split.stored),
              liveReads: split.live.length,
              liveP50Ms: p50Of(split.live),
              // in round order: which timed reads were served from the stored row (s) or live (l)
              reads: split.order,
            }
          : {}),
      };
    });
    console.log(`\nfleet reads: ${ROBOTS} robots, ${ROBOTS * WINDOWS} telemetry rows, ${REPEAT} rounds`);
    console.log(
      `${'query'.padEnd(30)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'× baseline'.padStart(11)} ${'first ms'.padStart(9)}  served (summary: s stored row, l live; p50 of each)`,
    );
    const fixed = (v: number | null | undefined) => (v === null || v === undefined ? '-' : v.toFixed(1));
    for (const m of measured) {
      const served =
        m.reads === undefined
          ? ''
          : `first ${m.firstStored ? 's' : 'l'}, rounds ${m.reads}; s ${fixed(m.storedP50Ms)}, l ${fixed(m.liveP50Ms)}`;
      console.log(
        `${m.name.padEnd(30)} ${m.p50Ms.toFixed(1).padStart(8)} ${m.p95Ms.toFixed(1).padStart(8)} ${m.xBaselineP50.toFixed(1).padStart(11)} ${m.firstMs.toFixed(1).padStart(9)}  ${served}`,
      );
    }
    if (refreshMs.length > 0) {
      console.log(
        `worker summary refresh (${refreshMs.length} seen): p50 ${percentile(refreshMs, 0.5).toFixed(0)} ms, max ${refreshMs.at(-1)!.toFixed(0)} ms; windows per refresh ${refreshWindows.join(' ')}`,
      );
    }
    const result = {
      bench: 'fleet-reads',
      at: new Date().toISOString(),
      host: { cpus: os.cpus().length, load1: os.loadavg()[0] },
      robots: ROBOTS,
      telemetryRows: ROBOTS * WINDOWS,
      repeat: REPEAT,
      baseline: 'GET /v1/me (HTTP, auth and JSON without a fleet query)',
      queries: measured,
      summaryRefresh:
        refreshMs.length > 0
          ? {
              seen: refreshMs.length,
              p50Ms: percentile(refreshMs, 0.5),
              maxMs: refreshMs.at(-1),
              ms: refreshMs,
              windows: refreshWindows,
            }
          : null,
      wallSeconds: (Date.now() - started) / 1000,
    };
    if (args.json) {
      writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
      log(`wrote ${args.json}`);
    }
  } finally {
    await worker?.stop();
    await api?.stop();
    await db.end();
    await dropDatabase(serverUrl, databaseUrl.pathname.slice(1));
    await removeRedisKeys(redisUrl, redisPrefix);
  }
}

main().catch((error: unknown) => {
  console.error(`bench fleet-reads failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
