import { describe, expect, it } from 'vitest';
import { FLEET_HARDWARE_MIX, fleetVariant, stepsInRound } from './fleet-mix.js';

describe('fleet mix', () => {
  it('cycles through the hardware list, deterministically', () => {
    const first = Array.from({ length: FLEET_HARDWARE_MIX.length }, (_, i) => fleetVariant(i).hardware);
    expect(new Set(first).size).toBe(FLEET_HARDWARE_MIX.length);
    expect(fleetVariant(FLEET_HARDWARE_MIX.length).hardware).toBe(first[0]);
    expect(fleetVariant(17)).toEqual(fleetVariant(17));
  });

  it('spreads rates and duty across robots of the same hardware', () => {
    const sameHardware = [0, 6, 12, 18, 24].map(fleetVariant);
    expect(new Set(sameHardware.map((v) => `${v.rateMultiplier}/${v.duty}`)).size).toBeGreaterThan(2);
  });

  it('steps its multiplier in its duty share of each 100 rounds and rests in the rest', () => {
    const variant = { rateMultiplier: 3, duty: 0.25 };
    const steps = Array.from({ length: 100 }, (_, round) => stepsInRound(variant, round, 10));
    expect(steps.filter((s) => s === 3)).toHaveLength(25);
    expect(steps.filter((s) => s === 0)).toHaveLength(75);
    expect(
      Array.from({ length: 100 }, (_, round) => stepsInRound({ rateMultiplier: 2, duty: 1 }, round)),
    ).toEqual(Array(100).fill(2));
  });
});
