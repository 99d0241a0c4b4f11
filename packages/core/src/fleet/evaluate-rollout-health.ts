// jstat ships no type declarations; only its Student-t quantile is used (studentTQuantile below).
// @ts-expect-error TS7016: an untyped CommonJS module
import jStat from 'jstat';
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
  /** Standard error of `writeRate` across robots ({@link trimmedMeanSpread}); null below 2 robots. */
  writeRateStdError: number | null;
  /** Robots the spread of `writeRate` rests on (its degrees of freedom are this minus 1). */
  writeRateKept: number;
  /** Standard error of `successRate` across robots; null below 2 robots. */
  successRateStdError: number | null;
  /** Robots the spread of `successRate` rests on. */
  successRateKept: number;
  /**
   * Shortest projected flash life in days after setting aside the `trimmed` shortest (Infinity when
   * none is wearing).
   */
  minProjectedLifeDays: number;
  /**
   * Robots set aside at each end of every per-robot distribution (the rates of exactly 3 robots are
   * averaged whole: see `trimmedMean`).
   */
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

/**
 * Robots a trimmed mean of `n` sets aside at each end: {@link trimCount}, unless that would leave fewer
 * than 2 (n = 3), then none — a median of 3 has no spread between robots to test it with, and the
 * estimate must be the one its standard error ({@link trimmedMeanSpread}) belongs to.
 */
function rateTrimCount(n: number): number {
  return n - 2 * trimCount(n) >= 2 ? trimCount(n) : 0;
}

/** Mean of `values` without the {@link rateTrimCount} lowest and highest; null for none. */
export function trimmedMean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const k = rateTrimCount(sorted.length);
  const kept = sorted.slice(k, sorted.length - k);
  return kept.reduce((sum, v) => sum + v, 0) / kept.length;
}

/**
 * How precisely a trimmed mean of per-robot values is known: Yuen's standard error (the winsorized
 * variance over the robots kept, `(n−1)·s_w² / (h·(h−1))` with `h = n − 2g` kept of `n`), and `h`.
 * When trimming would leave fewer than 2 robots (n = 3), the spread is that of the plain mean (g = 0).
 * Null for fewer than 2 values: one robot says nothing about the spread between robots.
 */
export function trimmedMeanSpread(values: readonly number[]): { stdError: number; kept: number } | null {
  const n = values.length;
  if (n < 2) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const g = rateTrimCount(n);
  const h = n - 2 * g;
  const winsorized = sorted.map((v, i) => sorted[Math.min(Math.max(i, g), n - 1 - g)] ?? v);
  const mean = winsorized.reduce((sum, v) => sum + v, 0) / n;
  const variance = winsorized.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  return { stdError: Math.sqrt(((n - 1) * variance) / (h * (h - 1))), kept: h };
}

/** The error rate a step's noise tests may spend in all: a false failure at most 2.5 % of the time. */
export const GATE_ALPHA = 0.025;

/**
 * The one-sided level of a step's `look`-th tested evaluation (1 = at the end of its bake): α · 6 / (π² ·
 * look²). A waiting step is evaluated again every 15 s, and each evaluation is another chance of a
 * false failure; these levels sum to α over any number of looks (Σ 1/k² = π²/6), so the step as a
 * whole fails by chance at most α of the time — an alpha-spending rule (Bonferroni over a series).
 * Look 1: 1.52 %, 2: 0.38 %, 3: 0.17 %, 10: 0.015 %.
 */
export function lookAlpha(look: number): number {
  if (!Number.isInteger(look) || look < 1) throw new RangeError('look must be a positive integer');
  return (GATE_ALPHA * 6) / (Math.PI ** 2 * look ** 2);
}

/** Student's t quantile: P(T ≤ x) = p at `df` degrees of freedom (jstat). */
export function studentTQuantile(p: number, df: number): number {
  return (jStat as { studentt: { inv(p: number, df: number): number } }).studentt.inv(p, df);
}

/**
 * Is `cohort − reference` (a difference of trimmed means, positive = worse) above noise? One-sided
 * Yuen–Welch t-test at level `alpha` (2.5 % unless given; the gates pass {@link lookAlpha}): t = diff /
 * √(se₁² + se₂²) against Student's t at Welch's degrees of freedom (rounded down, so never more
 * lenient). No spread on either side → `significant: false` with t null (cannot tell).
 */
export function differenceAboveNoise(
  diff: number,
  cohort: { stdError: number | null; kept: number },
  reference: { stdError: number | null; kept: number },
  alpha = GATE_ALPHA,
): NoiseTest {
  if (cohort.stdError === null || reference.stdError === null) {
    return { t: null, df: null, critical: null, significant: false };
  }
  const d1 = cohort.stdError ** 2;
  const d2 = reference.stdError ** 2;
  if (d1 + d2 === 0) return { t: null, df: null, critical: null, significant: diff > 0 };
  const t = diff / Math.sqrt(d1 + d2);
  const df = (d1 + d2) ** 2 / (d1 ** 2 / (cohort.kept - 1) + d2 ** 2 / (reference.kept - 1));
  const critical = studentTQuantile(1 - alpha, Math.max(1, Math.floor(df)));
  return { t, df, critical, significant: t > critical };
}

/** The noise test behind a write-rate or success-rate gate ({@link differenceAboveNoise}). */
export interface NoiseTest {
  /** Difference over its standard error; null when either side has no spread to test with. */
  t: number | null;
  /** Welch's degrees of freedom. */
  df: number | null;
  /** t must exceed this (Student's t, 1 − α quantile at ⌊df⌋). */
  critical: number | null;
  significant: boolean;
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
  const writeRates = perRobot.filter((r) => r.steps > 0).map((r) => r.writes / r.steps);
  const successRates = perRobot
    .filter((r) => r.episodesCompleted > 0)
    .map((r) => r.episodesSucceeded / r.episodesCompleted);
  const writeSpread = trimmedMeanSpread(writeRates);
  const successSpread = trimmedMeanSpread(successRates);
  return {
    robots,
    reporting: perRobot.length,
    steps: sum((r) => r.steps),
    writes: sum((r) => r.writes),
    episodesCompleted: sum((r) => r.episodesCompleted),
    episodesSucceeded: sum((r) => r.episodesSucceeded),
    samples: sum((r) => Math.min(r.steps, SAMPLE_CAP_OVER_MEDIAN * stepsMedian)),
    writeRate: trimmedMean(writeRates),
    successRate: trimmedMean(successRates),
    writeRateStdError: writeSpread?.stdError ?? null,
    writeRateKept: writeSpread?.kept ?? writeRates.length,
    successRateStdError: successSpread?.stdError ?? null,
    successRateKept: successSpread?.kept ?? successRates.length,
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
    /** Whether the write-rate difference is above noise (null: no rates to compare). */
    writeRateTest: NoiseTest | null;
    /** Whether the success-rate drop is above noise (null: no rates to compare). */
    successRateTest: NoiseTest | null;
    /**
     * Which tested evaluation of the step this was ({@link lookAlpha}) and the level its tests used;
     * null when it stopped before testing (too few robots or samples), which spends nothing.
     */
    look: number | null;
    alpha: number | null;
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
  look = 1,
): HealthVerdict {
  const alpha = lookAlpha(look);
  const writeRateIncrease =
    cohort.writeRate !== null && reference.writeRate !== null && reference.writeRate > 0
      ? cohort.writeRate / reference.writeRate - 1
      : null;
  const successRateDrop =
    cohort.successRate !== null && reference.successRate !== null
      ? reference.successRate - cohort.successRate
      : null;
  const writeRateTest =
    cohort.writeRate !== null && reference.writeRate !== null
      ? differenceAboveNoise(
          cohort.writeRate - reference.writeRate,
          { stdError: cohort.writeRateStdError, kept: cohort.writeRateKept },
          { stdError: reference.writeRateStdError, kept: reference.writeRateKept },
          alpha,
        )
      : null;
  const successRateTest =
    successRateDrop !== null
      ? differenceAboveNoise(
          successRateDrop,
          { stdError: cohort.successRateStdError, kept: cohort.successRateKept },
          { stdError: reference.successRateStdError, kept: reference.successRateKept },
          alpha,
        )
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
    writeRateTest,
    successRateTest,
  };
  const verdict = (result: VerdictResult, reason: string, tested = true): HealthVerdict => ({
    result,
    reason,
    comparison,
    numbers: { ...numbers, look: tested ? look : null, alpha: tested ? alpha : null },
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
        false,
      );
    }
    if (stats.samples < gates.minSamplesPerCohort) {
      return verdict(
        'inconclusive',
        `${name}: ${Math.round(stats.samples)} steps of telemetry, ${gates.minSamplesPerCohort} needed ` +
          `(each robot counted up to ${SAMPLE_CAP_OVER_MEDIAN}× the median robot)`,
        false,
      );
    }
  }

  const failures: string[] = [];
  /** Limits exceeded by differences within noise across robots: not a failure (yet). */
  const withinNoise: string[] = [];
  const judge = (message: string, test: NoiseTest | null) => {
    if (!gates.requireSignificance || test?.significant) failures.push(message);
    else withinNoise.push(`${message}, but within noise across robots (${noise(test, look)})`);
  };
  if (writeRateIncrease !== null && writeRateIncrease > gates.maxWriteRateIncrease) {
    judge(
      `write rate ${pct(cohort.writeRate)} per step is ${pct(writeRateIncrease)} above ${against} ` +
        `(${pct(reference.writeRate)}; limit +${pct(gates.maxWriteRateIncrease)})`,
      writeRateTest,
    );
  }
  if (successRateDrop !== null && successRateDrop > gates.maxSuccessRateDrop) {
    judge(
      `success rate ${pct(cohort.successRate)} is ${pct(successRateDrop)} points below ${against} ` +
        `(${pct(reference.successRate)}; limit ${pct(gates.maxSuccessRateDrop)})`,
      successRateTest,
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
  if (withinNoise.length > 0) {
    return verdict('inconclusive', `${withinNoise.join('; ')}: waiting for more telemetry`);
  }
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

function noise(test: NoiseTest | null, look: number): string {
  if (test === null || test.t === null) return 'too few robots with rates to measure their spread';
  return `t = ${test.t.toFixed(2)}, needs > ${test.critical?.toFixed(2)} at ${test.df?.toFixed(1)} degrees of freedom, look ${look}`;
}

function pct(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

function signed(value: number | null): string {
  return value === null ? 'n/a' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
}
