import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tauCurveHeader } from '../../test/tau-curve-header.js';
import { AutopilotGuardRailsSchema } from '../contract/autopilot-settings.js';
import type { MeasuredWear } from './measure-robot-wear.js';
import {
  blockStillApplies,
  candidateTaus,
  type FlashSetting,
  predictRobotSetting,
  type RobotFlashInputs,
  recommendFlashSettings,
} from './recommend-flash-settings.js';
import { buildTauCurve, parseTauCurve, predictAtTau, TAU_CURVE_GRID, type TauCurve } from './tau-curve.js';

const header = tauCurveHeader('dial', 'b'.repeat(64));

/** A dial: writes fall from 0.40 at τ 0.05 to 0.04 at τ 0.95; success falls 0.80 → 0.44 gradually. */
const dial: TauCurve = buildTauCurve({
  ...header,
  measurements: TAU_CURVE_GRID.map((tau) => ({
    tau,
    perSeed: [-0.005, 0, 0.005].map((d) => ({
      writesPerStep: 0.4 - 0.4 * (tau - 0.05) + d,
      accuracy: 0.9 - 0.4 * tau + d,
      successRate: 0.82 - 0.4 * tau + d,
    })),
  })),
});
const v1 = parseTauCurve(
  readFileSync(path.join(import.meta.dirname, '../../../../models/aura-mem-hard-v1.tau-curve.json'), 'utf8'),
);

const rails = AutopilotGuardRailsSchema.parse({});
const BPW = 8192;

/** A robot measured at `setting`: writes as the curve predicts × `scale`, `hz` steps/s, rated `ratedBytes`. */
function measured(
  curve: TauCurve,
  setting: FlashSetting,
  opts: {
    hz?: number;
    ratedBytes?: number;
    wearNow?: number;
    scale?: number;
    overheadPerSecond?: number;
  } = {},
): MeasuredWear {
  const hz = opts.hz ?? 10;
  const writes = predictAtTau(curve, setting.tau).writesPerStep.mean * (opts.scale ?? 1);
  const episodesPerStep = 1 / 36;
  const bpw = curve.assumptions.bytesPerWrite[setting.persistMode];
  const reset = setting.persistMode === 'none' ? 0 : BPW;
  const bytesPerSecond = hz * (writes * bpw + episodesPerStep * reset) + (opts.overheadPerSecond ?? 400);
  const rated = opts.ratedBytes ?? 1e12;
  const wearNow = opts.wearNow ?? 0.1;
  return {
    spanDays: 1,
    stepsPerSecond: hz,
    writesPerStep: writes,
    episodesPerStep,
    successRate: 0.7,
    hostBytesPerSecond: bytesPerSecond,
    wearPerDay: (bytesPerSecond * 86_400) / rated,
    wearSource: 'device',
    deviceSource: 'nvme.percentage_used',
    wearNow,
    remaining: 1 - wearNow,
    wearPerHostByte: 1 / rated,
    notes: [],
  };
}

function robot(
  curve: TauCurve,
  current: FlashSetting,
  requiredLifeDays: number,
  opts: Parameters<typeof measured>[2] & { blocked?: RobotFlashInputs['blocked'] } = {},
): RobotFlashInputs {
  return {
    robotId: 'r1',
    current,
    persistModeSource: 'reported',
    wear: measured(curve, current, opts),
    targetDays: requiredLifeDays,
    requiredLifeDays,
    ...(opts.blocked ? { blocked: opts.blocked } : {}),
  };
}

describe('predictRobotSetting', () => {
  const current = { tau: 0.5, persistMode: 'snapshot' as const };
  const wear = measured(dial, current);

  it('reproduces the measured life at the current setting', () => {
    const p = predictRobotSetting(dial, wear, current, current);
    expect(p.lifeDays).toBeCloseTo(wear.remaining / wear.wearPerDay, 9);
    expect(p.successRate).toBeCloseTo(predictAtTau(dial, 0.5).successRate.mean, 12);
  });

  it('scales gate bytes with the curve and the mode, keeps resets and overhead as measured', () => {
    const p = predictRobotSetting(dial, wear, current, { tau: 0.7, persistMode: 'delta-log' });
    const writes = predictAtTau(dial, 0.7).writesPerStep.mean;
    const expected =
      10 * 86_400 * (writes * dial.assumptions.bytesPerWrite['delta-log'] + BPW / 36) + 400 * 86_400;
    expect(p.hostBytesPerDay).toBeCloseTo(expected, 3);
    expect(p.writesPerStep).toBeCloseTo(writes, 12);
    const none = predictRobotSetting(dial, wear, current, { tau: 0.5, persistMode: 'none' });
    expect(none.hostBytesPerDay).toBeCloseTo(400 * 86_400, 3); // only the overhead is left
  });

  it('carries a robot that writes more than the curve over to other τ', () => {
    const heavy = measured(dial, current, { scale: 2 });
    const p = predictRobotSetting(dial, heavy, current, { tau: 0.8, persistMode: 'snapshot' });
    expect(p.writesPerStep).toBeCloseTo(2 * predictAtTau(dial, 0.8).writesPerStep.mean, 12);
  });
});

describe('recommendFlashSettings', () => {
  it('raises τ in guarded steps until a robot short of its target meets it', () => {
    const current = { tau: 0.4, persistMode: 'snapshot' as const };
    const now = predictRobotSetting(dial, measured(dial, current), current, current).lifeDays;
    const rec = recommendFlashSettings(dial, robot(dial, current, now * 1.6), { guardRails: rails });
    expect(rec.status).toBe('change');
    expect(rec.current.meetsTarget).toBe(false);
    expect(rec.goal!.lifeDays).toBeGreaterThanOrEqual(now * 1.6 * 1.1);
    expect(rec.goal!.tau).toBeGreaterThan(0.4);
    expect(rec.step!.tau - 0.4).toBeLessThanOrEqual(rails.maxTauChange + 1e-9);
    expect(rec.step!.successChange).toBeGreaterThanOrEqual(-rails.maxSuccessDrop - 1e-12);
    expect(rec.step!.persistMode).toBe('snapshot');
    expect(rec.rolloutsToGoal).toBeGreaterThanOrEqual(1);
    expect(rec.reason).toMatch(/short of the/);
    // the lowest τ that meets the target has the most success on a dial: nothing lower meets it
    const lower = predictRobotSetting(dial, measured(dial, current), current, {
      tau: rec.goal!.tau - 0.05,
      persistMode: 'snapshot',
    });
    expect(lower.lifeDays).toBeLessThan(now * 1.6 * 1.1);
  });

  it('spends large headroom on success: a lower τ', () => {
    const current = { tau: 0.7, persistMode: 'snapshot' as const };
    const rec = recommendFlashSettings(dial, robot(dial, current, 100, { ratedBytes: 1e15 }), {
      guardRails: rails,
    });
    expect(rec.status).toBe('change');
    expect(rec.step!.tau).toBeCloseTo(0.6, 9); // one step of maxTauChange
    expect(rec.goal!.tau).toBeCloseTo(0.05, 9);
    expect(rec.step!.successChange).toBeGreaterThan(0);
    expect(rec.reason).toMatch(/headroom/);
  });

  it('holds when a robot meets its target and no setting gains enough success', () => {
    const current = { tau: 0.05, persistMode: 'snapshot' as const };
    const rec = recommendFlashSettings(dial, robot(dial, current, 100, { ratedBytes: 1e15 }), {
      guardRails: rails,
    });
    expect(rec.status).toBe('hold');
    expect(rec.step).toBeNull();
    expect(rec.reason).toMatch(/meets its target/);
    // the curve is flat enough between 0.50 and 0.55 that a 1-point minimum gain holds too
    const flat = recommendFlashSettings(
      v1,
      robot(v1, { tau: 0.5, persistMode: 'snapshot' }, 100, { ratedBytes: 1e15 }),
      {
        guardRails: rails,
      },
    );
    expect(flat.status).toBe('hold');
  });

  it('changes the persistence mode when τ alone cannot meet the target', () => {
    // v1: past τ 0.5 success collapses (a cliff), so the success floor keeps τ at most 0.5
    const current = { tau: 0.5, persistMode: 'snapshot' as const };
    const now = predictRobotSetting(v1, measured(v1, current), current, current).lifeDays;
    const rec = recommendFlashSettings(v1, robot(v1, current, now * 1.3), { guardRails: rails });
    expect(rec.status).toBe('change');
    expect(rec.step!.persistMode).toBe('delta-log');
    expect(rec.step!.tau).toBe(0.5); // the mode changes, τ stays where success is highest
    expect(rec.goal!.tau).toBe(0.5);
    expect(rec.rolloutsToGoal).toBe(1);
    expect(rec.goal!.lifeDays).toBeGreaterThanOrEqual(now * 1.3 * 1.1);
    expect(rec.reason).toMatch(/τ alone cannot meet the target in snapshot, so delta-log/);
    // with delta-log not allowed there is nothing left: unreachable, with the best achievable life
    const snapOnly = AutopilotGuardRailsSchema.parse({ persistModes: ['snapshot'] });
    const stuck = recommendFlashSettings(v1, robot(v1, current, now * 1.3), { guardRails: snapOnly });
    expect(stuck.status).toBe('unreachable');
    expect(stuck.bestAchievableLifeDays).toBeLessThan(now * 1.3 * 1.1);
    expect(stuck.reason).toMatch(/best achievable/);
  });

  it('never crosses a cliff that would lose more success than the floor in one rollout', () => {
    const current = { tau: 0.5, persistMode: 'delta-log' as const };
    const now = predictRobotSetting(v1, measured(v1, current), current, current).lifeDays;
    const rec = recommendFlashSettings(v1, robot(v1, current, now * 3), { guardRails: rails });
    expect(rec.status).toBe('unreachable');
    expect(rec.step).toBeNull();
    // a floor wide enough lets it walk over the cliff
    const wide = AutopilotGuardRailsSchema.parse({ maxSuccessDrop: 0.6 });
    const over = recommendFlashSettings(v1, robot(v1, current, now * 3), { guardRails: wide });
    expect(over.status).toBe('change');
    expect(over.step!.tau).toBeGreaterThan(0.5);
  });

  it('reports an unreachable target with the best achievable life and moves towards it', () => {
    const current = { tau: 0.3, persistMode: 'snapshot' as const };
    const rec = recommendFlashSettings(dial, robot(dial, current, 1e6, { ratedBytes: 1e11 }), {
      guardRails: AutopilotGuardRailsSchema.parse({ persistModes: ['snapshot'] }),
    });
    expect(rec.status).toBe('unreachable');
    expect(rec.goal!.tau).toBeCloseTo(0.95, 9);
    expect(rec.bestAchievableLifeDays).toBeCloseTo(rec.goal!.lifeDays, 6);
    expect(rec.step!.tau).toBeCloseTo(0.4, 9);
    expect(rec.reason).toMatch(/no setting inside the guard rails meets/);
  });

  it('does not propose a failed setting again, nor one beyond it', () => {
    const current = { tau: 0.4, persistMode: 'snapshot' as const };
    const now = predictRobotSetting(dial, measured(dial, current), current, current).lifeDays;
    const blocked = [
      { fromTau: 0.4, toTau: 0.5, persistMode: 'snapshot' as const, fromPersistMode: 'snapshot' as const },
    ];
    const rec = recommendFlashSettings(dial, robot(dial, current, now * 1.6, { blocked }), {
      guardRails: rails,
    });
    expect(rec.step).not.toBeNull();
    expect(rec.step!.persistMode === 'snapshot' && rec.step!.tau >= 0.5 - 1e-9).toBe(false);
    // without the delta-log way out, only τ below the failed one is left
    const snapOnly = AutopilotGuardRailsSchema.parse({ persistModes: ['snapshot'] });
    const rec2 = recommendFlashSettings(dial, robot(dial, current, now * 1.6, { blocked }), {
      guardRails: snapOnly,
    });
    expect(rec2.step?.tau ?? 0.4).toBeLessThan(0.5);
    expect(rec2.status).toBe('unreachable');
  });

  it('after a failed mode change, proposes no setting in that mode', () => {
    const current = { tau: 0.5, persistMode: 'snapshot' as const };
    const now = predictRobotSetting(v1, measured(v1, current), current, current).lifeDays;
    const blocked = [
      { fromTau: 0.5, toTau: 0.5, persistMode: 'delta-log' as const, fromPersistMode: 'snapshot' as const },
    ];
    const rec = recommendFlashSettings(v1, robot(v1, current, now * 1.3, { blocked }), { guardRails: rails });
    expect(rec.step?.persistMode).not.toBe('delta-log');
    expect(rec.status).toBe('unreachable');
    expect(rec.reason).toMatch(/1 failed setting\(s\) excluded/);
  });

  it('moves a robot outside the τ range into it, and keeps its own persistence mode', () => {
    const current = { tau: 0.7, persistMode: 'none' as const };
    const rec = recommendFlashSettings(v1, robot(v1, current, 100, { ratedBytes: 1e15 }), {
      guardRails: AutopilotGuardRailsSchema.parse({ tauMin: 0.3, tauMax: 0.6 }),
    });
    expect(rec.status).toBe('change');
    expect(rec.step!.tau).toBeCloseTo(0.6, 9);
    expect(rec.step!.persistMode).toBe('none'); // not among the modes to move to, but its own
    expect(rec.reason).toMatch(/outside the guard rails/);
  });
});

describe('blockStillApplies', () => {
  const block = { curveSha256: 'a', targetDays: 1826, persistMode: 'snapshot' as const, wearPerDay: 1e-4 };
  it('holds while the inputs are the same and lapses when one changes', () => {
    expect(blockStillApplies(block, { ...block, wearPerDay: 1.2e-4 })).toBe(true);
    expect(blockStillApplies(block, { ...block, wearPerDay: 1.3e-4 })).toBe(false);
    expect(blockStillApplies(block, { ...block, wearPerDay: 0.7e-4 })).toBe(false);
    expect(blockStillApplies(block, { ...block, curveSha256: 'b' })).toBe(false);
    expect(blockStillApplies(block, { ...block, targetDays: 3000 })).toBe(false);
    expect(blockStillApplies(block, { ...block, persistMode: 'delta-log' })).toBe(false);
  });
});

describe('candidateTaus', () => {
  it('takes the curve’s measured points inside the range and the range’s ends', () => {
    expect(candidateTaus(dial, AutopilotGuardRailsSchema.parse({ tauMin: 0.32, tauMax: 0.5 }))).toEqual([
      0.32, 0.35, 0.4, 0.45, 0.5,
    ]);
  });
});
