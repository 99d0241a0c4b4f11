import { type CohortStats, summarizeCohort } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../infrastructure/database.js';

/** One target robot's recent telemetry, for the rollout preview. */
export interface RobotRecent {
  robot_id: string;
  name: string;
  steps: string | null;
  writes: string | null;
  tau: number | null;
  flash_bytes: string | null;
  wear_now: number | null;
  wear_per_day: number | null;
}

/** Telemetry of a set of robots over a time window, robot by robot, for rollout health verdicts. */
@Injectable()
export class RolloutStatsRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /**
   * `policyVersionId` restricts the sums to windows the robots ran under that version (the cohort
   * on the new version); projected flash life comes from each robot's wear growth in the window.
   * `exceptPolicyVersionId` leaves that version's windows out (a pre-rollout baseline: a window that
   * began just before the start but ran the new version is not baseline).
   * One row per reporting robot, aggregated by summarizeCohort (one robot, one vote).
   */
  async cohortStats(
    robotIds: readonly string[],
    from: Date,
    to: Date,
    policyVersionId: string | null,
    exceptPolicyVersionId: string | null = null,
  ): Promise<CohortStats> {
    if (robotIds.length === 0) return summarizeCohort(0, []);
    const { rows } = await this.db.pool.query<{
      steps: string;
      writes: string;
      completed: string;
      succeeded: string;
      life_days: number | null;
    }>(
      `SELECT sum(steps) AS steps, sum(writes) AS writes,
              sum(episodes_completed) AS completed, sum(episodes_succeeded) AS succeeded,
              (1 - max(wear_fraction))
                / NULLIF((max(wear_fraction) - min(wear_fraction))
                  / NULLIF(extract(epoch FROM max(window_end) - min(window_start)) / 86400.0, 0), 0) AS life_days
         FROM telemetry_record
        WHERE robot_id = ANY($1::uuid[]) AND window_start >= $2 AND window_start < $3
          AND ($4::uuid IS NULL OR policy_version_id = $4::uuid)
          AND ($5::uuid IS NULL OR policy_version_id IS DISTINCT FROM $5::uuid)
        GROUP BY robot_id`,
      [robotIds, from, to, policyVersionId, exceptPolicyVersionId],
    );
    return summarizeCohort(
      robotIds.length,
      rows.map((row) => ({
        steps: Number(row.steps),
        writes: Number(row.writes),
        episodesCompleted: Number(row.completed),
        episodesSucceeded: Number(row.succeeded),
        projectedLifeDays:
          row.life_days !== null && row.life_days >= 0 ? Number(row.life_days) : Number.POSITIVE_INFINITY,
      })),
    );
  }

  /** Per robot since `since`: steps, writes, mean τ, flash bytes, wear now and its growth per day. */
  async recentPerRobot(robotIds: readonly string[], since: Date): Promise<RobotRecent[]> {
    const { rows } = await this.db.pool.query<RobotRecent>(
      `SELECT r.id AS robot_id, r.name, sum(t.steps) AS steps, sum(t.writes) AS writes, avg(t.tau) AS tau,
              sum(t.flash_bytes_written) AS flash_bytes, max(t.wear_fraction) AS wear_now,
              (max(t.wear_fraction) - min(t.wear_fraction))
                / NULLIF(extract(epoch FROM max(t.window_end) - min(t.window_start)) / 86400.0, 0) AS wear_per_day
         FROM robot r LEFT JOIN telemetry_record t ON t.robot_id = r.id AND t.window_start >= $2
        WHERE r.id = ANY($1::uuid[])
        GROUP BY r.id, r.name`,
      [robotIds, since],
    );
    return rows;
  }
}
