import { describe, expect, it } from 'vitest';
import {
  computeKvCacheBytes,
  computeStateBytes,
  estimateBackboneKvBytesPerStep,
} from './estimate-memory-bytes.js';

describe('memory accounting', () => {
  it('counts the AURA-Mem state as (dKey·dVal + dVal)·batch·4', () => {
    expect(computeStateBytes({ dKey: 32, dVal: 32 })).toBe(4224);
    expect(computeStateBytes({ dKey: 32, dVal: 32, batch: 2 })).toBe(8448);
    expect(computeStateBytes({ dKey: 16, dVal: 8 })).toBe((16 * 8 + 8) * 4);
  });

  it('grows the same-dimension KV-cache by 256 B per step and is 6,061x larger at 100k steps', () => {
    const dims = { dKey: 32, dVal: 32 };
    expect(computeKvCacheBytes(1, dims)).toBe(256);
    expect(computeKvCacheBytes(100_000, dims)).toBe(25_600_000);
    expect(Math.round(computeKvCacheBytes(100_000, dims) / computeStateBytes(dims))).toBe(6061);
    expect(() => computeKvCacheBytes(-1, dims)).toThrow(RangeError);
  });

  it('estimates a full-backbone KV-cache per step', () => {
    expect(estimateBackboneKvBytesPerStep('llama2-7b')).toBe(2 * 32 * 4096 * 2);
    // GQA with 8 of 32 KV heads is a quarter of the full cache.
    expect(estimateBackboneKvBytesPerStep('llama3-8b')).toBe((2 * 32 * 4096 * 2) / 4);
  });
});
