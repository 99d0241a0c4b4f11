import { describe, expect, it } from 'vitest';
import { chooseGateScale, DIAL_TAUS, describeGateScale } from './calibrate-gate-temperature.js';

// writes per step on DIAL_TAUS from a function of τ
const curve = (scale: number, f: (tau: number) => number) => describeGateScale(scale, DIAL_TAUS.map(f));
// smooth and steep enough: 0.95 → 0.05 linearly (fall 0.77/0.23 = 3.4×, every 0.1 step 11 % of the range)
const dial = (tau: number) => 1 - tau;
// smooth but shallow: 0.6 → 0.3 (fall 1.4×, 11 % per step)
const shallow = (tau: number) => 0.6 - 0.33 * tau;
// a cliff at 0.5 (falls 10×, but one step moves the whole range)
const cliff = (tau: number) => (tau < 0.5 ? 0.5 : 0.05);

describe('describeGateScale', () => {
  it('reads the fall from τ 0.2 to 0.8, the largest 0.1 step and monotonicity off the write curve', () => {
    const c = curve(1, dial);
    expect(c.fallRatio20to80).toBeCloseTo(0.8 / 0.2, 9);
    expect(c.maxShare).toBeCloseTo(0.1 / 0.9, 9);
    expect(c.monotone).toBe(true);
    expect(curve(1, (t) => (t === 0.5 ? 0.9 : 1 - t)).monotone).toBe(false);
    expect(curve(1, cliff).maxShare).toBeCloseTo(1, 9);
    expect(curve(1, (t) => (t >= 0.8 ? 0 : 0.5)).fallRatio20to80).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('chooseGateScale', () => {
  it('takes a scale that meets the dial targets over a smoother one that does not fall 3×', () => {
    // the shallow curve has the smaller largest step, but only the dial meets the ≥ 3× fall
    const shallowFlat = curve(1, (t) => 0.6 - 0.3 * t);
    const steeper = curve(0.7, dial);
    expect(shallowFlat.maxShare).toBeLessThanOrEqual(steeper.maxShare + 1e-9);
    expect(chooseGateScale([shallowFlat, steeper])).toEqual({ scale: 0.7, meetsDialTargets: true });
  });

  it('never takes a cliff for its fall: a 0.1 step over 35 % of the range fails the targets', () => {
    const r = chooseGateScale([curve(1, shallow), curve(0.5, cliff)]);
    expect(r).toEqual({ scale: 1, meetsDialTargets: false });
  });

  it('among scales that meet the targets, the smallest largest step wins; ties go to the earlier one', () => {
    const a = curve(1, dial);
    const b = curve(0.7, (t) => (t < 0.5 ? 1 - 1.2 * t : 0.8 - 0.8 * t));
    expect(b.fallRatio20to80).toBeGreaterThanOrEqual(3);
    expect(b.maxShare).toBeGreaterThan(a.maxShare);
    expect(chooseGateScale([b, a]).scale).toBe(1);
    expect(chooseGateScale([a, curve(0.7, dial)]).scale).toBe(1);
    expect(chooseGateScale([curve(0.7, dial), a]).scale).toBe(0.7);
  });

  it('without any scale meeting the targets it keeps the old criterion (the smallest largest step)', () => {
    const r = chooseGateScale([curve(1, cliff), curve(0.7, shallow), curve(0.5, cliff)]);
    expect(r).toEqual({ scale: 0.7, meetsDialTargets: false });
    expect(() => chooseGateScale([])).toThrow(/at least one/);
  });
});
