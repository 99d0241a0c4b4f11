import { describe, expect, it } from 'vitest';
import { AutopilotGuardRailsSchema } from '../contract/autopilot-settings.js';
import type { MeasuredWear } from './measure-robot-wear.js';
import { buildAutopilotRolloutSpec, planAutopilotRollouts } from './plan-autopilot-rollouts.js';
import type { FlashRecommendation } from './recommend-flash-settings.js';
import { RolloutSpecSchema } from './rollout-spec.js';

const rails = AutopilotGuardRailsSchema.parse({});
const pv = '00000000-0000-4000-8000-000000000001';
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** What the planner never reads, as measured for a robot wearing 1e-4 of its endurance a day. */
const measured: MeasuredWear = {
  spanDays: 7,
  stepsPerSecond: 10,
  writesPerStep: 0.2,
  episodesPerStep: 0.01,
  successRate: 0.7,
  hostBytesPerSecond: 1e9 / 86_400,
  wearPerDay: 1e-4,
  wearSource: 'estimate',
  deviceSource: null,
  wearNow: 0.1,
  remaining: 0.9,
  wearPerHostByte: 1e-13,
  notes: [],
};

function rec(
  i: number,
  step: { tau: number; persistMode: 'snapshot' | 'delta-log' } | null,
  below: boolean,
): FlashRecommendation {
  const prediction = (tau: number, mode: 'snapshot' | 'delta-log', life: number) => ({
    tau,
    persistMode: mode,
    lifeDays: life,
    wearPerDay: 1e-4,
    hostBytesPerDay: 1e9,
    writesPerStep: 0.2,
    successRate: 0.7,
    successLo: 0.65,
    successHi: 0.75,
  });
  return {
    robotId: id(i),
    status: step ? 'change' : 'hold',
    reason: 'r',
    requiredLifeDays: 1000,
    targetDays: 1000,
    current: {
      ...prediction(0.5, 'snapshot', below ? 500 : 5000),
      meetsTarget: !below,
      persistModeSource: 'reported',
    },
    goal: step ? prediction(step.tau, step.persistMode, 1200) : null,
    step: step
      ? { ...prediction(step.tau, step.persistMode, 1200), successChange: -0.02, writesRatio: 0.8 }
      : null,
    rolloutsToGoal: step ? 1 : 0,
    bestAchievableLifeDays: 1200,
    measured,
  };
}

describe('planAutopilotRollouts', () => {
  const recs = [
    ...Array.from({ length: 21 }, (_, i) => rec(i + 100, { tau: 0.6, persistMode: 'snapshot' }, true)),
    rec(7, { tau: 0.6, persistMode: 'snapshot' }, true),
    ...[8, 9].map((i) => rec(i, { tau: 0.45, persistMode: 'snapshot' }, false)),
    ...[10, 11, 12].map((i) => rec(i, { tau: 0.5, persistMode: 'delta-log' }, false)),
    rec(13, null, false),
  ];

  it('groups robots by their next setting, urgent groups first, and defers the rest', () => {
    const plan = planAutopilotRollouts(recs, { maxPolicyVersions: 2, busyRobotIds: new Set([id(7)]) });
    expect(plan.groups.map((g) => g.key)).toEqual(['0.60/snapshot', '0.50/delta-log']);
    expect(plan.groups[0]!.robots).toHaveLength(21);
    expect(plan.groups[0]!.belowTarget).toBe(21);
    expect(plan.groups[0]!.predicted.reachingTarget).toBe(21);
    expect(plan.groups[0]!.predicted.minLifeBefore).toBe(500);
    expect(plan.deferred.map((d) => d.robotId).sort()).toEqual([id(7), id(8), id(9)]);
    expect(plan.deferred.find((d) => d.robotId === id(7))!.reason).toMatch(/active rollout/);
    expect(plan.deferred.find((d) => d.robotId === id(8))!.reason).toMatch(/later round/);
  });

  it('builds valid staged rollouts: two halves with a control cohort, or one step against the baseline', () => {
    const plan = planAutopilotRollouts(recs, { maxPolicyVersions: 4 });
    const big = buildAutopilotRolloutSpec(plan.groups[0]!, {
      policyVersionId: pv,
      bakeSeconds: 600,
      guardRails: rails,
    });
    const parsed = RolloutSpecSchema.parse(big);
    expect(parsed.steps.map((s) => s.percent)).toEqual([50, 100]);
    expect(parsed.target.robotIds).toHaveLength(22);
    expect(parsed.gates.maxSuccessRateDrop).toBe(rails.maxSuccessDrop);
    expect(parsed.gates.minProjectedFlashLifeDays).toBe(600);
    expect(parsed.onFailure).toBe('rollback');
    const small = plan.groups.find((g) => g.key === '0.45/snapshot')!;
    const one = RolloutSpecSchema.parse(
      buildAutopilotRolloutSpec(small, { policyVersionId: pv, bakeSeconds: 600, guardRails: rails }),
    );
    expect(one.steps).toEqual([{ percent: 100, bakeSeconds: 600 }]);
    expect(one.gates.minRobotsPerCohort).toBe(2);
  });

  it('lets the write rate rise by what a lower τ is predicted to add', () => {
    const up = rec(1, { tau: 0.3, persistMode: 'snapshot' }, false);
    up.step!.writesRatio = 2;
    const plan = planAutopilotRollouts([up], { maxPolicyVersions: 1 });
    const spec = buildAutopilotRolloutSpec(plan.groups[0]!, {
      policyVersionId: pv,
      bakeSeconds: 0,
      guardRails: rails,
    });
    expect(spec.gates!.maxWriteRateIncrease).toBeCloseTo(1.6, 12);
  });
});
