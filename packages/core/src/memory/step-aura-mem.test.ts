import { describe, expect, it } from 'vitest';
import { createAuraMemParams, createAuraMemState } from './create-aura-mem-params.js';
import { createRng } from './create-rng.js';
import { stepAuraMem } from './step-aura-mem.js';

const config = { dModel: 12, dKey: 8, dVal: 6, dAction: 4, dGate: 5, dHidden: 7 };

function randomZ(seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: config.dModel }, () => rng.normal());
}

function randomState(seed: number) {
  const rng = createRng(seed);
  const s = createAuraMemState(config);
  for (let i = 0; i < s.W.length; i++) s.W[i] = rng.normal() * 0.3;
  for (let i = 0; i < s.b.length; i++) s.b[i] = rng.normal() * 0.3;
  return s;
}

describe('stepAuraMem', () => {
  const params = createAuraMemParams(config, 1);

  it('leaves the state bit-for-bit unchanged when it does not write (tau = 1)', () => {
    const state = randomState(2);
    const r = stepAuraMem(params, state, randomZ(3), 1);
    expect(r.wrote).toBe(false);
    expect(r.state.W).toEqual(state.W);
    expect(r.state.b).toEqual(state.b);
    expect(r.gate).toBeGreaterThan(0);
    expect(r.gate).toBeLessThan(1);
  });

  it('always writes at tau = 0 and the write moves the prediction for k onto v', () => {
    const state = randomState(4);
    const z = randomZ(5);
    const r = stepAuraMem(params, state, z, 0);
    expect(r.wrote).toBe(true);
    expect(r.state.W).not.toEqual(state.W);
    // after a write the same observation is no longer surprising
    const again = stepAuraMem(params, r.state, z, 1);
    expect(r.surprise).toBeGreaterThan(1e-3);
    expect(again.surprise).toBeLessThan(1e-9);
  });

  it('writes iff gate > tau', () => {
    const state = randomState(6);
    const z = randomZ(7);
    const probe = stepAuraMem(params, state, z, 0.5);
    expect(stepAuraMem(params, state, z, probe.gate - 1e-4).wrote).toBe(true);
    expect(stepAuraMem(params, state, z, probe.gate).wrote).toBe(false);
  });

  it('reads after the write decision: the action differs between writing and not writing', () => {
    const state = randomState(8);
    const z = randomZ(9);
    const wrote = stepAuraMem(params, state, z, 0);
    const kept = stepAuraMem(params, state, z, 1);
    expect(wrote.gate).toBe(kept.gate);
    expect(wrote.action).not.toEqual(kept.action);
  });

  it('reports 4,224 bytes of state at 32/32', () => {
    const s = createAuraMemState({ dKey: 32, dVal: 32 });
    expect(s.W.byteLength + s.b.byteLength).toBe(4224);
  });
});
