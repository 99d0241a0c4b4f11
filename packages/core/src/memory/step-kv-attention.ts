import type { AuraMemParams } from './create-aura-mem-params.js';

/**
 * Reference 2: a KV-cache attention memory over the same projections and action head as AURA-Mem.
 * Every step appends (k, v) — O(T) state, T·(dKey + dVal)·4 bytes — and reads
 * r = softmax(q·Kᵀ/√dKey)·V over everything stored so far (including this step).
 */
export interface KvCache {
  keys: Float32Array[];
  values: Float32Array[];
}

export function createKvCache(): KvCache {
  return { keys: [], values: [] };
}

export function kvCacheBytes(cache: KvCache): number {
  let n = 0;
  for (let i = 0; i < cache.keys.length; i++)
    n += (cache.keys[i]?.length ?? 0) + (cache.values[i]?.length ?? 0);
  return n * 4;
}

function project(z: Float32Array, M: Float32Array, width: number): Float32Array {
  const out = new Float32Array(width);
  for (let i = 0; i < z.length; i++) {
    const zi = z[i] as number;
    for (let j = 0; j < width; j++) out[j] = (out[j] as number) + zi * (M[i * width + j] as number);
  }
  return out;
}

/** One step: append this step's (k, v), attend with q, act on [z, r]. Mutates `cache`. */
export function stepKvAttention(
  params: AuraMemParams,
  cache: KvCache,
  z: Float32Array,
): { action: Float32Array } {
  const { dKey, dVal, dModel, dHidden } = params.config;
  cache.keys.push(project(z, params.Wk, dKey));
  cache.values.push(project(z, params.Wv, dVal));
  const q = project(z, params.Wq, dKey);
  const scores = cache.keys.map((k) => {
    let s = 0;
    for (let i = 0; i < dKey; i++) s += (q[i] as number) * (k[i] as number);
    return s / Math.sqrt(dKey);
  });
  const max = Math.max(...scores);
  const w = scores.map((s) => Math.exp(s - max));
  const sum = w.reduce((a, b) => a + b, 0);
  const r = new Float32Array(dVal);
  cache.values.forEach((v, t) => {
    const a = (w[t] as number) / sum;
    for (let j = 0; j < dVal; j++) r[j] = (r[j] as number) + a * (v[j] as number);
  });
  const u = params.h1.slice();
  for (let i = 0; i < dModel + dVal; i++) {
    const x = i < dModel ? (z[i] as number) : (r[i - dModel] as number);
    for (let j = 0; j < dHidden; j++) u[j] = (u[j] as number) + x * (params.H1[i * dHidden + j] as number);
  }
  for (let j = 0; j < dHidden; j++) u[j] = Math.tanh(u[j] as number);
  const action = params.h2.slice();
  for (let i = 0; i < dHidden; i++) {
    for (let j = 0; j < action.length; j++) {
      action[j] = (action[j] as number) + (u[i] as number) * (params.H2[i * action.length + j] as number);
    }
  }
  return { action };
}
