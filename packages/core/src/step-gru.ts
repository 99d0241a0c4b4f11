import { createRng } from './create-rng.js';

/**
 * Reference 1: a dense GRU memory. O(1) state (dHidden floats) that is rewritten on every step —
 * there is no write decision, so it "writes" every step. Action head on [z, h'] as in AURA-Mem.
 *
 *   u = σ(z·Wu + h·Uu + bu),  r = σ(z·Wr + h·Ur + br)
 *   c = tanh(z·Wc + (r⊙h)·Uc + bc),  h' = (1 − u)⊙h + u⊙c
 *   action = tanh([z, h']·H1 + h1)·H2 + h2
 */
export interface GruConfig {
  dModel: number;
  dHidden: number;
  dAction: number;
  dHead: number;
}

export interface GruParams {
  config: GruConfig;
  Wu: Float32Array;
  Uu: Float32Array;
  bu: Float32Array;
  Wr: Float32Array;
  Ur: Float32Array;
  br: Float32Array;
  Wc: Float32Array;
  Uc: Float32Array;
  bc: Float32Array;
  H1: Float32Array;
  h1: Float32Array;
  H2: Float32Array;
  h2: Float32Array;
}

export function createGruParams(config: GruConfig, seed: number): GruParams {
  const rng = createRng(seed);
  const { dModel: m, dHidden: h, dAction: a, dHead: d } = config;
  const mat = (rows: number, cols: number) =>
    Float32Array.from({ length: rows * cols }, () => rng.normal() / Math.sqrt(rows));
  return {
    config,
    Wu: mat(m, h),
    Uu: mat(h, h),
    bu: new Float32Array(h),
    Wr: mat(m, h),
    Ur: mat(h, h),
    br: new Float32Array(h),
    Wc: mat(m, h),
    Uc: mat(h, h),
    bc: new Float32Array(h),
    H1: mat(m + h, d),
    h1: new Float32Array(d),
    H2: mat(d, a),
    h2: new Float32Array(a),
  };
}

/** GRU state bytes: dHidden fp32 values per batch element. */
export function gruStateBytes(config: GruConfig, batch = 1): number {
  return config.dHidden * 4 * batch;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function affine(x: Float32Array, M: Float32Array, out: Float32Array, rowOffset = 0): void {
  const n = out.length;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const row = (rowOffset + i) * n;
    for (let j = 0; j < n; j++) out[j] = (out[j] as number) + xi * (M[row + j] as number);
  }
}

export function stepGru(
  p: GruParams,
  h: Float32Array,
  z: Float32Array,
): { action: Float32Array; h: Float32Array } {
  const { dHidden, dModel } = p.config;
  const u = p.bu.slice();
  affine(z, p.Wu, u);
  affine(h, p.Uu, u);
  const r = p.br.slice();
  affine(z, p.Wr, r);
  affine(h, p.Ur, r);
  for (let j = 0; j < dHidden; j++) {
    u[j] = sigmoid(u[j] as number);
    r[j] = sigmoid(r[j] as number);
  }
  const rh = Float32Array.from(h, (x, j) => x * (r[j] as number));
  const c = p.bc.slice();
  affine(z, p.Wc, c);
  affine(rh, p.Uc, c);
  const next = new Float32Array(dHidden);
  for (let j = 0; j < dHidden; j++) {
    const uj = u[j] as number;
    next[j] = (1 - uj) * (h[j] as number) + uj * Math.tanh(c[j] as number);
  }
  const hid = p.h1.slice();
  affine(z, p.H1, hid);
  affine(next, p.H1, hid, dModel);
  for (let j = 0; j < hid.length; j++) hid[j] = Math.tanh(hid[j] as number);
  const action = p.h2.slice();
  affine(hid, p.H2, action);
  return { action, h: next };
}
