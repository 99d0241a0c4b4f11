import type { AutopilotGuardRails } from '../contract/autopilot-settings.js';
import type { PersistMode } from '../contract/wire-contract.js';
import type { FlashRecommendation, FlashSetting } from './recommend-flash-settings.js';
import type { RolloutSpecInput } from './rollout-spec.js';

/**
 * From per-robot recommendations to a few rollouts (docs/autopilot.md): robots whose next step is the
 * same setting share one policy version and one staged rollout. Pure.
 */

export interface AutopilotGroupMember {
  robotId: string;
  from: FlashSetting;
  belowTarget: boolean;
  lifeBefore: number;
  lifeAfter: number;
  successChange: number;
  writesRatio: number | null;
}

export interface AutopilotGroup {
  setting: FlashSetting;
  /** stable key of the setting, e.g. `0.60/delta-log` */
  key: string;
  robots: AutopilotGroupMember[];
  /** robots whose projected life is short of what their target still requires */
  belowTarget: number;
  predicted: {
    /** mean predicted success change over the group (curve, points as a fraction) */
    meanSuccessChange: number;
    /** shortest projected life before and after, days */
    minLifeBefore: number;
    minLifeAfter: number;
    /** largest predicted writes-per-step ratio after ÷ before over the group (null: none writes now) */
    maxWritesRatio: number | null;
    /** robots below target now that are predicted to meet it after this step */
    reachingTarget: number;
  };
}

export interface AutopilotPlan {
  groups: AutopilotGroup[];
  /** robots with a step that were left for a later round, with why */
  deferred: { robotId: string; reason: string }[];
}

export const settingKey = (s: FlashSetting) => `${s.tau.toFixed(2)}/${s.persistMode}`;

/**
 * Groups the recommendations that have a step by that step's setting, urgent groups first (most robots
 * below target, then most robots), and keeps at most `maxPolicyVersions` groups; the rest and the
 * robots already in an active rollout are deferred to a later round.
 */
export function planAutopilotRollouts(
  recommendations: readonly FlashRecommendation[],
  options: { maxPolicyVersions: number; busyRobotIds?: ReadonlySet<string> },
): AutopilotPlan {
  const deferred: AutopilotPlan['deferred'] = [];
  const byKey = new Map<string, AutopilotGroup>();
  for (const rec of recommendations) {
    if (!rec.step) continue;
    if (options.busyRobotIds?.has(rec.robotId)) {
      deferred.push({ robotId: rec.robotId, reason: 'already in an active rollout' });
      continue;
    }
    const setting = { tau: Number(rec.step.tau.toFixed(6)), persistMode: rec.step.persistMode };
    const key = settingKey(setting);
    let group = byKey.get(key);
    if (!group) {
      group = {
        setting,
        key,
        robots: [],
        belowTarget: 0,
        predicted: {
          meanSuccessChange: 0,
          minLifeBefore: Infinity,
          minLifeAfter: Infinity,
          maxWritesRatio: null,
          reachingTarget: 0,
        },
      };
      byKey.set(key, group);
    }
    const below = rec.current.lifeDays < rec.requiredLifeDays;
    group.robots.push({
      robotId: rec.robotId,
      from: { tau: rec.current.tau, persistMode: rec.current.persistMode },
      belowTarget: below,
      lifeBefore: rec.current.lifeDays,
      lifeAfter: rec.step.lifeDays,
      successChange: rec.step.successChange,
      writesRatio: rec.step.writesRatio,
    });
    if (below) group.belowTarget++;
    const p = group.predicted;
    p.minLifeBefore = Math.min(p.minLifeBefore, rec.current.lifeDays);
    p.minLifeAfter = Math.min(p.minLifeAfter, rec.step.lifeDays);
    if (rec.step.writesRatio !== null)
      p.maxWritesRatio = Math.max(p.maxWritesRatio ?? 0, rec.step.writesRatio);
    if (below && rec.step.lifeDays >= rec.requiredLifeDays) p.reachingTarget++;
  }
  for (const group of byKey.values()) {
    group.predicted.meanSuccessChange =
      group.robots.reduce((s, r) => s + r.successChange, 0) / Math.max(1, group.robots.length);
    group.robots.sort((a, b) => (a.robotId < b.robotId ? -1 : 1));
  }
  const ordered = [...byKey.values()].sort(
    (a, b) => b.belowTarget - a.belowTarget || b.robots.length - a.robots.length || (a.key < b.key ? -1 : 1),
  );
  const groups = ordered.slice(0, options.maxPolicyVersions);
  for (const group of ordered.slice(options.maxPolicyVersions)) {
    for (const r of group.robots) {
      deferred.push({
        robotId: r.robotId,
        reason: `setting ${group.key} left for a later round (at most ${options.maxPolicyVersions} policy versions per round)`,
      });
    }
  }
  return { groups, deferred };
}

/** Fewest robots a health-gate cohort needs (the rollout gates' default, see HealthGatesSchema). */
export const AUTOPILOT_MIN_ROBOTS_PER_COHORT = 3;
/**
 * Smallest group rolled out in two halves. Cohorts are drawn by a hash of (rollout, robot), so a half
 * is binomial: from 20 robots a half falls below 3 robots with probability 2·10⁻⁴, from 6 with 0.34.
 */
export const AUTOPILOT_TWO_STEP_MIN_ROBOTS = 20;

/**
 * The staged rollout of one group: two steps (half the group first, the other half its concurrent
 * control cohort) from {@link AUTOPILOT_TWO_STEP_MIN_ROBOTS} robots, else one step compared with the
 * group's own pre-rollout baseline (each robot against itself before the change). Health gates: success may fall at most
 * the guard rails' floor below the reference; the write rate may rise by what the curve predicts
 * plus half again and 10 points (a lower τ writes more on purpose); no cohort robot may project less
 * than half the shortest life predicted for the group (a screen for predictions that are badly off).
 */
export function buildAutopilotRolloutSpec(
  group: AutopilotGroup,
  options: { policyVersionId: string; bakeSeconds: number; guardRails: AutopilotGuardRails },
): RolloutSpecInput {
  const n = group.robots.length;
  const bake = options.bakeSeconds;
  const steps =
    n >= AUTOPILOT_TWO_STEP_MIN_ROBOTS
      ? [
          { percent: 50, bakeSeconds: bake },
          { percent: 100, bakeSeconds: bake },
        ]
      : [{ percent: 100, bakeSeconds: bake }];
  const ratio = group.predicted.maxWritesRatio;
  const predictedIncrease = ratio === null ? 0 : Math.max(0, ratio - 1);
  const minLife = group.predicted.minLifeAfter;
  return {
    policyVersionId: options.policyVersionId,
    target: { robotIds: group.robots.map((r) => r.robotId) },
    steps,
    gates: {
      maxSuccessRateDrop: options.guardRails.maxSuccessDrop,
      maxWriteRateIncrease: Math.min(100, Math.max(0.25, predictedIncrease * 1.5 + 0.1)),
      minProjectedFlashLifeDays: Number.isFinite(minLife) ? Math.min(36_500, Math.floor(minLife / 2)) : 0,
      minRobotsPerCohort: Math.min(
        AUTOPILOT_MIN_ROBOTS_PER_COHORT,
        Math.max(1, Math.floor(n / steps.length)),
      ),
    },
    onFailure: 'rollback',
  };
}

/** The modes of a plan's groups that change a robot's persistence (for the proposal's reason). */
export function modeChanges(group: AutopilotGroup): { from: PersistMode; robots: number }[] {
  const counts = new Map<PersistMode, number>();
  for (const r of group.robots) {
    if (r.from.persistMode !== group.setting.persistMode)
      counts.set(r.from.persistMode, (counts.get(r.from.persistMode) ?? 0) + 1);
  }
  return [...counts.entries()].map(([from, robots]) => ({ from, robots }));
}
