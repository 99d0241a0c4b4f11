import { describe, expect, it } from 'vitest';
import { studentT975 } from '../memory/mean-ci95.js';
import {
  differenceAboveNoise,
  evaluateRolloutHealth,
  GATE_ALPHA,
  lookAlpha,
  type RobotWindowStats,
  studentTQuantile,
  summarizeCohort,
  trimCount,
  trimmedMean,
  trimmedMeanSpread,
} from './evaluate-rollout-health.js';
import { HealthGatesSchema } from './rollout-spec.js';

/** An honest robot: `steps` steps at write rate `writeRate`, `episodes` episodes at `success`. */
const robot = (writeRate: number, success: number, overrides: Partial<RobotWindowStats> = {}) => ({
  steps: 1000,
  writes: Math.round(1000 * writeRate),
  episodesCompleted: 20,
  episodesSucceeded: Math.round(20 * success),
  projectedLifeDays: 3650,
  ...overrides,
});
const cohortOf = (robots: RobotWindowStats[], members = robots.length) => summarizeCohort(members, robots);
/** n robots whose rates vary a little around the given ones (deterministic). */
const fleet = (n: number, writeRate: number, success: number) =>
  Array.from({ length: n }, (_, i) => robot(writeRate * (1 + ((i % 5) - 2) * 0.02), success));

describe('summarizeCohort', () => {
  it('trims at least one robot per side from 3 robots, 10 % from 20', () => {
    expect([1, 2, 3, 9, 10, 20, 35].map(trimCount)).toEqual([0, 0, 1, 1, 1, 2, 3]);
    expect(trimmedMean([1, 2, 100, 3])).toBe(2.5);
    expect(trimmedMean([])).toBeNull();
  });

  it('does not trim the rates of 3 robots: the estimate is the one its standard error belongs to', () => {
    // A median of 3 (one robot) has no spread to test with; its mean has. The demo's step of 3
    // robots (2026-12-02 02:18 UTC) rolled back on a median success rate of 0 % while the cohort
    // had 3 of 32 episodes succeed — t computed with the mean's standard error.
    expect(trimmedMean([1, 2, 100])).toBeCloseTo(103 / 3);
    expect(trimmedMeanSpread([1, 2, 100])?.kept).toBe(3);
    const cohort = cohortOf([robot(0.2, 0), robot(0.2, 0), robot(0.2, 0.3)]);
    expect(cohort.successRate).toBeCloseTo(0.1);
  });

  it('aggregates per-robot rates, caps samples at twice the median robot and keeps raw sums', () => {
    const stats = cohortOf([
      robot(0.2, 0.8),
      robot(0.3, 0.9),
      robot(0.25, 0.85, { steps: 2000, writes: 500 }),
    ]);
    expect(stats).toMatchObject({ robots: 3, reporting: 3, steps: 4000, trimmed: 1 });
    expect(stats.writeRate).toBeCloseTo(0.25);
    expect(stats.samples).toBe(4000);
    const flood = cohortOf([robot(0.2, 0.8), robot(0.2, 0.8), robot(0.2, 0.8, { steps: 1e9, writes: 0 })]);
    expect(flood.samples).toBe(1000 + 1000 + 2000);
    expect(flood.steps).toBe(1e9 + 2000);
  });

  it('leaves out robots without steps or episodes from those rates; unreachable members are counted', () => {
    const stats = cohortOf(
      [robot(0.2, 0.8), robot(0, 0, { steps: 0, writes: 0, episodesCompleted: 0, episodesSucceeded: 0 })],
      5,
    );
    expect(stats).toMatchObject({ robots: 5, reporting: 2, writeRate: 0.2, successRate: 0.8 });
  });
});

describe('noise between robots', () => {
  it("gives Yuen's standard error of a trimmed mean, and the plain mean's where trimming leaves < 2", () => {
    // n = 5, one set aside per end: winsorized 2 2 3 4 4, variance 1, se = √(4·1 / (3·2)).
    expect(trimmedMeanSpread([10, 1, 3, 2, 4])).toEqual({
      stdError: expect.closeTo(Math.sqrt(2 / 3), 12),
      kept: 3,
    });
    // n = 3: the trimmed mean is the median, but the spread is the mean's: sd/√n = 1/√3.
    expect(trimmedMeanSpread([1, 2, 3])).toEqual({ stdError: expect.closeTo(1 / Math.sqrt(3), 12), kept: 3 });
    expect(trimmedMeanSpread([0.4])).toBeNull();
  });

  it("tests a difference one-sided at Welch's degrees of freedom, rounded down", () => {
    // se² 0.01 + 0.01, df = 0.0004 / (0.0001/4 + 0.0001/4) = 8: t(0.975, 8) = 2.306.
    const side = { stdError: 0.1, kept: 5 };
    expect(differenceAboveNoise(0.33, side, side)).toMatchObject({
      df: 8,
      critical: expect.closeTo(2.306, 3),
      significant: true,
    });
    expect(differenceAboveNoise(0.32, side, side).significant).toBe(false); // t = 2.26
    expect(differenceAboveNoise(-0.5, side, side).significant).toBe(false); // better, not worse
    expect(differenceAboveNoise(0.01, { stdError: 0, kept: 4 }, { stdError: 0, kept: 4 })).toMatchObject({
      t: null,
      significant: true,
    });
    expect(differenceAboveNoise(0.5, { stdError: null, kept: 1 }, side)).toMatchObject({
      significant: false,
    });
  });
});

describe('rollout health verdict', () => {
  const gates = HealthGatesSchema.parse({ minRobotsPerCohort: 2, minSamplesPerCohort: 1000 });

  it('passes within gates and says against what', () => {
    const verdict = evaluateRolloutHealth(
      cohortOf(fleet(5, 0.22, 0.8)),
      cohortOf(fleet(5, 0.2, 0.8)),
      gates,
      'control',
    );
    expect(verdict.result).toBe('pass');
    expect(verdict.reason).toContain('control cohort');
    expect(verdict.numbers.writeRateIncrease).toBeCloseTo(0.1);
  });

  it('fails on each gate with the numbers in the reason', () => {
    const control = cohortOf(fleet(5, 0.2, 0.8));
    const writes = evaluateRolloutHealth(cohortOf(fleet(5, 0.3, 0.8)), control, gates, 'control');
    expect(writes.result).toBe('fail');
    expect(writes.reason).toMatch(/write rate 30\.0% per step is 50\.0% above the control cohort/);
    const success = evaluateRolloutHealth(cohortOf(fleet(5, 0.2, 0.6)), control, gates, 'baseline');
    expect(success.result).toBe('fail');
    expect(success.reason).toContain('pre-rollout baseline');
    const worn = fleet(5, 0.2, 0.8).map((r, i) => ({ ...r, projectedLifeDays: i < 2 ? 90 : 3650 }));
    const flash = evaluateRolloutHealth(cohortOf(worn), control, gates, 'control');
    expect(flash.result).toBe('fail');
    expect(flash.reason).toContain('90 days of flash life');
    expect(flash.reason).toContain('the 1 shortest set aside');
  });

  /** Robots whose success rates differ a lot from one another (as small mixed fleets do). */
  const spread = (successes: number[], writeRate = 0.2) => successes.map((s) => robot(writeRate, s));

  it('is inconclusive, not failed, when a limit is exceeded within the noise between robots', () => {
    // Means 0.20 vs 0.35 (a 15-point drop, limit 5) but robots range 0.05-0.6 on each side.
    const cohort = cohortOf(spread([0.05, 0.35, 0.2]));
    const control = cohortOf(spread([0.6, 0.1, 0.35]));
    const verdict = evaluateRolloutHealth(cohort, control, gates, 'control');
    expect(verdict.result, verdict.reason).toBe('inconclusive');
    expect(verdict.reason).toMatch(
      /success rate 20\.0% is 15\.0% points below the control cohort .*within noise across robots \(t = 0\.\d+, needs > \d/,
    );
    expect(verdict.numbers.successRateTest).toMatchObject({ significant: false });
    const bare = HealthGatesSchema.parse({ ...gates, requireSignificance: false });
    expect(evaluateRolloutHealth(cohort, control, bare, 'control').result).toBe('fail');
  });

  it('fails on 3 robots per side when the drop is large and consistent', () => {
    const verdict = evaluateRolloutHealth(
      cohortOf(spread([0.1, 0.15, 0.12])),
      cohortOf(spread([0.55, 0.6, 0.5])),
      gates,
      'control',
    );
    expect(verdict.result, verdict.reason).toBe('fail');
    expect(verdict.numbers.successRateTest?.significant).toBe(true);
    expect(verdict.numbers.successRateTest?.t).toBeGreaterThan(
      verdict.numbers.successRateTest?.critical ?? 0,
    );
  });

  it('spends 2.5 % over all the looks at a waiting step: each later look needs a larger t', () => {
    // Student's t from jstat agrees with the 97.5 % table the rest of the code uses
    for (let df = 1; df <= 30; df++) expect(studentTQuantile(0.975, df)).toBeCloseTo(studentT975(df), 2);
    expect(lookAlpha(1)).toBeCloseTo(0.0152, 4);
    expect(lookAlpha(2)).toBeCloseTo(lookAlpha(1) / 4);
    let spent = 0;
    for (let look = 1; look <= 100_000; look++) spent += lookAlpha(look);
    expect(spent).toBeLessThan(GATE_ALPHA);
    expect(spent).toBeGreaterThan(GATE_ALPHA * 0.9999);
    expect(() => lookAlpha(0)).toThrow(RangeError);

    // Like the demo's false rollback (2026-12-02 15:08 UTC): 3 robots at 10 % success against 9 at
    // 24 %, t = 2.63 at 7 degrees of freedom: significant at 2.5 % (> 2.36), as it was on every look
    // before; spending the level across looks it needs > 2.71 at the first look and > 3.71 at the second.
    const cohort = cohortOf(spread([0.05, 0.1, 0.15]));
    const control = cohortOf(spread([0.4, 0.1, 0.35, 0.15, 0.3, 0.1, 0.35, 0.2, 0.25]));
    const everyLookAt25 = differenceAboveNoise(
      (control.successRate ?? 0) - (cohort.successRate ?? 0),
      { stdError: cohort.successRateStdError, kept: cohort.successRateKept },
      { stdError: control.successRateStdError, kept: control.successRateKept },
    );
    expect(everyLookAt25.significant).toBe(true);
    for (const look of [1, 2]) {
      const verdict = evaluateRolloutHealth(cohort, control, gates, 'control', look);
      expect(verdict.result, verdict.reason).toBe('inconclusive');
      expect(verdict.reason).toContain(`look ${look}`);
      expect(verdict.numbers).toMatchObject({ look, alpha: lookAlpha(look) });
    }
    // a large, consistent drop still fails at the first look and at a late one
    const broken = cohortOf(spread([0.1, 0.15, 0.12]));
    const healthy = cohortOf(spread([0.55, 0.6, 0.5]));
    expect(evaluateRolloutHealth(broken, healthy, gates, 'control', 1).result).toBe('fail');
    expect(evaluateRolloutHealth(broken, healthy, gates, 'control', 5).result).toBe('fail');
  });

  it('fails on the significant gate when another limit is exceeded only within noise', () => {
    const cohort = cohortOf([robot(0.4, 0.05), robot(0.41, 0.35), robot(0.42, 0.2)]);
    const control = cohortOf([robot(0.2, 0.6), robot(0.21, 0.1), robot(0.22, 0.35)]);
    const verdict = evaluateRolloutHealth(cohort, control, gates, 'control');
    expect(verdict.result).toBe('fail');
    expect(verdict.reason).toMatch(/write rate .* above the control cohort/);
    expect(verdict.reason).not.toContain('success rate');
  });

  it('is inconclusive with too few robots or samples, reporting unreachable robots', () => {
    const few = evaluateRolloutHealth(
      cohortOf(fleet(1, 0.2, 0.8), 5),
      cohortOf(fleet(5, 0.2, 0.8)),
      gates,
      'control',
    );
    expect(few).toMatchObject({ result: 'inconclusive', numbers: { unreachable: 4 } });
    expect(few.reason).toContain('4 unreachable');
    const thin = fleet(5, 0.2, 0.8).map((r) => ({ ...r, steps: 10, writes: 2 }));
    expect(evaluateRolloutHealth(cohortOf(fleet(5, 0.2, 0.8)), cohortOf(thin), gates, 'control').result).toBe(
      'inconclusive',
    );
    const noEpisodes = fleet(5, 0.2, 0.8).map((r) => ({ ...r, episodesCompleted: 0, episodesSucceeded: 0 }));
    const noWrites = noEpisodes.map((r) => ({ ...r, writes: 0 }));
    expect(evaluateRolloutHealth(cohortOf(noEpisodes), cohortOf(noWrites), gates, 'control').result).toBe(
      'inconclusive',
    );
  });

  describe('one lying robot in a cohort of 20 cannot flip a verdict', () => {
    const defaults = HealthGatesSchema.parse({});
    const control = cohortOf(fleet(20, 0.2, 0.8));
    const liars: [string, RobotWindowStats][] = [
      ['a billion steps without a write', robot(0, 0.8, { steps: 1_000_000_000, writes: 0 })],
      ['a billion steps, every one a write', robot(1, 0.8, { steps: 1_000_000_000, writes: 1_000_000_000 })],
      [
        'a million episodes, all failed',
        robot(0.2, 0, { episodesCompleted: 1_000_000, episodesSucceeded: 0 }),
      ],
      [
        'a million episodes, all succeeded',
        robot(0.2, 1, { episodesCompleted: 1_000_000, episodesSucceeded: 1_000_000 }),
      ],
      ['flash worn out tomorrow', robot(0.2, 0.8, { projectedLifeDays: 1 })],
      [
        'everything at once',
        robot(1, 0, { steps: 1e9, writes: 1e9, episodesCompleted: 1e6, projectedLifeDays: 0 }),
      ],
    ];
    const withLiar = (honest: RobotWindowStats[], liar: RobotWindowStats) =>
      cohortOf([...honest.slice(1), liar]);

    it.each(liars)('a passing step stays passing: %s', (_, liar) => {
      const honest = fleet(20, 0.21, 0.79);
      expect(evaluateRolloutHealth(cohortOf(honest), control, defaults, 'control').result).toBe('pass');
      const verdict = evaluateRolloutHealth(withLiar(honest, liar), control, defaults, 'control');
      expect(verdict.result, verdict.reason).toBe('pass');
    });

    it.each(liars)('a failing step stays failing: %s', (_, liar) => {
      const honest = fleet(20, 0.3, 0.6);
      expect(evaluateRolloutHealth(cohortOf(honest), control, defaults, 'control').result).toBe('fail');
      const verdict = evaluateRolloutHealth(withLiar(honest, liar), control, defaults, 'control');
      expect(verdict.result, verdict.reason).toBe('fail');
    });

    it.each(liars)('a liar in the control cohort changes nothing either: %s', (_, liar) => {
      const passing = cohortOf(fleet(20, 0.21, 0.79));
      const failing = cohortOf(fleet(20, 0.3, 0.6));
      const lyingControl = withLiar(fleet(20, 0.2, 0.8), liar);
      expect(evaluateRolloutHealth(passing, lyingControl, defaults, 'control').result).toBe('pass');
      expect(evaluateRolloutHealth(failing, lyingControl, defaults, 'control').result).toBe('fail');
    });

    it('cannot meet the sample minimum alone', () => {
      const quiet = fleet(20, 0.2, 0.8).map((r) => ({ ...r, steps: 20, writes: 4 }));
      const gatesWithSamples = HealthGatesSchema.parse({ minSamplesPerCohort: 1000 });
      expect(evaluateRolloutHealth(cohortOf(quiet), control, gatesWithSamples, 'control').result).toBe(
        'inconclusive',
      );
      const flooded = withLiar(quiet, robot(0.2, 0.8, { steps: 1e9, writes: 2e8 }));
      const verdict = evaluateRolloutHealth(flooded, control, gatesWithSamples, 'control');
      expect(verdict.result, verdict.reason).toBe('inconclusive');
    });
  });
});
