import type { TelemetryRecord } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { GroupCommit, ItemFailure, retryOnDeadlock } from '../../common/group-commit.js';
import { Database } from '../../infrastructure/database.js';
import { type SeriesRow, seriesPoint } from './fleet-series.repository.js';
import { type IngestBatch, type IngestGroupRow, ingestGroupQuery } from './ingest-group-query.js';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  lastSeq: number;
}

const DAY_MS = 86_400_000;

/** Partitions the maintenance job keeps ready ahead of today (ingest never creates one). */
export const TELEMETRY_PARTITIONS_AHEAD_DAYS = 7;

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
