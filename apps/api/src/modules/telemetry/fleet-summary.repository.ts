import { type FleetSummary, ONLINE_WINDOW_MS } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../infrastructure/database.js';

const AURA_STATE_BYTES = 4224;

const finiteOrNull = (value: number | null) =>
  value === null || !Number.isFinite(Number(value)) ? null : Number(value);

/** telemetry_rollup's bucket length: 5 minutes, aligned to UTC midnight (migration 20261202180000). */
export const ROLLUP_BUCKET_MS = 5 * 60_000;

/**
 * The fleet overview in one statement over every robot (or a group's): counts, the window's writes,
 * and each reporting robot's projected flash life — remaining endurance ÷ the wear rate seen in the
 * window, as the rollout gates and the preview compute it — summarised as median, worst and the count
 * below a target. Per-robot rows never leave PostgreSQL. The window's telemetry is read from
 * telemetry_rollup (per robot and 5-minute bucket, kept by telemetry_ingest) for the buckets that
 * start inside the window, and from telemetry_record only for the partial bucket at its start: sums,
 * minima and maxima compose, so the figures are those of scanning every record of the window.
 * Rollup and record rows are picked by group membership, not joined to the robot rows: without a
 * group every row counts (both tables hold only existing robots' rows), which spares a 100,000-row join.
 */
@Injectable()
export class FleetSummaryRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async summary(options: {
    groupId?: string | undefined;
    windowMinutes: number;
    lifeTargetDays: number;
    /** The summary's "now" (tests pin it); the clock's otherwise. */
    now?: Date | undefined;
  }): Promise<FleetSummary> {
    const now = options.now ?? new Date();
    const since = new Date(now.getTime() - options.windowMinutes * 60_000);
    const onlineSince = new Date(now.getTime() - ONLINE_WINDOW_MS);
    // The first bucket boundary at or after `since`: whole buckets from there, raw records before it.
    const edge = new Date(Math.ceil(since.getTime() / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS);
    const { rows } = await this.db.pool.query<{
      total: string;
      online: string;
      reporting: string;
      steps: string | null;
      writes: string | null;
      flash_bytes: string | null;
      median_life: number | null;
      worst_life: number | null;
      below: string;
      median_wear: number | null;
      worst_wear: number | null;
      worst_device_wear: number | null;
      kv_max: number | null;
      worst: { robotId: string; name: string; projectedLifeDays: number }[] | null;
    }>(
      `WITH targets AS (
         SELECT id, name, last_seen_at, latest_telemetry FROM robot
          WHERE $1::uuid IS NULL OR id IN (SELECT robot_id FROM robot_group_member WHERE group_id = $1::uuid)),
       parts AS (
         SELECT u.robot_id, u.steps, u.writes, u.flash_bytes, u.wear_min, u.wear_max, u.device_wear_max,
                u.first_start, u.last_end
           FROM telemetry_rollup u
          WHERE u.bucket >= $5
            AND ($1::uuid IS NULL OR u.robot_id IN (SELECT robot_id FROM robot_group_member WHERE group_id = $1::uuid))
         UNION ALL
         SELECT t.robot_id, t.steps, t.writes, t.flash_bytes_written, t.wear_fraction, t.wear_fraction,
                t.device_wear_value, t.window_start, t.window_end
           FROM telemetry_record t
          WHERE t.window_start >= $2 AND t.window_start < $5
            AND ($1::uuid IS NULL OR t.robot_id IN (SELECT robot_id FROM robot_group_member WHERE group_id = $1::uuid))),
       recent AS (
         SELECT robot_id, sum(steps) AS steps, sum(writes) AS writes,
                sum(flash_bytes) AS flash_bytes, max(wear_max) AS wear_now,
                max(device_wear_max) AS device_wear,
                (max(wear_max) - min(wear_min))
                  / NULLIF(extract(epoch FROM max(last_end) - min(first_start)) / 86400.0, 0) AS wear_per_day
           FROM parts
          GROUP BY robot_id),
       per AS (
         SELECT r.id, r.name, r.last_seen_at,
                (r.latest_telemetry->>'wearFraction')::float8 AS wear,
                (r.latest_telemetry->>'kvEquivalentBytes')::float8 AS kv,
                recent.robot_id IS NOT NULL AS reporting, recent.steps, recent.writes, recent.flash_bytes,
                recent.device_wear,
                CASE WHEN recent.wear_per_day > 0 THEN (1 - recent.wear_now) / recent.wear_per_day
                     ELSE 'Infinity'::float8 END AS life_days
           FROM targets r LEFT JOIN recent ON recent.robot_id = r.id)
       SELECT count(*) AS total,
              count(*) FILTER (WHERE last_seen_at >= $3) AS online,
              count(*) FILTER (WHERE reporting) AS reporting,
              sum(steps) AS steps, sum(writes) AS writes, sum(flash_bytes) AS flash_bytes,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY life_days) FILTER (WHERE reporting) AS median_life,
              min(life_days) FILTER (WHERE reporting) AS worst_life,
              count(*) FILTER (WHERE reporting AND life_days < $4) AS below,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY wear) AS median_wear,
              max(wear) AS worst_wear,
              max(device_wear) AS worst_device_wear,
              max(kv) AS kv_max,
              (SELECT json_agg(w) FROM (
                 SELECT id AS "robotId", name, life_days AS "projectedLifeDays" FROM per
                  WHERE reporting AND life_days < 'Infinity'::float8
                  ORDER BY life_days, name LIMIT 5) w) AS worst
         FROM per`,
      [options.groupId ?? null, since, onlineSince, options.lifeTargetDays, edge],
    );
    const row = rows[0];
    const total = Number(row?.total ?? 0);
    const online = Number(row?.online ?? 0);
    const steps = Number(row?.steps ?? 0);
    const writes = Number(row?.writes ?? 0);
    return {
      groupId: options.groupId ?? null,
      at: now.toISOString(),
      windowMinutes: options.windowMinutes,
      robots: { total, online, offline: total - online, reporting: Number(row?.reporting ?? 0) },
      window: {
        steps,
        writes,
        writesPerStep: steps > 0 ? writes / steps : null,
        writesPerHour: writes / (options.windowMinutes / 60),
        flashBytes: Number(row?.flash_bytes ?? 0),
      },
      memory: { stateBytesPerRobot: AURA_STATE_BYTES, maxKvEquivalentBytes: Number(row?.kv_max ?? 0) },
      flashLife: {
        lifeTargetDays: options.lifeTargetDays,
        medianDays: finiteOrNull(row?.median_life ?? null),
        worstDays: finiteOrNull(row?.worst_life ?? null),
        belowTarget: Number(row?.below ?? 0),
        worst: row?.worst ?? [],
      },
      wear: {
        medianFraction: row?.median_wear ?? null,
        worstFraction: row?.worst_wear ?? null,
        worstDeviceFraction: row?.worst_device_wear ?? null,
      },
    };
  }
}
