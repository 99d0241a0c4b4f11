import { describe, expect, it } from 'vitest';
import { createAuraMemParams } from './create-aura-mem-params.js';
import { createRng } from './create-rng.js';
import { computeKvCacheBytes } from './estimate-memory-bytes.js';
import { createGruParams, gruStateBytes, stepGru } from './step-gru.js';
import { createKvCache, kvCacheBytes, stepKvAttention } from './step-kv-attention.js';

const zs = (n: number, d: number, seed: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Float32Array.from({ length: d }, () => rng.normal()));
};

describe('reference memories', () => {
  it('GRU keeps a constant-size state that changes on every step', () => {
    const p = createGruParams({ dModel: 10, dHidden: 32, dAction: 8, dHead: 12 }, 1);
    let h: Float32Array = new Float32Array(32);
    for (const z of zs(20, 10, 2)) {
      const r = stepGru(p, h, z);
      expect(r.h).toHaveLength(32);
      expect(r.h).not.toEqual(h);
      expect(r.action).toHaveLength(8);
      for (const x of r.h) expect(Math.abs(x)).toBeLessThan(1);
      h = r.h;
    }
    expect(gruStateBytes(p.config)).toBe(128);
  });

  it('KV attention grows by (dKey + dVal)·4 bytes per step and attends over the past', () => {
    const params = createAuraMemParams(
      { dModel: 10, dKey: 32, dVal: 32, dAction: 8, dGate: 4, dHidden: 6 },
      3,
    );
    const cache = createKvCache();
    const inputs = zs(50, 10, 4);
    const first = stepKvAttention(params, cache, inputs[0]!).action;
    for (const z of inputs.slice(1)) stepKvAttention(params, cache, z);
    expect(kvCacheBytes(cache)).toBe(computeKvCacheBytes(50, { dKey: 32, dVal: 32 }));
    // the same observation reads differently once the cache holds other steps
    const again = stepKvAttention(params, cache, inputs[0]!).action;
    expect(again).not.toEqual(first);
  });
});
