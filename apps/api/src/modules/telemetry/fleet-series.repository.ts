import type { SeriesPoint } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../infrastructure/database.js';
import { FLEET_SERIES_SCOPE } from './fleet-series-rollup.repository.js';
import { ROLLUP_BUCKET_MS } from './fleet-summary.repository.js';

/** One series bucket's aggregate as PostgreSQL returns it (raw scan and rollup alike). */
export interface SeriesRow {
  bucket: Date;
  robots: number;
  steps: string | number;
  writes: string | number;
  tau: number | null;
  flash_bytes: string | number;
  max_wear_fraction: number | string;
  avg_wear_fraction: number | string;
  max_device_wear: number | string | null;
  episodes_completed: string | number;
  episodes_succeeded: string | number;
  latency_p50_us: number | string | null;
  latency_p99_us: number | string | null;
}

/** A series bucket in the response's shape. */
export function seriesPoint(row: SeriesRow, bucketSeconds: number): SeriesPoint {
  const steps = Number(row.steps);
  const writes = Number(row.writes);
  const completed = Number(row.episodes_completed);
  return {
    bucket: row.bucket.toISOString(),
    robots: row.robots,
    steps,
    writes,
    writesPerStep: steps > 0 ? writes / steps : null,
    writeRatePerSecond: writes / bucketSeconds,
    tau: row.tau === null ? null : Number(row.tau),
    flashBytes: Number(row.flash_bytes),
    maxWearFraction: Number(row.max_wear_fraction),
    avgWearFraction: Number(row.avg_wear_fraction),
    maxDeviceWear: row.max_device_wear === null ? null : Number(row.max_device_wear),
    episodesCompleted: completed,
    successRate: completed > 0 ? Number(row.episodes_succeeded) / completed : null,
    latencyP50Us: row.latency_p50_us === null ? null : Number(row.latency_p50_us),
    latencyP99Us: row.latency_p99_us === null ? null : Number(row.latency_p99_us),
  };
}

/** Whether the fleet series of this bucket length is read from telemetry_rollup (whole 5-minute buckets). */
export const servedFromRollup = (bucketSeconds: number) => (bucketSeconds * 1000) % ROLLUP_BUCKET_MS === 0;

/**
 * The series of the fleet or a group from telemetry_rollup (issue 15, migration 20261203140000), for
 * series buckets made of whole rollup buckets (a multiple of 5 minutes; the origin is the raw scan's,
 * 2000-01-01, on a 5-minute boundary in every time zone that exists). A rollup row (one robot, one
 * 5-minute bucket) counts whole when all its windows start inside [from, to) (first_start, last_start);
 * a row that straddles `from` or `to` — only the first and last buckets can — is replaced by its
 * robot's raw records in that bucket and inside the range, summed per series bucket and robot. Sums,
 * maxima and counts compose, so every figure equals the raw scan's except the latency: the mean of the
 * windows' p50 latency instead of their median (docs/api.md, "Fleet series"). `robots`: with
 * 5-minute series buckets every unit is one robot in one bucket (a robot has a whole row or raw
 * records there, never both), so it is a count; with longer buckets a robot has several units and
 * it takes count(DISTINCT), which sorts instead of hashing.
 *
 * With 5-minute series buckets, a bucket whose windows all start inside [from, to) (the scope row's
 * first_start, last_start; or no robot reported in it) is read from fleet_series_rollup — one row of
 * the scope ($5: the fleet's zero uuid or the group) per bucket, kept by the worker (migrations
 * 20261203150000, 20261203150100) — when the worker has aggregated it and nothing changed in it since
 * (no telemetry_rollup_dirty mark), else from the per-robot rows as above: the figures are the same
 * (the scope row is their sum), and a bucket still receiving telemetry is read per robot. Uncovered buckets
 * are probed one by one (`= ANY` of their list) so covered ones cost no per-robot row.
 * $1 from, $2 to, $3 bucket seconds, $4 group (or null: the fleet), $5 scope id (5-minute buckets only).
 */
function rollupSeriesSql(oneRollupBucketPerPoint: boolean) {
  const inGroup = (column: string) =>
    `($4::uuid IS NULL OR ${column} IN (SELECT robot_id FROM robot_group_member WHERE group_id = $4::uuid))`;
  const covered = oneRollupBucketPerPoint
    ? `covered AS (
       SELECT s.* FROM fleet_series_rollup s
        WHERE s.scope_id = $5::uuid AND s.bucket >= telemetry_rollup_bucket($1) AND s.bucket < $2
          AND (s.robots = 0 OR (s.first_start >= $1 AND s.last_start < $2))
          AND s.bucket NOT IN (SELECT d.bucket FROM telemetry_rollup_dirty d)),
     `
    : '';
  const perRobotBuckets = oneRollupBucketPerPoint
    ? `r.bucket = ANY (ARRAY(
            SELECT g FROM generate_series(telemetry_rollup_bucket($1), $2, interval '5 minutes') g
             WHERE g < $2 AND g NOT IN (SELECT bucket FROM covered)))`
    : 'r.bucket >= telemetry_rollup_bucket($1) AND r.bucket < $2';
  return `WITH ${covered}units AS (
       ${
         oneRollupBucketPerPoint
           ? `SELECT bucket, robots, records, steps, writes, tau_sum, flash_bytes, wear_max, wear_sum,
              device_wear_max, episodes_completed, episodes_succeeded, latency_p50_sum, latency_p99_max
         FROM covered WHERE robots > 0
       UNION ALL
       `
           : ''
       }SELECT date_bin(make_interval(secs => $3), r.bucket, TIMESTAMPTZ '2000-01-01') AS bucket,
              ${oneRollupBucketPerPoint ? '1' : 'r.robot_id'} AS robots, r.records, r.steps, r.writes,
              r.tau_sum, r.flash_bytes, r.wear_max, r.wear_sum, r.device_wear_max, r.episodes_completed,
              r.episodes_succeeded, r.latency_p50_sum, r.latency_p99_max
         FROM telemetry_rollup r
        WHERE ${perRobotBuckets}
          AND r.first_start >= $1 AND r.last_start < $2 AND ${inGroup('r.robot_id')}
       UNION ALL
       SELECT date_bin(make_interval(secs => $3), t.window_start, TIMESTAMPTZ '2000-01-01'),
              ${oneRollupBucketPerPoint ? '1' : 't.robot_id'},
              count(*), sum(t.steps), sum(t.writes), sum(t.tau), sum(t.flash_bytes_written), max(t.wear_fraction),
              sum(t.wear_fraction), max(t.device_wear_value), sum(t.episodes_completed), sum(t.episodes_succeeded),
              sum(t.latency_p50_us), max(t.latency_p99_us)
         FROM telemetry_rollup r
         JOIN telemetry_record t ON t.robot_id = r.robot_id
              AND t.window_start >= GREATEST($1, r.bucket) AND t.window_start < LEAST($2, r.bucket + interval '5 minutes')
        WHERE ${
          oneRollupBucketPerPoint
            ? `r.bucket = ANY (ARRAY(
                SELECT e FROM (VALUES (telemetry_rollup_bucket($1)), (telemetry_rollup_bucket($2))) v(e)
                 WHERE e NOT IN (SELECT bucket FROM covered)))`
            : 'r.bucket IN (telemetry_rollup_bucket($1), telemetry_rollup_bucket($2))'
        }
          AND NOT (r.first_start >= $1 AND r.last_start < $2) AND ${inGroup('r.robot_id')}
          -- constant bounds too, so the planner prunes telemetry_record's partitions to the range's days
          AND t.window_start >= $1 AND t.window_start < $2
        GROUP BY t.robot_id, 1)
   SELECT bucket,
          ${oneRollupBucketPerPoint ? 'sum(robots)' : 'count(DISTINCT robots)'}::int AS robots,
          sum(steps)::bigint AS steps,
          sum(writes)::bigint AS writes,
          sum(tau_sum) / sum(records) AS tau,
          sum(flash_bytes)::bigint AS flash_bytes,
          max(wear_max) AS max_wear_fraction,
          sum(wear_sum) / sum(records) AS avg_wear_fraction,
          max(device_wear_max) AS max_device_wear,
          sum(episodes_completed)::bigint AS episodes_completed,
          sum(episodes_succeeded)::bigint AS episodes_succeeded,
          sum(latency_p50_sum) / sum(records) AS latency_p50_us,
          max(latency_p99_max) AS latency_p99_us
     FROM units
    GROUP BY 1
    ORDER BY 1`;
}

/** The fleet's (or a group's) time series read from telemetry_rollup instead of every record. */
@Injectable()
export class FleetSeriesRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async series(filter: {
    groupId?: string;
    from: Date;
    to: Date;
    bucketSeconds: number;
  }): Promise<SeriesPoint[]> {
    const perBucket = filter.bucketSeconds * 1000 === ROLLUP_BUCKET_MS;
    const params: unknown[] = [filter.from, filter.to, filter.bucketSeconds, filter.groupId ?? null];
    if (perBucket) params.push(filter.groupId ?? FLEET_SERIES_SCOPE);
    const { rows } = await this.db.pool.query<SeriesRow>(rollupSeriesSql(perBucket), params);
    return rows.map((row) => seriesPoint(row, filter.bucketSeconds));
  }
}
