import type { HealthGates } from './rollout-spec.js';

/** Telemetry of one cohort over the evaluation window, summed over its reporting robots. */
export interface CohortStats {
  /** Robots in the cohort (switched, or control). */
  robots: number;
  /** Robots that sent telemetry in the window; the rest are unreachable. */
  reporting: number;
  steps: number;
  writes: number;
  episodesCompleted: number;
  episodesSucceeded: number;
  /** Shortest projected flash life among reporting robots, in days (Infinity when not wearing). */
  minProjectedLifeDays: number;
}

export type VerdictResult = 'pass' | 'fail' | 'inconclusive';

export interface HealthVerdict {
  result: VerdictResult;
  /** One sentence an operator can act on. */
  reason: string;
  /** Whether the comparison was against the concurrent control cohort or the cohort's own baseline. */
  comparison: 'control' | 'baseline';
  numbers: {
    cohort: CohortStats & { writeRate: number | null; successRate: number | null };
    reference: CohortStats & { writeRate: number | null; successRate: number | null };
    unreachable: number;
    writeRateIncrease: number | null;
    successRateDrop: number | null;
  };
  gates: HealthGates;
}

const rate = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);

function describe(stats: CohortStats) {
  return {
    ...stats,
    writeRate: rate(stats.writes, stats.steps),
    successRate: rate(stats.episodesSucceeded, stats.episodesCompleted),
  };
}

/**
 * Compares a step's cohort (robots on the new version) with its reference: the concurrent control
 * cohort (targets not yet switched), or — when a step leaves no control robots — the cohort's own
 * pre-rollout baseline. Too few robots or samples → inconclusive, never pass or fail; unreachable
 * robots are reported, not counted.
 */
export function evaluateRolloutHealth(
  cohortStats: CohortStats,
  referenceStats: CohortStats,
  gates: HealthGates,
  comparison: 'control' | 'baseline',
): HealthVerdict {
  const cohort = describe(cohortStats);
  const reference = describe(referenceStats);
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
    if (stats.steps < gates.minSamplesPerCohort) {
      return verdict(
        'inconclusive',
        `${name}: ${stats.steps} steps of telemetry, ${gates.minSamplesPerCohort} needed`,
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
        `(minimum ${gates.minProjectedFlashLifeDays})`,
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
