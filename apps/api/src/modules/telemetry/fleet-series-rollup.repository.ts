import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../infrastructure/database.js';

/** The whole fleet's scope_id in fleet_series_rollup; a group's is its id. */
export const FLEET_SERIES_SCOPE = '00000000-0000-0000-0000-000000000000';
/** How far back the worker keeps scope rows (older buckets are read from the per-robot rollup). */
export const FLEET_SERIES_HORIZON_MS = 24 * 3_600_000;
/** Scope buckets with telemetry but no row (a new group, changed members, a fresh deploy) filled per run, newest first. */
export const FLEET_SERIES_FILL_PER_RUN = 12;
/** Every 10 s the worker re-aggregates the buckets changed since its last run. */
export const FLEET_SERIES_REFRESH_EVERY_MS = 10_000;
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('aura:fleet-series-rollup'))`;

/** One run's work, for the job's log line and tests. */
export interface FleetSeriesRefresh {
  dirtyBuckets: number;
  filled: number;
  rows: number;
}

/**
 * $1 scope ids, $2 buckets (pairs): each pair's sums and maxima over that bucket's telemetry_rollup
 * rows of the scope's robots (the fleet: every row), stored whether or not any robot reported (a row
 * with robots = 0 tells the API the bucket is covered and empty).
 */
const AGGREGATE = `WITH wanted AS (
       SELECT DISTINCT scope_id, bucket FROM unnest($1::uuid[], $2::timestamptz[]) AS w(scope_id, bucket)),
     src AS (
       SELECT '${FLEET_SERIES_SCOPE}'::uuid AS scope_id, r.*
         FROM telemetry_rollup r
        WHERE r.bucket = ANY (ARRAY(SELECT bucket FROM wanted WHERE scope_id = '${FLEET_SERIES_SCOPE}'))
       UNION ALL
       SELECT m.group_id, r.*
         FROM telemetry_rollup r
         JOIN robot_group_member m ON m.robot_id = r.robot_id
        WHERE r.bucket = ANY (ARRAY(SELECT DISTINCT bucket FROM wanted WHERE scope_id <> '${FLEET_SERIES_SCOPE}'))
          AND (m.group_id, r.bucket) IN (SELECT scope_id, bucket FROM wanted))
   INSERT INTO fleet_series_rollup AS f (scope_id, bucket, robots, records, steps, writes, tau_sum, flash_bytes,
          wear_max, wear_sum, device_wear_max, episodes_completed, episodes_succeeded, latency_p50_sum,
          latency_p99_max, first_start, last_start, computed_at)
   SELECT w.scope_id, w.bucket, count(src.robot_id), coalesce(sum(src.records), 0), coalesce(sum(src.steps), 0),
          coalesce(sum(src.writes), 0), coalesce(sum(src.tau_sum), 0), coalesce(sum(src.flash_bytes), 0),
          max(src.wear_max), coalesce(sum(src.wear_sum), 0), max(src.device_wear_max),
          coalesce(sum(src.episodes_completed), 0), coalesce(sum(src.episodes_succeeded), 0),
          coalesce(sum(src.latency_p50_sum), 0), max(src.latency_p99_max), min(src.first_start),
          max(src.last_start), now()
     FROM wanted w
     LEFT JOIN src ON src.scope_id = w.scope_id AND src.bucket = w.bucket
    GROUP BY w.scope_id, w.bucket
   ON CONFLICT (scope_id, bucket) DO UPDATE
      SET robots = excluded.robots, records = excluded.records, steps = excluded.steps, writes = excluded.writes,
          tau_sum = excluded.tau_sum, flash_bytes = excluded.flash_bytes, wear_max = excluded.wear_max,
          wear_sum = excluded.wear_sum, device_wear_max = excluded.device_wear_max,
          episodes_completed = excluded.episodes_completed, episodes_succeeded = excluded.episodes_succeeded,
          latency_p50_sum = excluded.latency_p50_sum, latency_p99_max = excluded.latency_p99_max,
          first_start = excluded.first_start, last_start = excluded.last_start, computed_at = excluded.computed_at`;

/**
 * Scope buckets with per-robot rollup rows but no scope row, inside the horizon ($1 since, $2 now),
 * newest first, at most $3: what a new group, a membership change (its rows are deleted by a trigger)
 * or the first run after the migration leaves uncovered.
 */
const MISSING = `WITH b AS (
       SELECT g AS bucket
         FROM generate_series(telemetry_rollup_bucket($1), telemetry_rollup_bucket($2), interval '5 minutes') g
        WHERE EXISTS (SELECT 1 FROM telemetry_rollup r WHERE r.bucket = g)),
     s AS (SELECT '${FLEET_SERIES_SCOPE}'::uuid AS scope_id UNION ALL SELECT id FROM robot_group)
   SELECT s.scope_id, b.bucket
     FROM s CROSS JOIN b
    WHERE NOT EXISTS (SELECT 1 FROM fleet_series_rollup f WHERE f.scope_id = s.scope_id AND f.bucket = b.bucket)
    ORDER BY b.bucket DESC, s.scope_id
    LIMIT $3`;

/**
 * The worker's side of fleet_series_rollup (issue 15, migration 20261203150000): per scope (the fleet,
 * each group) and 5-minute bucket, the sums the fleet series reads, so the API reads one row per
 * complete bucket instead of one per robot. Each run, in one transaction: take the marks of the buckets
 * telemetry_rollup changed in (late, out-of-order or deleted telemetry included) and re-aggregate those
 * buckets for every scope; fill up to {@link FLEET_SERIES_FILL_PER_RUN} uncovered scope buckets; drop
 * rows past the horizon and of deleted groups. The marks are deleted by the statement that reads them,
 * so a change committed after that statement's snapshot keeps its mark for the next run — and the API
 * never serves a marked bucket's scope row, so the series is never stale, only slower while marked.
 */
@Injectable()
export class FleetSeriesRollupRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async refresh(now = new Date()): Promise<FleetSeriesRefresh> {
    const since = new Date(now.getTime() - FLEET_SERIES_HORIZON_MS);
    const client = await this.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(LOCK);
      const dirty = await client.query<{ bucket: Date }>(
        `WITH d AS (DELETE FROM telemetry_rollup_dirty RETURNING bucket)
         SELECT DISTINCT bucket FROM d WHERE bucket >= telemetry_rollup_bucket($1)`,
        [since],
      );
      const missing = await client.query<{ scope_id: string; bucket: Date }>(MISSING, [
        since,
        now,
        FLEET_SERIES_FILL_PER_RUN,
      ]);
      const scopes: string[] = [];
      const buckets: Date[] = [];
      if (dirty.rows.length > 0) {
        const groups = await client.query<{ id: string }>('SELECT id FROM robot_group');
        for (const scope of [FLEET_SERIES_SCOPE, ...groups.rows.map((g) => g.id)]) {
          for (const { bucket } of dirty.rows) {
            scopes.push(scope);
            buckets.push(bucket);
          }
        }
      }
      for (const { scope_id, bucket } of missing.rows) {
        scopes.push(scope_id);
        buckets.push(bucket);
      }
      const stored = scopes.length > 0 ? await client.query(AGGREGATE, [scopes, buckets]) : { rowCount: 0 };
      await client.query(
        `DELETE FROM fleet_series_rollup
          WHERE bucket < telemetry_rollup_bucket($1)
             OR (scope_id <> '${FLEET_SERIES_SCOPE}' AND scope_id NOT IN (SELECT id FROM robot_group))`,
        [since],
      );
      await client.query('COMMIT');
      return { dirtyBuckets: dirty.rows.length, filled: missing.rows.length, rows: stored.rowCount ?? 0 };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
