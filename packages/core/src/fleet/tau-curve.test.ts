import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tauCurveHeader } from '../../test/tau-curve-header.js';
import { estimateBytesPerWrite } from './estimate-flash-wear.js';
import {
  assessTauDial,
  buildTauCurve,
  compareTau,
  parseTauCurve,
  predictAtTau,
  TAU_CURVE_GRID,
  type TauCurve,
  TauCurveError,
  type TauMeasurement,
  tauForWritesPerStep,
} from './tau-curve.js';

const header = tauCurveHeader('test-model', 'a'.repeat(64));

/** writes fall linearly from 0.5 at τ 0.05 to 0.05 at τ 0.95; per-seed spread ±0.01 */
function dialMeasurements(shape: (tau: number) => number): TauMeasurement[] {
  return TAU_CURVE_GRID.map((tau) => {
    const w = shape(tau);
    return {
      tau,
      perSeed: [-0.01, 0, 0.01].map((d) => ({
        writesPerStep: w + d,
        accuracy: 0.9 - 0.2 * tau + d,
        successRate: 0.8 - 0.3 * tau + d,
      })),
    };
  });
}
const linear = (tau: number) => 0.5 - (0.45 * (tau - 0.05)) / 0.9;
const cliff = (tau: number) => (tau <= 0.5 ? 0.22 : 0.01);

describe('τ curve format', () => {
  const curve = buildTauCurve({ ...header, measurements: dialMeasurements(linear) });

  it('is measured on τ = 0.05 … 0.95', () => {
    expect(TAU_CURVE_GRID).toHaveLength(19);
    expect(TAU_CURVE_GRID[0]).toBe(0.05);
    expect(TAU_CURVE_GRID[18]).toBe(0.95);
    expect(curve.points.map((p) => p.tau)).toEqual(TAU_CURVE_GRID);
  });

  it('builds means, Student-t intervals over seeds and flash bytes per hour per persistence mode', () => {
    const p = curve.points[9]!; // τ 0.5
    expect(p.tau).toBe(0.5);
    expect(p.writesPerStep.mean).toBeCloseTo(linear(0.5), 12);
    // three seeds at ±0.01: sd 0.01, t(0.975, 2) = 4.303
    expect(p.writesPerStep.hi - p.writesPerStep.mean).toBeCloseTo((4.303 * 0.01) / Math.sqrt(3), 9);
    expect(curve.assumptions.bytesPerWrite.snapshot).toBe(8192);
    const delta = estimateBytesPerWrite({
      mode: 'delta-log',
      stateBytes: 4224,
      snapshotOverheadBytes: 52,
      recordBytes: 416,
      logHeaderBytes: 32,
      checkpointEvery: 64,
      pageBytes: 4096,
    });
    expect(curve.assumptions.bytesPerWrite['delta-log']).toBe(delta);
    expect(p.flashBytesPerHour.snapshot.mean).toBeCloseTo(linear(0.5) * 10 * 3600 * 8192, 3);
    expect(p.flashBytesPerHour['delta-log'].mean).toBeCloseTo(linear(0.5) * 36_000 * delta, 3);
    expect(p.flashBytesPerHour.none).toEqual({ mean: 0, lo: 0, hi: 0 });
  });

  it('clips fractions to [0, 1]', () => {
    const c = buildTauCurve({
      ...header,
      measurements: [
        { tau: 0.1, perSeed: [1, 1, 0.9].map((x) => ({ writesPerStep: x, accuracy: x, successRate: x })) },
        { tau: 0.9, perSeed: [0, 0, 0.1].map((x) => ({ writesPerStep: x, accuracy: x, successRate: x })) },
      ],
    });
    expect(c.points[0]!.writesPerStep.hi).toBe(1);
    expect(c.points[1]!.accuracy.lo).toBe(0);
  });

  it('parses the JSON text it writes, and refuses bad curves naming the field', () => {
    expect(parseTauCurve(JSON.stringify(curve))).toEqual(curve);
    const swapped = structuredClone(curve) as TauCurve;
    [swapped.points[0], swapped.points[1]] = [swapped.points[1]!, swapped.points[0]!];
    expect(() => parseTauCurve(swapped)).toThrow(/points: τ must increase strictly/);
    const bad = structuredClone(curve) as TauCurve;
    bad.points[3]!.accuracy.lo = 0.99;
    expect(() => parseTauCurve(bad)).toThrow(/points\.3\.accuracy: must satisfy lo ≤ mean ≤ hi/);
    expect(() => parseTauCurve({ ...curve, format: 'x' })).toThrow(TauCurveError);
    expect(() => parseTauCurve({ ...curve, model: { ...curve.model, sha256: 'abc' } })).toThrow(
      /model\.sha256/,
    );
    expect(() => parseTauCurve('{nope')).toThrow(/not JSON/);
  });
});

describe('predictions from a curve', () => {
  const curve = buildTauCurve({ ...header, measurements: dialMeasurements(linear) });

  it('returns the grid point exactly and interpolates linearly between points', () => {
    expect(predictAtTau(curve, 0.3).writesPerStep).toEqual(curve.points[5]!.writesPerStep);
    const mid = predictAtTau(curve, 0.325);
    const a = curve.points[5]!;
    const b = curve.points[6]!;
    expect(mid.writesPerStep.mean).toBeCloseTo((a.writesPerStep.mean + b.writesPerStep.mean) / 2, 12);
    expect(mid.successRate.lo).toBeCloseTo((a.successRate.lo + b.successRate.lo) / 2, 12);
    expect(mid.flashBytesPerHour.snapshot.hi).toBeCloseTo(
      (a.flashBytesPerHour.snapshot.hi + b.flashBytesPerHour.snapshot.hi) / 2,
      3,
    );
    expect(mid.clamped).toBe(false);
  });

  it('clamps outside the measured range and says so', () => {
    const low = predictAtTau(curve, 0);
    expect(low.clamped).toBe(true);
    expect(low.writesPerStep).toEqual(curve.points[0]!.writesPerStep);
    expect(predictAtTau(curve, 1).writesPerStep).toEqual(curve.points[18]!.writesPerStep);
    expect(predictAtTau(curve, 0.95).clamped).toBe(false);
    expect(() => predictAtTau(curve, 1.2)).toThrow(RangeError);
    expect(() => predictAtTau(curve, Number.NaN)).toThrow(RangeError);
  });

  it('rescales flash bytes to another step rate', () => {
    const at10 = predictAtTau(curve, 0.4);
    const at20 = predictAtTau(curve, 0.4, { stepsPerSecond: 20 });
    expect(at20.flashBytesPerHour['delta-log'].mean).toBeCloseTo(
      2 * at10.flashBytesPerHour['delta-log'].mean,
      6,
    );
    expect(at20.writesPerStep).toEqual(at10.writesPerStep);
  });

  it('compares an old and a new τ', () => {
    const c = compareTau(curve, 0.2, 0.6);
    expect(c.writesRatio).toBeCloseTo(linear(0.6) / linear(0.2), 9);
    expect(c.writeRateChange).toBeCloseTo(linear(0.6) / linear(0.2) - 1, 9);
    expect(c.successRateChange).toBeCloseTo(-0.3 * 0.4, 9);
    expect(c.accuracyChange).toBeCloseTo(-0.2 * 0.4, 9);
  });

  it('finds the smallest τ that writes at most a target rate', () => {
    const tau = tauForWritesPerStep(curve, 0.2)!;
    expect(predictAtTau(curve, tau).writesPerStep.mean).toBeCloseTo(0.2, 9);
    expect(tauForWritesPerStep(curve, 0.9)).toBe(0.05);
    expect(tauForWritesPerStep(curve, 0.001)).toBeNull();
  });
});

describe('assessTauDial', () => {
  it('a steady fall meets the dial targets', () => {
    const d = assessTauDial(buildTauCurve({ ...header, measurements: dialMeasurements(linear) }));
    expect(d.monotone).toBe(true);
    expect(d.fallRatio20to80).toBeCloseTo(linear(0.2) / linear(0.8), 9);
    expect(d.maxShareOfRangePer0_1).toBeCloseTo(0.1 / 0.9, 6);
    expect(d.meetsDialTargets).toBe(true);
  });

  it('a cliff does not, and the steepest step sits at the cliff', () => {
    const d = assessTauDial(buildTauCurve({ ...header, measurements: dialMeasurements(cliff) }));
    expect(d.maxShareOfRangePer0_1).toBeCloseTo(1, 6);
    expect(d.steepestTau).toBeGreaterThan(0.39);
    expect(d.steepestTau).toBeLessThanOrEqual(0.5);
    expect(d.meetsDialTargets).toBe(false);
  });

  it('finds the knee where accuracy starts to fall', () => {
    const m = TAU_CURVE_GRID.map((tau) => ({
      tau,
      perSeed: [0, 0.01].map((d) => ({
        writesPerStep: linear(tau),
        accuracy: (tau <= 0.6 ? 0.8 : 0.8 - (tau - 0.6) * 2) + d,
        successRate: 0.5,
      })),
    }));
    expect(assessTauDial(buildTauCurve({ ...header, measurements: m })).accuracyKneeTau).toBe(0.6);
  });
});

describe('committed curves', () => {
  const models = path.resolve(import.meta.dirname, '../../../../models');
  it('aura-mem-hard-v1: valid, measured on the committed file, and shows its cliff', () => {
    const curve = parseTauCurve(readFileSync(path.join(models, 'aura-mem-hard-v1.tau-curve.json'), 'utf8'));
    const sha = createHash('sha256')
      .update(readFileSync(path.join(models, 'aura-mem-hard-v1.onnx')))
      .digest('hex');
    expect(curve.model.sha256).toBe(sha);
    expect(curve.points.map((p) => p.tau)).toEqual(TAU_CURVE_GRID);
    expect(assessTauDial(curve).meetsDialTargets).toBe(false);
  });
});
