import type { PersistMode, RobotTelemetryWindow } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { toWirePersistMode } from '../../common/persist-mode.js';
import { Database } from '../../infrastructure/database.js';

/** What the autopilot reads about one robot to decide (docs/autopilot.md, "The decision rule"). */
export interface RobotInputs {
  robotId: string;
  name: string;
  enrolledAt: Date;
  /** the robot's target: the longest of its groups' overrides, else the fleet's */
  targetDays: number;
  /** the latest record's τ and mode (the mode as the agent reports it), null without telemetry */
  tau: number | null;
  reportedMode: PersistMode | null;
  /** the persistence mode of the policy version the robot applied, when that version sets one */
  policyMode: PersistMode | null;
  /** its telemetry under the latest record's policy version and τ inside the lookback; null if none */
  window: RobotTelemetryWindow | null;
}

interface Row {
  id: string;
  name: string;
  enrolled_at: Date;
  target_days: number;
  tau: number | null;
  reported_mode: string | null;
  policy_mode: string | null;
  records: number | null;
  steps: number | null;
  writes: number | null;
  completed: number | null;
  succeeded: number | null;
  first_start: Date | null;
  first_end: Date | null;
  last_end: Date | null;
  bytes_first: number | null;
  bytes_last: number | null;
  wear_first: number | null;
  wear_last: number | null;
  dev_source: string | null;
  dev_first: number | null;
  dev_first_at: Date | null;
  dev_last: number | null;
  dev_last_at: Date | null;
  hist_dev_first: number | null;
  hist_dev_last: number | null;
  hist_est_first: number | null;
  hist_est_last: number | null;
}

/**
 * The autopilot's reads of robots, telemetry, groups and rollouts (read-only; those tables belong to
 * their own modules). One statement aggregates every robot's window in PostgreSQL: per robot, the
 * records of the lookback under its latest record's policy version (by id; none before its first
 * config) and τ (its current setting), with the first
 * and last cumulative counters and device readings; and, over the whole lookback, how far the device
 * reading and the estimate moved (calibration).
 */
@Injectable()
export class AutopilotInputsRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async robotInputs(options: {
    since: Date;
    fleetTargetDays: number;
    groupTargets: readonly { groupId: string; lifeTargetDays: number }[];
  }): Promise<RobotInputs[]> {
    const { rows } = await this.db.pool.query<Row>(
      `WITH targets AS (
         SELECT * FROM unnest($2::uuid[], $3::float8[]) AS gt(group_id, days)),
       latest AS (
         SELECT DISTINCT ON (t.robot_id) t.robot_id, t.policy_version_id, t.tau
           FROM telemetry_record t
          WHERE t.window_start >= $1
          ORDER BY t.robot_id, t.seq DESC),
       robots AS (
         SELECT r.id, r.name, r.enrolled_at, l.policy_version_id AS pv,
                COALESCE(l.tau, (r.latest_telemetry->>'tau')::float8) AS tau,
                r.latest_telemetry->>'persistMode' AS reported_mode,
                v.persist_mode::text AS policy_mode,
                COALESCE((SELECT max(t.days) FROM robot_group_member m JOIN targets t ON t.group_id = m.group_id
                           WHERE m.robot_id = r.id), $4::float8) AS target_days
           FROM robot r LEFT JOIN gate_policy_version v ON v.id = r.applied_policy_version_id
           LEFT JOIN latest l ON l.robot_id = r.id),
       win AS (
         SELECT t.robot_id, count(*)::int AS records,
                sum(t.steps)::float8 AS steps, sum(t.writes)::float8 AS writes,
                sum(t.episodes_completed)::float8 AS completed, sum(t.episodes_succeeded)::float8 AS succeeded,
                min(t.window_start) AS first_start, max(t.window_end) AS last_end,
                (array_agg(t.window_end ORDER BY t.seq))[1] AS first_end,
                (array_agg(t.flash_bytes_written ORDER BY t.seq))[1]::float8 AS bytes_first,
                (array_agg(t.flash_bytes_written ORDER BY t.seq DESC))[1]::float8 AS bytes_last,
                (array_agg(t.wear_fraction ORDER BY t.seq))[1] AS wear_first,
                (array_agg(t.wear_fraction ORDER BY t.seq DESC))[1] AS wear_last,
                (array_agg(t.device_wear_source ORDER BY t.seq DESC) FILTER (WHERE t.device_wear_value IS NOT NULL))[1] AS dev_source,
                (array_agg(t.device_wear_value ORDER BY t.seq) FILTER (WHERE t.device_wear_value IS NOT NULL))[1] AS dev_first,
                (array_agg(t.window_end ORDER BY t.seq) FILTER (WHERE t.device_wear_value IS NOT NULL))[1] AS dev_first_at,
                (array_agg(t.device_wear_value ORDER BY t.seq DESC) FILTER (WHERE t.device_wear_value IS NOT NULL))[1] AS dev_last,
                (array_agg(t.window_end ORDER BY t.seq DESC) FILTER (WHERE t.device_wear_value IS NOT NULL))[1] AS dev_last_at
           FROM telemetry_record t JOIN robots r ON r.id = t.robot_id
          WHERE t.window_start >= $1 AND t.policy_version_id IS NOT DISTINCT FROM r.pv AND abs(t.tau - r.tau) < 1e-9
          GROUP BY t.robot_id),
       hist AS (
         SELECT t.robot_id,
                (array_agg(t.device_wear_value ORDER BY t.seq))[1] AS dev_first,
                (array_agg(t.device_wear_value ORDER BY t.seq DESC))[1] AS dev_last,
                (array_agg(t.wear_fraction ORDER BY t.seq))[1] AS est_first,
                (array_agg(t.wear_fraction ORDER BY t.seq DESC))[1] AS est_last
           FROM telemetry_record t
          WHERE t.window_start >= $1 AND t.device_wear_value IS NOT NULL
          GROUP BY t.robot_id)
       SELECT r.id, r.name, r.enrolled_at, r.target_days, r.tau, r.reported_mode, r.policy_mode,
              w.records, w.steps, w.writes, w.completed, w.succeeded, w.first_start, w.first_end, w.last_end,
              w.bytes_first, w.bytes_last, w.wear_first, w.wear_last,
              w.dev_source, w.dev_first, w.dev_first_at, w.dev_last, w.dev_last_at,
              h.dev_first AS hist_dev_first, h.dev_last AS hist_dev_last,
              h.est_first AS hist_est_first, h.est_last AS hist_est_last
         FROM robots r LEFT JOIN win w ON w.robot_id = r.id LEFT JOIN hist h ON h.robot_id = r.id
        ORDER BY r.name, r.id`,
      [
        options.since,
        options.groupTargets.map((g) => g.groupId),
        options.groupTargets.map((g) => g.lifeTargetDays),
        options.fleetTargetDays,
      ],
    );
    return rows.map((row) => ({
      robotId: row.id,
      name: row.name,
      enrolledAt: row.enrolled_at,
      targetDays: Number(row.target_days),
      tau: row.tau,
      reportedMode: toWirePersistMode(row.reported_mode),
      policyMode: toWirePersistMode(row.policy_mode),
      window:
        row.records && row.first_start && row.first_end && row.last_end
          ? {
              firstWindowStart: row.first_start,
              firstWindowEnd: row.first_end,
              lastWindowEnd: row.last_end,
              records: row.records,
              steps: Number(row.steps),
              writes: Number(row.writes),
              episodesCompleted: Number(row.completed),
              episodesSucceeded: Number(row.succeeded),
              flashBytesFirst: Number(row.bytes_first),
              flashBytesLast: Number(row.bytes_last),
              wearFirst: Number(row.wear_first),
              wearLast: Number(row.wear_last),
              device:
                row.dev_source && row.dev_first_at && row.dev_last_at
                  ? {
                      source: row.dev_source,
                      firstValue: Number(row.dev_first),
                      firstAt: row.dev_first_at,
                      lastValue: Number(row.dev_last),
                      lastAt: row.dev_last_at,
                      history:
                        row.hist_dev_first !== null && row.hist_est_first !== null
                          ? {
                              deviceGrowth: Number(row.hist_dev_last) - Number(row.hist_dev_first),
                              estimateGrowth: Number(row.hist_est_last) - Number(row.hist_est_first),
                            }
                          : null,
                    }
                  : null,
            }
          : null,
    }));
  }

  /** Robots held by an active rollout (a robot may be in one at a time). */
  async robotsInActiveRollouts(): Promise<Set<string>> {
    const rows = await this.db.client.rolloutAssignment.findMany({
      where: { active: true },
      select: { robotId: true },
    });
    return new Set(rows.map((r) => r.robotId));
  }

  /** Which of `ids` name existing robot groups. */
  async existingGroupIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.client.robotGroup.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true },
    });
    return new Set(rows.map((r) => r.id));
  }

  async robotNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.client.robot.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, name: true },
    });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
