import type { CohortStats } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '../../infrastructure/prisma.service.js';

/** Telemetry sums of a set of robots over a time window, for rollout health verdicts. */
@Injectable()
export class RolloutStatsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /**
   * `policyVersionId` restricts the sums to windows the robots ran under that version (the cohort
   * on the new version); projected flash life comes from each robot's wear growth in the window.
   */
  async cohortStats(
    robotIds: readonly string[],
    from: Date,
    to: Date,
    policyVersionId: string | null,
  ): Promise<CohortStats> {
    if (robotIds.length === 0) {
      return {
        robots: 0,
        reporting: 0,
        steps: 0,
        writes: 0,
        episodesCompleted: 0,
        episodesSucceeded: 0,
        minProjectedLifeDays: Number.POSITIVE_INFINITY,
      };
    }
    const { rows } = await this.prisma.pool.query<{
      reporting: string;
      steps: string | null;
      writes: string | null;
      completed: string | null;
      succeeded: string | null;
      min_life_days: number | null;
    }>(
      `WITH per_robot AS (
         SELECT robot_id,
                sum(steps) AS steps, sum(writes) AS writes,
                sum(episodes_completed) AS completed, sum(episodes_succeeded) AS succeeded,
                max(wear_fraction) AS wear_now,
                (max(wear_fraction) - min(wear_fraction))
                  / NULLIF(extract(epoch FROM max(window_end) - min(window_start)) / 86400.0, 0) AS wear_per_day
           FROM telemetry_record
          WHERE robot_id = ANY($1::uuid[]) AND window_start >= $2 AND window_start < $3
            AND ($4::text IS NULL OR policy_version = $4)
          GROUP BY robot_id)
       SELECT count(*) AS reporting, sum(steps) AS steps, sum(writes) AS writes,
              sum(completed) AS completed, sum(succeeded) AS succeeded,
              min(CASE WHEN wear_per_day > 0 THEN (1 - wear_now) / wear_per_day END) AS min_life_days
         FROM per_robot`,
      [robotIds, from, to, policyVersionId],
    );
    const row = rows[0];
    return {
      robots: robotIds.length,
      reporting: Number(row?.reporting ?? 0),
      steps: Number(row?.steps ?? 0),
      writes: Number(row?.writes ?? 0),
      episodesCompleted: Number(row?.completed ?? 0),
      episodesSucceeded: Number(row?.succeeded ?? 0),
      minProjectedLifeDays: row?.min_life_days ?? Number.POSITIVE_INFINITY,
    };
  }
}
