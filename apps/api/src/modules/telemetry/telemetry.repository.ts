import { type TelemetryRecord, telemetryPolicyVersionId } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { AppError } from '../../common/app-error.js';
import { GroupCommit, ItemFailure, retryOnDeadlock } from '../../common/group-commit.js';
import { Database } from '../../infrastructure/database.js';
import { type SeriesRow, seriesPoint } from './fleet-series.repository.js';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  lastSeq: number;
}

const DAY_MS = 86_400_000;

/** One request's batch: the records of one robot. */
export interface IngestBatch {
  robotId: string;
  records: readonly TelemetryRecord[];
}
/** Partitions the maintenance job keeps ready ahead of today (ingest never creates one). */
export const TELEMETRY_PARTITIONS_AHEAD_DAYS = 7;

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

/**
 * Telemetry storage. Concurrent batches of different robots share one statement and one commit (group
 * commit): one call of the SQL function telemetry_ingest_group (migration 20261203141000) per group.
 * It locks the group's robot rows in id order (a robot's batches are serialised; two groups cannot
 * deadlock), then, set-based over the whole group, inserts from column arrays (`unnest`) each batch's
 * records whose seq is above its robot's last_seq or not stored yet near the same window (a
 * partition-pruned look-up) into the day-partitioned telemetry_record, keeps telemetry_rollup and
 * updates each robot's latest state — atomic, idempotent, one round trip, with the same per-batch
 * semantics as the per-batch function telemetry_ingest it replaced on this path. Each request is
 * answered only after that commit, so nothing acknowledged can be lost; a group that fails is retried
 * batch by batch, so an error reaches only the request that caused it. Daily partitions
 * are made ahead of time by the worker's maintenance job, never on the ingest path: a record whose
 * day has no partition (the job has not run) is refused with 503, the agent keeps it and retries.
 */
@Injectable()
export class TelemetryRepository {
  private readonly groups: GroupCommit<IngestBatch, IngestResult>;

  constructor(@Inject(Database) private readonly db: Database) {
    this.groups = new GroupCommit((batches) => this.insertGroup(batches), {
      maxBatch: 64,
      maxDelayMs: 0,
      // One group in flight: what arrives meanwhile joins the next, so groups are larger and
      // telemetry_ingest_group's per-group costs are shared by more batches — PostgreSQL CPU per
      // record ≈ 21.6 µs against ≈ 28.7 µs with two in flight (docs/benchmarks.md, issue 15).
      concurrency: 1,
      key: (batch) => batch.robotId, // one robot's batches are serialised by its row lock anyway
    });
  }

  async ingest(robotId: string, records: readonly TelemetryRecord[]): Promise<IngestResult> {
    try {
      return await this.groups.submit({ robotId, records });
    } catch (error) {
      // 23514 on insert: no partition for a row's day — the maintenance job has not made it yet.
      if ((error as { code?: string }).code !== '23514') throw error;
      throw new AppError(
        'service_unavailable',
        'Telemetry for this day cannot be stored yet (its partition is missing: is the worker running?); retry later',
        undefined,
        { 'retry-after': '60' },
      );
    }
  }

  /**
   * Makes the daily partitions of every day a record may name — from today − retention (the oldest
   * window ingest accepts) to TELEMETRY_PARTITIONS_AHEAD_DAYS ahead — and drops those past retention.
   */
  async maintain(retentionDays: number, now = new Date()) {
    const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
    const day = (offset: number) => new Date(today + offset * DAY_MS).toISOString().slice(0, 10);
    const created = await this.db.pool.query<{ created: number }>(
      'SELECT telemetry_ensure_partitions($1::date, $2::date) AS created',
      [day(-retentionDays), day(TELEMETRY_PARTITIONS_AHEAD_DAYS)],
    );
    const cutoff = day(-retentionDays);
    const { rows } = await this.db.pool.query<{ dropped: number }>(
      'SELECT telemetry_drop_partitions_before($1::date) AS dropped',
      [cutoff],
    );
    return {
      cutoff,
      createdPartitions: created.rows[0]?.created ?? 0,
      droppedPartitions: rows[0]?.dropped ?? 0,
    };
  }

  /** One statement and one commit for every batch of the group; batch by batch when it fails. */
  private async insertGroup(batches: IngestBatch[]): Promise<(IngestResult | ItemFailure)[]> {
    if (batches.length === 1) return retryOnDeadlock(() => this.insert(batches));
    try {
      // telemetry_ingest_group locks the robots' rows in id order: two concurrent groups cannot deadlock.
      return await retryOnDeadlock(() => this.insert(batches));
    } catch {
      // One batch failed the group (a missing partition, a robot deleted meanwhile): each on its own.
      return Promise.all(
        batches.map((batch) =>
          retryOnDeadlock(() => this.insert([batch])).then(
            (r) => r[0]!,
            (error: unknown) => new ItemFailure(error),
          ),
        ),
      );
    }
  }

  private async insert(batches: readonly IngestBatch[]): Promise<IngestResult[]> {
    const { rows } = await this.db.pool.query<IngestGroupRow>(ingestGroupQuery(batches));
    return batches.map((batch, i) => {
      const row = rows[i];
      if (!row || row.batch !== i + 1)
        throw new Error(`telemetry_ingest_group: no result for batch ${i + 1}`);
      return {
        accepted: row.accepted,
        duplicates: batch.records.length - row.accepted,
        lastSeq: Number(row.last_seq),
      };
    });
  }

  /** Time-bucketed series of one robot, a group or the fleet from every record of the range (the fleet series of whole 5-minute buckets reads telemetry_rollup instead: FleetSeriesRepository). */
  async series(filter: { robotId?: string; groupId?: string; from: Date; to: Date; bucketSeconds: number }) {
    const { rows } = await this.db.pool.query<SeriesRow>(
      `SELECT date_bin(make_interval(secs => $3), t.window_start, TIMESTAMPTZ '2000-01-01') AS bucket,
              count(DISTINCT t.robot_id)::int AS robots,
              sum(t.steps)::bigint AS steps,
              sum(t.writes)::bigint AS writes,
              avg(t.tau) AS tau,
              sum(t.flash_bytes_written)::bigint AS flash_bytes,
              max(t.wear_fraction) AS max_wear_fraction,
              avg(t.wear_fraction) AS avg_wear_fraction,
              max(t.device_wear_value) AS max_device_wear,
              sum(t.episodes_completed)::bigint AS episodes_completed,
              sum(t.episodes_succeeded)::bigint AS episodes_succeeded,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY t.latency_p50_us) AS latency_p50_us,
              max(t.latency_p99_us) AS latency_p99_us
         FROM telemetry_record t
        WHERE t.window_start >= $1 AND t.window_start < $2
          AND ($4::uuid IS NULL OR t.robot_id = $4::uuid)
          AND ($5::uuid IS NULL OR t.robot_id IN (SELECT robot_id FROM robot_group_member WHERE group_id = $5::uuid))
        GROUP BY 1
        ORDER BY 1`,
      [filter.from, filter.to, filter.bucketSeconds, filter.robotId ?? null, filter.groupId ?? null],
    );
    return rows.map((row) => seriesPoint(row, filter.bucketSeconds));
  }
}
