import type { HealthGates } from './rollout-spec.js';

/** One robot's telemetry over an evaluation window (sums of its records). */
export interface RobotWindowStats {
  steps: number;
  writes: number;
  episodesCompleted: number;
  episodesSucceeded: number;
  /** Projected flash life from its wear growth in the window, in days (Infinity when not wearing). */
  projectedLifeDays: number;
}

/**
 * A cohort over the evaluation window, aggregated robot by robot so that no single robot can swing
 * it: rates are per-robot rates combined by a trimmed mean, samples cap each robot's contribution
 * (see {@link summarizeCohort}).
 */
export interface CohortStats {
  /** Robots in the cohort (switched, or control). */
  robots: number;
  /** Robots that sent telemetry in the window; the rest are unreachable. */
  reporting: number;
  /** Sums as reported (informative only: one robot can inflate them). */
  steps: number;
  writes: number;
  episodesCompleted: number;
  episodesSucceeded: number;
  /** Steps counted towards the sample minimum: each robot's steps capped at twice the cohort median. */
  samples: number;
  /** Trimmed mean over robots of each robot's writes per step (robots with steps). */
  writeRate: number | null;
  /** Trimmed mean over robots of each robot's episode success rate (robots that completed episodes). */
  successRate: number | null;
  /**
   * Shortest projected flash life in days after setting aside the `trimmed` shortest (Infinity when
   * none is wearing).
   */
  minProjectedLifeDays: number;
  /** Robots set aside at each end of every per-robot distribution. */
  trimmed: number;
}

/** Share of robots set aside at each end of a per-robot distribution (at least one from 3 robots). */
export const TRIM_FRACTION = 0.1;
/** A robot's steps count towards the sample minimum up to this multiple of the cohort's median. */
export const SAMPLE_CAP_OVER_MEDIAN = 2;

/** Robots set aside at each end of a distribution of `n`: none below 3, else max(1, ⌊n·10 %⌋). */
export function trimCount(n: number): number {
  return n < 3 ? 0 : Math.max(1, Math.floor(n * TRIM_FRACTION));
}

/** Mean of `values` without the `trimCount` lowest and highest; null for none. */
export function trimmedMean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const k = trimCount(sorted.length);
  const kept = sorted.slice(k, sorted.length - k);
  return kept.reduce((sum, v) => sum + v, 0) / kept.length;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Aggregates the robots of one cohort (`robots` members, `perRobot` those that reported). A robot is
 * one vote: the write and success rates are trimmed means of per-robot rates, the sample count caps
 * each robot at twice the median robot's steps, and the flash-life gate looks past the trimmed
 * shortest lives. So one robot claiming a billion steps, a thousand failed episodes or a worn-out
 * flash cannot meet the sample minimum alone, pass a bad step or roll back a good one.
 */
export function summarizeCohort(robots: number, perRobot: readonly RobotWindowStats[]): CohortStats {
  const sum = (pick: (r: RobotWindowStats) => number) => perRobot.reduce((s, r) => s + pick(r), 0);
  const stepsMedian = median(perRobot.map((r) => r.steps)) ?? 0;
  const lives = perRobot.map((r) => r.projectedLifeDays).sort((a, b) => a - b);
  const trimmed = trimCount(perRobot.length);
  return {
    robots,
    reporting: perRobot.length,
    steps: sum((r) => r.steps),
    writes: sum((r) => r.writes),
    episodesCompleted: sum((r) => r.episodesCompleted),
    episodesSucceeded: sum((r) => r.episodesSucceeded),
    samples: sum((r) => Math.min(r.steps, SAMPLE_CAP_OVER_MEDIAN * stepsMedian)),
    writeRate: trimmedMean(perRobot.filter((r) => r.steps > 0).map((r) => r.writes / r.steps)),
    successRate: trimmedMean(
      perRobot.filter((r) => r.episodesCompleted > 0).map((r) => r.episodesSucceeded / r.episodesCompleted),
    ),
    minProjectedLifeDays: lives[trimCount(lives.length)] ?? Number.POSITIVE_INFINITY,
    trimmed,
  };
}

export type VerdictResult = 'pass' | 'fail' | 'inconclusive';

export interface HealthVerdict {
  result: VerdictResult;
  /** One sentence an operator can act on. */
  reason: string;
  /** Whether the comparison was against the concurrent control cohort or the cohort's own baseline. */
  comparison: 'control' | 'baseline';
  numbers: {
    cohort: CohortStats;
    reference: CohortStats;
    unreachable: number;
    writeRateIncrease: number | null;
    successRateDrop: number | null;
  };
  gates: HealthGates;
}

/**
 * Compares a step's cohort (robots on the new version) with its reference: the concurrent control
 * cohort (targets not yet switched), or — when a step leaves no control robots — the cohort's own
 * pre-rollout baseline. Too few robots or samples → inconclusive, never pass or fail; unreachable
 * robots are reported, not counted. Both sides come from {@link summarizeCohort}.
 */
export function evaluateRolloutHealth(
  cohort: CohortStats,
  reference: CohortStats,
  gates: HealthGates,
  comparison: 'control' | 'baseline',
): HealthVerdict {
  const writeRateIncrease =
    cohort.writeRate !== null && reference.writeRate !== null && reference.writeRate > 0
      ? cohort.writeRate / reference.writeRate - 1
      : null;
  const successRateDrop =
    cohort.successRate !== null && reference.successRate !== null
      ? reference.successRate - cohort.successRate
      : null;
  const numbers = {
    cohort,
    reference,
    unreachable:
      cohort.robots -
      cohort.reporting +
      (comparison === 'control' ? reference.robots - reference.reporting : 0),
    writeRateIncrease,
    successRateDrop,
  };
  const verdict = (result: VerdictResult, reason: string): HealthVerdict => ({
    result,
    reason,
    comparison,
    numbers,
    gates,
  });
  const against = comparison === 'control' ? 'the control cohort' : "the cohort's pre-rollout baseline";

  for (const [name, stats] of [
    ['cohort', cohort],
    [comparison === 'control' ? 'control cohort' : 'baseline', reference],
  ] as const) {
    if (stats.reporting < gates.minRobotsPerCohort) {
      return verdict(
        'inconclusive',
        `${name}: ${stats.reporting} robot(s) reporting, ${gates.minRobotsPerCohort} needed` +
          (stats.robots > stats.reporting ? ` (${stats.robots - stats.reporting} unreachable)` : ''),
      );
    }
    if (stats.samples < gates.minSamplesPerCohort) {
      return verdict(
        'inconclusive',
        `${name}: ${Math.round(stats.samples)} steps of telemetry, ${gates.minSamplesPerCohort} needed ` +
          `(each robot counted up to ${SAMPLE_CAP_OVER_MEDIAN}× the median robot)`,
      );
    }
  }

  const failures: string[] = [];
  if (writeRateIncrease !== null && writeRateIncrease > gates.maxWriteRateIncrease) {
    failures.push(
      `write rate ${pct(cohort.writeRate)} per step is ${pct(writeRateIncrease)} above ${against} ` +
        `(${pct(reference.writeRate)}; limit +${pct(gates.maxWriteRateIncrease)})`,
    );
  }
  if (successRateDrop !== null && successRateDrop > gates.maxSuccessRateDrop) {
    failures.push(
      `success rate ${pct(cohort.successRate)} is ${pct(successRateDrop)} points below ${against} ` +
        `(${pct(reference.successRate)}; limit ${pct(gates.maxSuccessRateDrop)})`,
    );
  }
  if (cohort.minProjectedLifeDays < gates.minProjectedFlashLifeDays) {
    failures.push(
      `a cohort robot projects ${Math.round(cohort.minProjectedLifeDays)} days of flash life ` +
        `(minimum ${gates.minProjectedFlashLifeDays}` +
        (cohort.trimmed > 0 ? `; the ${cohort.trimmed} shortest set aside` : '') +
        ')',
    );
  }
  if (failures.length > 0) return verdict('fail', failures.join('; '));
  if (writeRateIncrease === null && successRateDrop === null) {
    return verdict('inconclusive', `no comparable write or success rates against ${against} yet`);
  }
  return verdict(
    'pass',
    `within gates against ${against}: write rate ${signed(writeRateIncrease)}, success ${signed(
      successRateDrop === null ? null : -successRateDrop,
    )}, shortest flash life ${Number.isFinite(cohort.minProjectedLifeDays) ? `${Math.round(cohort.minProjectedLifeDays)} days` : 'unbounded'}`,
  );
}

function pct(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

function signed(value: number | null): string {
  return value === null ? 'n/a' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
}
