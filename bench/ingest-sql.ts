/**
 * `pnpm bench ingest-sql [--quick] [--rounds N] [--json FILE]` (`--quick`: 2 rounds; default 5)
 *
 * PostgreSQL's side of telemetry ingest alone: `telemetry_ingest_group` (the statement one API group
 * commit sends) called from one connection, groups of 8 robots × 100 records, and the CPU its backend
 * used per record, read from /proc — no HTTP, no API process, so the figure moves far less with the
 * machine's load than `pnpm bench ingest`'s. It compares, in alternated rounds in one database, the
 * migrated schema with telemetry_record's reference to robot kept by the triggers of migration
 * 20261203170000 against the same with the foreign key it replaced (that migration's down section).
 * Each run uses its own database and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { ingestGroupQuery } from '@aura/api';
import { parseScriptArgs } from '@aura/core/script-args';
import { createTestDatabase, telemetryRecord, testDatabaseServerUrl } from '@aura/testing';
import pg from 'pg';
import { cpuSeconds } from './_cpu.js';

const { args } = parseScriptArgs(
  'bench ingest-sql',
  'usage: pnpm bench ingest-sql [--quick] [--rounds N] [--json FILE]',
  {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    json: { type: 'string' },
  },
);
const ROUNDS = Number(args.rounds ?? (args.quick ? 2 : 5));
const ROBOTS = 64;
const PER_GROUP = 8;
const BATCH = 100;
const GROUPS = 24; // per measurement: 19,200 records

const migration = readFileSync(
  new URL('../prisma/migrations/20261203170000_telemetry_robot_integrity.sql', import.meta.url),
  'utf8',
);
const up = migration.slice(migration.indexOf('-- migrate:up'), migration.indexOf('-- migrate:down'));
const down = migration.slice(migration.indexOf('-- migrate:down'));
/** Variants in the order each round measures them; each is reached by running its SQL first. */
const variants: [string, string][] = [
  ['foreign key', `BEGIN; ${down}; COMMIT;`],
  ['triggers', `BEGIN; ${up}; COMMIT;`],
];

const log = (message: string) => process.stderr.write(`[ingest-sql] ${message}\n`);

async function main() {
  const db = createTestDatabase(
    testDatabaseServerUrl(),
    `aura_bench_ingest_sql_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`,
  );
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const robots: string[] = [];
    for (let i = 0; i < ROBOTS; i++) {
      const { rows } = await client.query<{ id: string }>(
        "INSERT INTO robot (name, secret_prefix, secret_hash) VALUES ($1, $2, 'x') RETURNING id",
        [`bench-${i}`, `bench${i}`],
      );
      robots.push(rows[0]!.id);
    }
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const nextSeq = robots.map(() => 1);
    const base = Date.now() - 10 * 3_600_000; // windows 100 ms apart: one or two day partitions
    let g = 0;
    const group = () => {
      const batches = [];
      for (let k = 0; k < PER_GROUP; k++, g++) {
        const r = g % ROBOTS;
        const from = nextSeq[r]!;
        nextSeq[r] = from + BATCH;
        const records = Array.from({ length: BATCH }, (_, i) =>
          telemetryRecord(from + i, {}, { start: new Date(base + (from + i) * 100 + r) }),
        );
        batches.push({ robotId: robots[r]!, records });
      }
      return ingestGroupQuery(batches);
    };
    for (let i = 0; i < 10; i++) await client.query(group()); // warm-up: plans, caches, partitions
    const perRecord: Record<string, number[]> = Object.fromEntries(variants.map(([name]) => [name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, sql] of variants) {
        await client.query(sql);
        await client.query(group()); // first call after the change: plans and functions compiled again
        const queries = Array.from({ length: GROUPS }, group);
        const before = cpuSeconds(pid);
        for (const query of queries) await client.query(query);
        const us = ((cpuSeconds(pid) - before) / (GROUPS * PER_GROUP * BATCH)) * 1e6;
        perRecord[name]!.push(Math.round(us * 10) / 10);
        log(`round ${round} ${name}: ${us.toFixed(1)} µs backend CPU per record`);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const result = {
      benchmark: 'ingest-sql',
      backendCpuPerRecordUs: perRecord,
      medians: Object.fromEntries(Object.entries(perRecord).map(([k, v]) => [k, median(v)])),
      groupsPerMeasurement: GROUPS,
      batchesPerGroup: PER_GROUP,
      batchSize: BATCH,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      machine: { cpus: os.cpus().length, node: process.version, at: new Date().toISOString() },
    };
    console.log(`
telemetry_ingest_group alone (one connection, groups of ${PER_GROUP} × ${BATCH} records, ${ROUNDS} alternated rounds)
${Object.entries(perRecord)
  .map(([k, v]) => `  ${k.padEnd(12)} ${v.join(' / ')} µs backend CPU per record (median ${median(v)})`)
  .join('\n')}
  load average ${result.loadAverage.join(' ')}`);
    if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await client.end();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench ingest-sql failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
