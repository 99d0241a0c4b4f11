import type { AutopilotGuardRails } from '../contract/autopilot-settings.js';
import type { PersistMode } from '../contract/wire-contract.js';
import type { MeasuredWear } from './measure-robot-wear.js';
import { predictAtTau, type TauCurve } from './tau-curve.js';

/**
 * The flash-life autopilot's decision rule (docs/autopilot.md): for one robot, the gate threshold τ —
 * and, when τ alone cannot meet the life target, the persistence mode — that meets its flash-life
 * target with the most predicted task success, inside the operator's guard rails. Pure.
 *
 * Prediction: the robot's measured bytes are split into gate writes (its observed writes per step ×
 * the curve's bytes per write in its mode), episode-end resets (one state write per episode) and
 * the rest (outbox, config: kept as measured). At a candidate (τ', mode') the gate writes scale with
 * the curve's writes per step at τ' ÷ at the current τ, bytes per write follow the mode, and wear per
 * byte is the robot's own (measured wear rate ÷ measured bytes). Success is the curve's at τ'.
 */

export interface FlashSetting {
  tau: number;
  persistMode: PersistMode;
}

/** A setting whose rollout failed (or was dismissed) for this robot: not proposed again (see {@link blockStillApplies}). */
export interface FailedSetting {
  fromTau: number;
  toTau: number;
  /** the mode the move went to, and the mode the robot was in */
  persistMode: PersistMode;
  fromPersistMode: PersistMode;
}

export interface RobotFlashInputs {
  robotId: string;
  current: FlashSetting;
  /** where the current persistence mode came from */
  persistModeSource: 'reported' | 'policy' | 'inferred';
  wear: MeasuredWear;
  /** the robot's flash-life target, days from its service start */
  targetDays: number;
  /** days the flash must still last from now (target date − now) */
  requiredLifeDays: number;
  /** failed settings still in force for this robot */
  blocked?: readonly FailedSetting[];
}

export interface DecisionOptions {
  guardRails: AutopilotGuardRails;
  /** a setting meets the target when its predicted life ≥ required × (1 + margin); default 0.1 */
  lifeMargin?: number;
  /** robots that meet the target move only for at least this much predicted success; default 0.01 */
  minSuccessGain?: number;
}

export interface SettingPrediction extends FlashSetting {
  /** predicted days until end of life from now (Infinity when not wearing) */
  lifeDays: number;
  wearPerDay: number;
  hostBytesPerDay: number;
  writesPerStep: number;
  /** the curve's episode success at τ (mean and 95 % interval) */
  successRate: number;
  successLo: number;
  successHi: number;
}

export interface FlashRecommendation {
  robotId: string;
  status: 'change' | 'hold' | 'unreachable';
  reason: string;
  requiredLifeDays: number;
  targetDays: number;
  current: SettingPrediction & {
    meetsTarget: boolean;
    persistModeSource: RobotFlashInputs['persistModeSource'];
  };
  /** the setting the robot should end up on (several rollouts away when guard rails limit a step) */
  goal: SettingPrediction | null;
  /** the setting to roll out now (one step towards the goal); null when nothing should change */
  step: (SettingPrediction & { successChange: number; writesRatio: number | null }) | null;
  /** rollouts needed to reach the goal at the current guard rails */
  rolloutsToGoal: number;
  /** longest predicted life inside the guard rails (the best achievable when unreachable) */
  bestAchievableLifeDays: number;
  measured: MeasuredWear;
}

const EPS = 1e-9;
const sameTau = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** Host bytes of one episode-end reset (a full-state write) in each mode. */
function resetBytes(curve: TauCurve, mode: PersistMode): number {
  return mode === 'none' ? 0 : curve.assumptions.bytesPerWrite.snapshot;
}

/** The robot's predicted wear and success at `setting`, from its measured wear at `current`. */
export function predictRobotSetting(
  curve: TauCurve,
  wear: MeasuredWear,
  current: FlashSetting,
  setting: FlashSetting,
): SettingPrediction {
  const bpw = curve.assumptions.bytesPerWrite;
  const curveNow = predictAtTau(curve, current.tau).writesPerStep.mean;
  const at = predictAtTau(curve, setting.tau);
  // the robot writes `scale` times what the curve predicts at its τ (its work differs from the task's)
  const scale = curveNow > 0 ? wear.writesPerStep / curveNow : 1;
  const writesPerStep = curveNow > 0 ? at.writesPerStep.mean * scale : wear.writesPerStep;
  const stepsPerDay = wear.stepsPerSecond * 86_400;
  const modelled = (writes: number, mode: PersistMode) =>
    stepsPerDay * (writes * bpw[mode] + wear.episodesPerStep * resetBytes(curve, mode));
  const measuredBytesPerDay = wear.hostBytesPerSecond * 86_400;
  const overhead = Math.max(0, measuredBytesPerDay - modelled(wear.writesPerStep, current.persistMode));
  const hostBytesPerDay =
    sameTau(setting.tau, current.tau) && setting.persistMode === current.persistMode
      ? measuredBytesPerDay
      : modelled(writesPerStep, setting.persistMode) + overhead;
  const wearPerDay = hostBytesPerDay * wear.wearPerHostByte;
  return {
    ...setting,
    lifeDays: wearPerDay > 0 ? wear.remaining / wearPerDay : wear.remaining > 0 ? Infinity : 0,
    wearPerDay,
    hostBytesPerDay,
    writesPerStep,
    successRate: at.successRate.mean,
    successLo: at.successRate.lo,
    successHi: at.successRate.hi,
  };
}

/** Does a failed setting still hold for this robot? It lapses when the inputs it was decided on change. */
export function blockStillApplies(
  block: { curveSha256: string; targetDays: number; persistMode: PersistMode; wearPerDay: number },
  now: { curveSha256: string; targetDays: number; persistMode: PersistMode; wearPerDay: number },
  tolerance = 0.25,
): boolean {
  if (block.curveSha256 !== now.curveSha256) return false;
  if (Math.abs(block.targetDays - now.targetDays) > 1e-6) return false;
  if (block.persistMode !== now.persistMode) return false;
  const lo = block.wearPerDay / (1 + tolerance);
  const hi = block.wearPerDay * (1 + tolerance);
  return now.wearPerDay >= lo - 1e-300 && now.wearPerDay <= hi + 1e-300;
}

/**
 * A failed mode change blocks that mode; a failed τ move within a mode blocks its target τ and
 * everything beyond it in the same direction.
 */
function isBlocked(blocks: readonly FailedSetting[], mode: PersistMode, tau: number): boolean {
  return blocks.some(
    (b) =>
      b.persistMode === mode &&
      (b.fromPersistMode !== b.persistMode ||
        (b.toTau > b.fromTau
          ? tau >= b.toTau - 1e-6
          : b.toTau < b.fromTau
            ? tau <= b.toTau + 1e-6
            : sameTau(tau, b.toTau))),
  );
}

/** The τ values the autopilot may propose: the curve's measured points inside the range, and its ends. */
export function candidateTaus(curve: TauCurve, rails: AutopilotGuardRails): number[] {
  const inRange = (t: number) => t >= rails.tauMin - EPS && t <= rails.tauMax + EPS;
  const taus = curve.points.map((p) => p.tau).filter(inRange);
  for (const end of [rails.tauMin, rails.tauMax]) if (!taus.some((t) => sameTau(t, end))) taus.push(end);
  return taus.sort((a, b) => a - b);
}

const successCache = new WeakMap<TauCurve, Map<number, number>>();
function successAt(curve: TauCurve, tau: number): number {
  let cache = successCache.get(curve);
  if (!cache) {
    cache = new Map();
    successCache.set(curve, cache);
  }
  let value = cache.get(tau);
  if (value === undefined) {
    value = predictAtTau(curve, tau).successRate.mean;
    cache.set(tau, value);
  }
  return value;
}

/**
 * τ values reachable from `from` through moves each within `maxTauChange` and each losing at most
 * `maxSuccessDrop` of predicted success (the per-rollout guard rails), skipping blocked ones.
 * Returns, per reachable τ, the number of rollouts to get there and the first move on the way.
 */
function reachable(
  curve: TauCurve,
  from: number,
  nodes: readonly number[],
  rails: AutopilotGuardRails,
): Map<number, { hops: number; first: number }> {
  const success = (t: number) => successAt(curve, t);
  const all = [from, ...nodes.filter((t) => !sameTau(t, from))];
  const out = new Map<number, { hops: number; first: number }>([[from, { hops: 0, first: from }]]);
  let frontier = [from];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const a of frontier) {
      const here = out.get(a)!;
      for (const b of all) {
        if (out.has(b)) continue;
        if (Math.abs(b - a) > rails.maxTauChange + EPS) continue;
        if (success(b) < success(a) - rails.maxSuccessDrop - 1e-12) continue;
        out.set(b, { hops: here.hops + 1, first: here.hops === 0 ? b : here.first });
        next.push(b);
      }
    }
    frontier = next;
  }
  return out;
}

const days = (d: number) => (Number.isFinite(d) ? `${Math.round(d).toLocaleString('en-US')} d` : 'unbounded');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} points`;
const describe = (s: FlashSetting) => `τ ${s.tau.toFixed(2)}/${s.persistMode}`;

/**
 * One robot's recommendation. Candidates are the curve's τ points inside the guard rails' range that
 * can be reached in rollouts of at most `maxTauChange` each predicted to lose at most
 * `maxSuccessDrop`, in the robot's mode or, when none of those meets the target, in the next allowed
 * mode that can. Among those meeting the target (life ≥ required × (1 + margin)) the one with the most
 * predicted success wins (ties: the smallest move). A robot already meeting its target moves only for
 * ≥ `minSuccessGain` more success (headroom spent on success). When nothing meets the target the
 * recommendation is `unreachable`, with the longest achievable life, and moves towards it.
 */
export function recommendFlashSettings(
  curve: TauCurve,
  robot: RobotFlashInputs,
  options: DecisionOptions,
): FlashRecommendation {
  const rails = options.guardRails;
  const margin = options.lifeMargin ?? 0.1;
  const minGain = options.minSuccessGain ?? 0.01;
  const blocks = robot.blocked ?? [];
  const { current, wear } = robot;
  const predict = (s: FlashSetting) => predictRobotSetting(curve, wear, current, s);
  const meets = (p: SettingPrediction) => p.lifeDays >= robot.requiredLifeDays * (1 + margin);
  const now = predict(current);
  const taus = candidateTaus(curve, rails);
  // the robot's own mode is always allowed (the guard rails list the modes it may be moved to)
  const currentAllowed = current.tau >= rails.tauMin - EPS && current.tau <= rails.tauMax + EPS;
  const modes = [current.persistMode, ...rails.persistModes.filter((m) => m !== current.persistMode)];

  // every reachable candidate, per mode, with its prediction and how many rollouts it takes
  const options_ = modes.map((mode) => {
    const nodes = taus.filter((t) => !isBlocked(blocks, mode, t));
    const paths = reachable(curve, current.tau, nodes, rails);
    const cands = [...paths.entries()]
      .filter(([t]) => nodes.some((n) => sameTau(n, t)))
      .map(([t, path]) => ({
        prediction: predict({ tau: t, persistMode: mode }),
        first: path.first,
        // a mode change at the same τ still takes one rollout
        hops: Math.max(path.hops, mode === current.persistMode ? 0 : 1),
      }));
    return { mode, cands };
  });
  const all = options_.flatMap((o) => o.cands);
  const best = [...all].sort(
    (a, b) =>
      b.prediction.lifeDays - a.prediction.lifeDays || b.prediction.successRate - a.prediction.successRate,
  )[0];
  const bestAchievableLifeDays = Math.max(now.lifeDays, best?.prediction.lifeDays ?? 0);
  const currentView = {
    ...now,
    meetsTarget: meets(now),
    persistModeSource: robot.persistModeSource,
  };
  const base = {
    robotId: robot.robotId,
    requiredLifeDays: robot.requiredLifeDays,
    targetDays: robot.targetDays,
    current: currentView,
    bestAchievableLifeDays,
    measured: wear,
  };
  const need = `${days(robot.requiredLifeDays)} still required (target ${days(robot.targetDays)}, margin ${Math.round(margin * 100)} %)`;
  const stepOf = (c: (typeof all)[number]) => {
    const mode = c.prediction.persistMode;
    const nodes = taus.filter((t) => !isBlocked(blocks, mode, t));
    // of the moves one rollout can make, the one from which the goal is fewest rollouts away, then closest
    let firstTau = c.first;
    let bestHops = Infinity;
    // a goal at the robot's own τ (a mode change) is one rollout away: τ stays
    if (sameTau(c.prediction.tau, current.tau)) firstTau = current.tau;
    else
      for (const [t, path] of reachable(curve, current.tau, nodes, rails)) {
        if (path.hops !== 1) continue;
        const onward = sameTau(t, c.prediction.tau)
          ? 0
          : (reachable(curve, t, nodes, rails).get(c.prediction.tau)?.hops ?? Infinity);
        const closer = Math.abs(t - c.prediction.tau) < Math.abs(firstTau - c.prediction.tau);
        if (onward < bestHops || (onward === bestHops && closer)) {
          bestHops = onward;
          firstTau = t;
        }
      }
    const first = predict({ tau: firstTau, persistMode: mode });
    return {
      ...first,
      successChange: first.successRate - now.successRate,
      writesRatio: now.writesPerStep > 0 ? first.writesPerStep / now.writesPerStep : null,
    };
  };

  // the first mode (the robot's own first) with a reachable candidate meeting the target
  for (const { mode, cands } of options_) {
    const feasible = cands.filter((c) => meets(c.prediction));
    if (feasible.length === 0) continue;
    const goal = feasible.sort(
      (a, b) =>
        b.prediction.successRate - a.prediction.successRate ||
        Math.abs(a.prediction.tau - current.tau) - Math.abs(b.prediction.tau - current.tau),
    )[0]!;
    const unchanged = mode === current.persistMode && sameTau(goal.prediction.tau, current.tau);
    if (
      unchanged ||
      (currentView.meetsTarget && currentAllowed && goal.prediction.successRate - now.successRate < minGain)
    ) {
      return {
        ...base,
        status: 'hold',
        reason:
          `meets its target at ${describe(current)}: projected life ${days(now.lifeDays)}, ${need}; ` +
          (unchanged
            ? `no allowed setting predicts more success (${pct(now.successRate)})`
            : `the best alternative (${describe(goal.prediction)}) gains only ${pts(goal.prediction.successRate - now.successRate)}`),
        goal: null,
        step: null,
        rolloutsToGoal: 0,
      };
    }
    const step = stepOf(goal);
    const why = !currentView.meetsTarget
      ? `projected life ${days(now.lifeDays)} at ${describe(current)} is short of the ${need}`
      : !currentAllowed
        ? `${describe(current)} is outside the guard rails`
        : `projected life ${days(now.lifeDays)} at ${describe(current)} leaves headroom over the ${need}: spend it on success`;
    const modeNote =
      mode !== current.persistMode
        ? `; τ alone cannot meet the target in ${current.persistMode}, so ${mode}`
        : '';
    return {
      ...base,
      status: 'change',
      reason:
        `${why}${modeNote}; ${describe(goal.prediction)} is predicted to give ${days(goal.prediction.lifeDays)} at ` +
        `success ${pct(goal.prediction.successRate)} (${pts(goal.prediction.successRate - now.successRate)})` +
        (goal.hops > 1 ? `, in ${goal.hops} rollouts; first ${describe(step)}` : ''),
      goal: goal.prediction,
      step,
      rolloutsToGoal: goal.hops,
    };
  }

  // unreachable: move towards the longest life the guard rails allow, if that is a real gain
  const blockedNote = blocks.length > 0 ? ` (${blocks.length} failed setting(s) excluded)` : '';
  if (!best || best.hops === 0 || best.prediction.lifeDays <= now.lifeDays * 1.05) {
    return {
      ...base,
      status: 'unreachable',
      reason:
        `no setting inside the guard rails meets the ${need}${blockedNote}: best achievable ${days(bestAchievableLifeDays)}, ` +
        `now ${days(now.lifeDays)} at ${describe(current)}; nothing to gain by a change`,
      goal: null,
      step: null,
      rolloutsToGoal: 0,
    };
  }
  const step = stepOf(best);
  return {
    ...base,
    status: 'unreachable',
    reason:
      `no setting inside the guard rails meets the ${need}${blockedNote}: best achievable ` +
      `${days(best.prediction.lifeDays)} at ${describe(best.prediction)} (success ${pct(best.prediction.successRate)}, ` +
      `${pts(best.prediction.successRate - now.successRate)}), now ${days(now.lifeDays)}; moving towards it` +
      (best.hops > 1 ? ` in ${best.hops} rollouts; first ${describe(step)}` : ''),
    goal: best.prediction,
    step,
    rolloutsToGoal: best.hops,
  };
}
