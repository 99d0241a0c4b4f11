import { type TelemetryRecord, telemetryPolicyVersionId } from '@aura/core';
import type pg from 'pg';

// The statement of one ingest group, apart from the repository (no Nest decorators here), so that the
// PostgreSQL-side benchmark (bench/ingest-sql.ts) sends exactly what the API sends.

/** One request's batch: the records of one robot. */
export interface IngestBatch {
  robotId: string;
  records: readonly TelemetryRecord[];
}
/** `{1,2,NULL}`: finite numbers (the wire schema refuses others) print as valid PostgreSQL numerics. */
function numberArray<R>(rows: readonly R[], pick: (row: R) => number | undefined): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    const value = pick(rows[i]!);
    if (i > 0) out += ',';
    out += value === undefined || value === null ? 'NULL' : String(value);
  }
  return `${out}}`;
}

/** `{"a","b",NULL}` with `"` and `\\` escaped, as PostgreSQL's array input expects. */
function textArray<R>(rows: readonly R[], pick: (row: R) => string | undefined): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    const value = pick(rows[i]!);
    if (i > 0) out += ',';
    out += value === undefined || value === null ? 'NULL' : `"${value.replace(/["\\]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

/** The batch's highest-seq record as the robot's latest state, naming its policy version by id. */
function latestRecord(records: readonly TelemetryRecord[]): TelemetryRecord {
  const latest = records.reduce((max, r) => (r.seq > max.seq ? r : max));
  const { policyVersion: _deprecated, ...rest } = latest;
  const policyVersionId = telemetryPolicyVersionId(latest);
  return policyVersionId ? { ...rest, policyVersionId } : rest;
}

/** A row of telemetry_ingest_group's answer: a batch (1-based), its stored records and last_seq. */
export interface IngestGroupRow {
  batch: number;
  accepted: number;
  last_seq: string;
}

/**
 * The call of telemetry_ingest_group (migration 20261203141000) for a group of batches of distinct
 * robots: the batches' robots and latest records, then every record's batch and its columns.
 */
export function ingestGroupQuery(batches: readonly IngestBatch[]): pg.QueryConfig {
  // Column arrays as PostgreSQL array literals, built here: node-postgres' generic array encoding
  // (escaping every element) cost more CPU than the rest of the request's database work.
  const records = batches.length === 1 ? batches[0]!.records : batches.flatMap((b) => b.records);
  const num = (pick: (r: TelemetryRecord) => number | undefined) => numberArray(records, pick);
  const text = (pick: (r: TelemetryRecord) => string | undefined) => textArray(records, pick);
  // Each record's batch (1-based, in the order of `batches`): `{1,1,…,2,2,…}`.
  let batchOfRecord = '';
  for (const [b, batch] of batches.entries()) batchOfRecord += `${b + 1},`.repeat(batch.records.length);
  batchOfRecord = `{${batchOfRecord.slice(0, -1)}}`;
  return {
    // Named: parsed once per connection; the function's own statements are planned once too.
    name: 'telemetry_ingest_group',
    text: `SELECT batch, accepted, last_seq FROM telemetry_ingest_group($1::uuid[], $2::jsonb[], $3::int[],
             $4::bigint[], $5::timestamptz[], $6::timestamptz[], $7::int[], $8::int[], $9::float8[], $10::uuid[],
             $11::int[], $12::bigint[], $13::bigint[], $14::float8[], $15::text[], $16::float8[], $17::int[],
             $18::int[], $19::float8[], $20::float8[])`,
    values: [
      textArray(batches, (b) => b.robotId),
      textArray(batches, (b) => JSON.stringify(latestRecord(b.records))),
      batchOfRecord,
      num((r) => r.seq),
      text((r) => r.windowStart),
      text((r) => r.windowEnd),
      num((r) => r.steps),
      num((r) => r.writes),
      num((r) => r.tau),
      text((r) => telemetryPolicyVersionId(r) ?? undefined),
      num((r) => r.stateBytes),
      num((r) => r.kvEquivalentBytes),
      num((r) => r.flashBytesWritten),
      num((r) => r.wearFraction),
      text((r) => r.deviceWear?.source),
      num((r) => r.deviceWear?.value),
      num((r) => r.episodes.completed),
      num((r) => r.episodes.succeeded),
      num((r) => r.stepLatencyUs.p50),
      num((r) => r.stepLatencyUs.p99),
    ],
  };
}
