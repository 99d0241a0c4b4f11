import { describe, expect, it } from 'vitest';
import { assignRolloutCohorts, cohortStep, rolloutBucket } from './assign-rollout-cohorts.js';
import { type CohortStats, evaluateRolloutHealth } from './evaluate-rollout-health.js';
import { HealthGatesSchema, insideApplyWindow, RolloutSpecSchema } from './rollout-spec.js';
import { describeIssues } from './wire-contract.js';

const versionId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('rollout spec', () => {
  it('fills sane defaults', () => {
    const spec = RolloutSpecSchema.parse({
      policyVersionId: versionId,
      target: { tags: ['site.a'] },
      steps: [
        { percent: 10, bakeSeconds: 600 },
        { percent: 100, bakeSeconds: 600 },
      ],
    });
    expect(spec.onFailure).toBe('rollback');
    expect(spec.gates).toMatchObject({ maxWriteRateIncrease: 0.25, minSamplesPerCohort: 1000 });
  });

  it('names each problem precisely', () => {
    const result = RolloutSpecSchema.safeParse({
      policyVersionId: 'nope',
      target: {},
      steps: [
        { percent: 50, bakeSeconds: 60 },
        { percent: 40, bakeSeconds: 60 },
        { percent: 90, bakeSeconds: -1 },
      ],
      onFailure: 'panic',
    });
    const issues = describeIssues(result.error!);
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['policyVersionId', 'target', 'steps[2].bakeSeconds', 'onFailure']),
    );
    const ordered = RolloutSpecSchema.safeParse({
      policyVersionId: versionId,
      target: { tags: ['a'] },
      steps: [
        { percent: 50, bakeSeconds: 60 },
        { percent: 40, bakeSeconds: 60 },
      ],
    });
    expect(describeIssues(ordered.error!)).toEqual([
      { path: 'steps[1].percent', message: "must be greater than the previous step's 50" },
      { path: 'steps[1].percent', message: 'the last step must be 100' },
    ]);
  });

  it('knows its UTC apply window, also across midnight', () => {
    expect(insideApplyWindow(undefined, new Date())).toBe(true);
    const night = { start: '22:00', end: '06:00' };
    expect(insideApplyWindow(night, new Date('2026-11-24T23:30:00Z'))).toBe(true);
    expect(insideApplyWindow(night, new Date('2026-11-24T05:59:00Z'))).toBe(true);
    expect(insideApplyWindow(night, new Date('2026-11-24T12:00:00Z'))).toBe(false);
  });
});

describe('cohort assignment', () => {
  const steps = [{ percent: 10 }, { percent: 50 }, { percent: 100 }];
  const robots = Array.from(
    { length: 2000 },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );

  it('is stable and spreads robots by percentage', () => {
    const a = assignRolloutCohorts('r1', robots, steps);
    const b = assignRolloutCohorts('r1', robots, steps);
    expect([...a]).toEqual([...b]);
    const counts = [0, 0, 0];
    for (const step of a.values()) counts[step]!++;
    expect(counts[0]! / robots.length).toBeGreaterThan(0.07);
    expect(counts[0]! / robots.length).toBeLessThan(0.13);
    expect((counts[0]! + counts[1]!) / robots.length).toBeGreaterThan(0.45);
    expect((counts[0]! + counts[1]!) / robots.length).toBeLessThan(0.55);
  });

  it('only adds robots when a percentage is raised, and differs between rollouts', () => {
    const before = assignRolloutCohorts('r1', robots, [{ percent: 10 }, { percent: 100 }]);
    const after = assignRolloutCohorts('r1', robots, [{ percent: 20 }, { percent: 100 }]);
    for (const [robot, step] of before) if (step === 0) expect(after.get(robot)).toBe(0);
    // Each rollout draws its own sample: a robot early in one is not early in every rollout.
    const differing = robots.filter((robot) => rolloutBucket('r1', robot) !== rolloutBucket('r2', robot));
    expect(differing.length / robots.length).toBeGreaterThan(0.9);
    expect(() => cohortStep(99, [{ percent: 50 }])).toThrow(/no step/);
  });
});

describe('rollout health verdict', () => {
  const gates = HealthGatesSchema.parse({ minRobotsPerCohort: 2, minSamplesPerCohort: 1000 });
  const stats = (overrides: Partial<CohortStats> = {}): CohortStats => ({
    robots: 5,
    reporting: 5,
    steps: 10_000,
    writes: 2_000,
    episodesCompleted: 100,
    episodesSucceeded: 80,
    minProjectedLifeDays: 3650,
    ...overrides,
  });

  it('passes within gates and says against what', () => {
    const verdict = evaluateRolloutHealth(stats({ writes: 2200 }), stats(), gates, 'control');
    expect(verdict.result).toBe('pass');
    expect(verdict.reason).toContain('control cohort');
    expect(verdict.numbers.writeRateIncrease).toBeCloseTo(0.1);
  });

  it('fails on each gate with the numbers in the reason', () => {
    const writes = evaluateRolloutHealth(stats({ writes: 3000 }), stats(), gates, 'control');
    expect(writes.result).toBe('fail');
    expect(writes.reason).toMatch(/write rate 30\.0% per step is 50\.0% above the control cohort/);
    const success = evaluateRolloutHealth(stats({ episodesSucceeded: 60 }), stats(), gates, 'baseline');
    expect(success.result).toBe('fail');
    expect(success.reason).toContain('pre-rollout baseline');
    const flash = evaluateRolloutHealth(stats({ minProjectedLifeDays: 90 }), stats(), gates, 'control');
    expect(flash.reason).toContain('90 days of flash life');
  });

  it('is inconclusive with too few robots or samples, reporting unreachable robots', () => {
    const few = evaluateRolloutHealth(stats({ reporting: 1 }), stats(), gates, 'control');
    expect(few).toMatchObject({ result: 'inconclusive', numbers: { unreachable: 4 } });
    expect(few.reason).toContain('4 unreachable');
    const thin = evaluateRolloutHealth(stats(), stats({ steps: 10 }), gates, 'control');
    expect(thin.result).toBe('inconclusive');
    const empty = evaluateRolloutHealth(
      stats({ episodesCompleted: 0, episodesSucceeded: 0 }),
      stats({ writes: 0, episodesCompleted: 0, episodesSucceeded: 0 }),
      gates,
      'control',
    );
    expect(empty.result).toBe('inconclusive');
  });
});
