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
  /** memory state width */
  dHidden: number;
  dAction: number;
  /** action head hidden width */
  dHead: number;
}

export interface GruTensors {
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

export interface GruParams extends GruTensors {
  config: GruConfig;
  data: Float32Array;
}

export function gruTensorShapes(c: GruConfig): [keyof GruTensors, number[]][] {
  const { dModel: m, dHidden: h, dAction: a, dHead: d } = c;
  return [
    ['Wu', [m, h]],
    ['Uu', [h, h]],
    ['bu', [h]],
    ['Wr', [m, h]],
    ['Ur', [h, h]],
    ['br', [h]],
    ['Wc', [m, h]],
    ['Uc', [h, h]],
    ['bc', [h]],
    ['H1', [m + h, d]],
    ['h1', [d]],
    ['H2', [d, a]],
    ['h2', [a]],
  ];
}

export function viewGruTensors(config: GruConfig, data: Float32Array): GruTensors {
  const out: Partial<GruTensors> = {};
  let offset = 0;
  for (const [name, shape] of gruTensorShapes(config)) {
    const n = shape.reduce((x, y) => x * y, 1);
    out[name] = data.subarray(offset, offset + n);
    offset += n;
  }
  if (offset !== data.length) throw new RangeError(`expected ${offset} values, got ${data.length}`);
  return out as GruTensors;
}

export function countGruParams(config: GruConfig): number {
  return gruTensorShapes(config).reduce((n, [, s]) => n + s.reduce((x, y) => x * y, 1), 0);
}

export function createGruParams(config: GruConfig, seed: number): GruParams {
  const rng = createRng(seed);
  const data = new Float32Array(countGruParams(config));
  const p: GruParams = { config, data, ...viewGruTensors(config, data) };
  for (const [name, shape] of gruTensorShapes(config)) {
    if (shape.length === 2) {
      const t = p[name];
      const s = 1 / Math.sqrt(shape[0] as number);
      for (let i = 0; i < t.length; i++) t[i] = rng.normal() * s;
    }
  }
  return p;
}

/** GRU state bytes: dHidden fp32 values per batch element. */
export function gruStateBytes(config: GruConfig, batch = 1): number {
  return config.dHidden * 4 * batch;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** out += x · M[rowOffset…] for M stored [rows, out.length] */
export function addMatVec(x: Float32Array, M: Float32Array, out: Float32Array, rowOffset = 0): void {
  const n = out.length;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    if (xi === 0) continue;
    const row = (rowOffset + i) * n;
    for (let j = 0; j < n; j++) out[j] = (out[j] as number) + xi * (M[row + j] as number);
  }
}

/** Intermediate values of one GRU step (kept for backpropagation). */
export interface GruStepCache {
  z: Float32Array;
  h: Float32Array;
  u: Float32Array;
  r: Float32Array;
  rh: Float32Array;
  c: Float32Array;
  next: Float32Array;
  y: Float32Array;
  action: Float32Array;
}

export function forwardGruStep(p: GruParams, h: Float32Array, z: Float32Array): GruStepCache {
  const { dHidden, dModel } = p.config;
  const u = p.bu.slice();
  addMatVec(z, p.Wu, u);
  addMatVec(h, p.Uu, u);
  const r = p.br.slice();
  addMatVec(z, p.Wr, r);
  addMatVec(h, p.Ur, r);
  for (let j = 0; j < dHidden; j++) {
    u[j] = sigmoid(u[j] as number);
    r[j] = sigmoid(r[j] as number);
  }
  const rh = Float32Array.from(h, (x, j) => x * (r[j] as number));
  const c = p.bc.slice();
  addMatVec(z, p.Wc, c);
  addMatVec(rh, p.Uc, c);
  const next = new Float32Array(dHidden);
  for (let j = 0; j < dHidden; j++) {
    c[j] = Math.tanh(c[j] as number);
    const uj = u[j] as number;
    next[j] = (1 - uj) * (h[j] as number) + uj * (c[j] as number);
  }
  const y = p.h1.slice();
  addMatVec(z, p.H1, y);
  addMatVec(next, p.H1, y, dModel);
  for (let j = 0; j < y.length; j++) y[j] = Math.tanh(y[j] as number);
  const action = p.h2.slice();
  addMatVec(y, p.H2, action);
  return { z: z.slice(), h: h.slice(), u, r, rh, c, next, y, action };
}

export function stepGru(
  p: GruParams,
  h: Float32Array,
  z: Float32Array,
): { action: Float32Array; h: Float32Array } {
  const c = forwardGruStep(p, h, z);
  return { action: c.action, h: c.next };
}
