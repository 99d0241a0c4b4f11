import { type AuraMemParams, type AuraMemState, forgetFactor } from './create-aura-mem-params.js';

/**
 * Everything one step computes; kept by the trainer for the backward pass. Arrays are owned by the
 * cache and overwritten on reuse.
 */
export interface AuraMemStepCache {
  z: Float32Array;
  /** nonlinear write key: hidden activations tanh(z·Kh + kc) (empty when off) */
  kh: Float32Array;
  k: Float32Array;
  v: Float32Array;
  q: Float32Array;
  /** e = v − (kᵀW + b), the inner prediction error before the write */
  e: Float32Array;
  /**
   * forget: the write's error against the decayed state, e_w = v − γ·(kᵀW + b) (the same array as `e` when
   * the option is off)
   */
  ew: Float32Array;
  /** forget: γ = σ(gf) (1 when off) */
  gamma: number;
  /** surprise s = mean(e²) */
  surprise: number;
  /** v2 gate read: gate key kg = z·Wg (+ cg) and read m = kg·W + b (before the write); empty when off */
  kg: Float32Array;
  m: Float32Array;
  /** gate memory heads: M/R with M = Hq·W + b (before the write), flattened [R·dVal]; empty when off */
  mh: Float32Array;
  /** gate MLP hidden activations tanh(·) */
  gh: Float32Array;
  /** gate probability p = σ(logit) */
  gate: number;
  /** n = 1 / (‖k‖² + 1), the normalised delta-rule step */
  n: number;
  /** write amount actually applied (0 or 1 at inference; p for the relaxed surrogate) */
  g: number;
  /** state before this step */
  Wprev: Float32Array;
  bprev: Float32Array;
  /** state after this step's write decision */
  Wnext: Float32Array;
  bnext: Float32Array;
  /** read r = qᵀW_next + b_next */
  r: Float32Array;
  /** action head hidden tanh(·) */
  u: Float32Array;
  /** action logits */
  action: Float32Array;
}

export function createStepCache(params: AuraMemParams): AuraMemStepCache {
  const { dModel, dKey, dVal, dGate, dHidden, dAction } = params.config;
  const read = params.config.gateRead === true;
  const e = new Float32Array(dVal);
  return {
    ew: params.config.forget === true ? new Float32Array(dVal) : e,
    gamma: 1,
    kg: new Float32Array(read ? dKey : 0),
    m: new Float32Array(read ? dVal : 0),
    mh: new Float32Array((params.config.gateMemoryHeads ?? 0) * dVal),
    z: new Float32Array(dModel),
    kh: new Float32Array(params.config.keyHidden ?? 0),
    k: new Float32Array(dKey),
    v: new Float32Array(dVal),
    q: new Float32Array(dKey),
    e,
    surprise: 0,
    gh: new Float32Array(dGate),
    gate: 0,
    n: 0,
    g: 0,
    Wprev: new Float32Array(dKey * dVal),
    bprev: new Float32Array(dVal),
    Wnext: new Float32Array(dKey * dVal),
    bnext: new Float32Array(dVal),
    r: new Float32Array(dVal),
    u: new Float32Array(dHidden),
    action: new Float32Array(dAction),
  };
}

/** y = x · M for M stored [xs.length, out] row-major (x may be the concatenation of two vectors). */
function matVec(x: Float32Array, M: Float32Array, out: Float32Array, rowOffset = 0): void {
  const m = out.length;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    if (xi === 0) continue;
    const row = (rowOffset + i) * m;
    for (let j = 0; j < m; j++) out[j] = (out[j] as number) + xi * (M[row + j] as number);
  }
}

/**
 * The write key k = z·Wk, plus tanh(z·Kh + kc)·Ko with the nonlinear write key (`kh` receives the hidden
 * activations). `k` and `kh` are overwritten.
 */
export function computeWriteKey(
  params: Pick<AuraMemParams, 'Wk' | 'Kh' | 'kc' | 'Ko'>,
  z: Float32Array,
  k: Float32Array,
  kh: Float32Array = new Float32Array(params.kc.length),
): Float32Array {
  k.fill(0);
  matVec(z, params.Wk, k);
  if (params.kc.length > 0) {
    kh.set(params.kc);
    matVec(z, params.Kh, kh);
    for (let u = 0; u < kh.length; u++) kh[u] = Math.tanh(kh[u] as number);
    matVec(kh, params.Ko, k);
  }
  return k;
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * Decides how much to write given the gate probability and surprise: return 1 (write) or 0 (keep) at
 * inference; the trainer's relaxed surrogate may return p itself.
 */
export type WriteAmount = (gate: number, surprise: number) => number;

/**
 * One AURA-Mem step, the reference semantics the ONNX graph reproduces:
 *
 *   k = z·Wk, v = z·Wv, q = z·Wq
 *   (nonlinear write key: k = z·Wk + tanh(z·Kh + kc)·Ko)
 *   e = v − (k·W + b),  s = mean(e²)                       (inner prediction error = surprise)
 *   p = σ(Go · tanh(z·Gz + log(1+s)·Gs + Gb [+ m·Gm]) + Gc)  (gate probability; v2 adds the
 *                                                            gate's own read m = (z·Wg [+ cg])·W + b)
 *   n = 1 / (‖k‖² + 1)
 *   W' = W + g·n·k⊗e,  b' = b + g·n·e                        (normalised delta rule on [k; 1])
 *   with `forget` (γ = σ(gf)), on a write instead:
 *   e_w = v − γ·(k·W + b),  W' = γ·W + n·k⊗e_w,  b' = γ·b + n·e_w  (g = 1; for a relaxed amount g the
 *                                                            interpolation W + g·(W'₁ − W); g = 0 keeps W, b)
 *   r = q·W' + b'                                            (read after the write decision)
 *   action = tanh([z, r]·H1 + h1)·H2 + h2
 *
 * With g = 1 the update moves the prediction for k exactly onto v (k·W' + b' = v).
 */
export function forwardAuraMemStep(
  params: AuraMemParams,
  Wprev: Float32Array,
  bprev: Float32Array,
  z: Float32Array,
  writeAmount: WriteAmount,
  c: AuraMemStepCache,
): AuraMemStepCache {
  const { dKey, dVal } = params.config;
  c.z.set(z);
  c.Wprev.set(Wprev);
  c.bprev.set(bprev);
  c.v.fill(0);
  c.q.fill(0);
  computeWriteKey(params, z, c.k, c.kh);
  matVec(z, params.Wv, c.v);
  matVec(z, params.Wq, c.q);

  // prediction k·W + b and its error
  c.e.set(bprev);
  matVec(c.k, Wprev, c.e);
  let s = 0;
  const forget = params.config.forget === true;
  c.gamma = forgetFactor(params);
  for (let j = 0; j < dVal; j++) {
    // forget: the write's error against the decayed state, e_w = v − γ·pred
    if (forget) c.ew[j] = Math.fround((c.v[j] as number) - Math.fround(c.gamma * (c.e[j] as number)));
    const ej = (c.v[j] as number) - (c.e[j] as number);
    c.e[j] = ej;
    s += (c.e[j] as number) * (c.e[j] as number);
  }
  c.surprise = Math.fround(s / dVal);

  // gate
  const sg = Math.log(1 + c.surprise);
  c.gh.set(params.Gb);
  matVec(z, params.Gz, c.gh);
  if (params.config.gateRead) {
    if (params.cg.length > 0) c.kg.set(params.cg);
    else c.kg.fill(0);
    matVec(z, params.Wg, c.kg);
    c.m.set(bprev);
    matVec(c.kg, Wprev, c.m);
    matVec(c.m, params.Gm, c.gh);
  }
  if (c.mh.length > 0) {
    // M/R: the reads enter the gate averaged over the heads, so a step of Hm moves the gate as much as a
    // step of the single read's Gm does (Adam moves every weight by about the learning rate; unscaled, the
    // R·dVal-wide sum closed the gate within 100 soft iterations)
    const heads = c.mh.length / dVal;
    for (let h = 0; h < heads; h++) {
      const mh = c.mh.subarray(h * dVal, (h + 1) * dVal);
      mh.set(bprev);
      matVec(params.Hq.subarray(h * dKey, (h + 1) * dKey), Wprev, mh);
      for (let j = 0; j < dVal; j++) mh[j] = (mh[j] as number) / heads;
    }
    matVec(c.mh, params.Hm, c.gh);
  }
  let logit = params.Gc[0] as number;
  for (let j = 0; j < c.gh.length; j++) {
    const h = Math.tanh((c.gh[j] as number) + sg * (params.Gs[j] as number));
    c.gh[j] = h;
    logit += (c.gh[j] as number) * (params.Go[j] as number);
  }
  c.gate = Math.fround(sigmoid(logit));

  // write
  let kk = 0;
  for (let i = 0; i < dKey; i++) kk += (c.k[i] as number) * (c.k[i] as number);
  c.n = Math.fround(1 / (Math.fround(kk) + 1));
  const g = writeAmount(c.gate, c.surprise);
  c.g = g;
  c.Wnext.set(Wprev);
  c.bnext.set(bprev);
  if (g !== 0 && forget) {
    const gm = c.gamma;
    for (let j = 0; j < dVal; j++) {
      const b0 = c.bprev[j] as number;
      const bw = Math.fround(Math.fround(gm * b0) + Math.fround((c.ew[j] as number) * c.n));
      c.bnext[j] = g === 1 ? bw : b0 + g * (bw - b0);
    }
    for (let i = 0; i < dKey; i++) {
      const ki = c.k[i] as number;
      const row = i * dVal;
      for (let j = 0; j < dVal; j++) {
        const w0 = c.Wprev[row + j] as number;
        const ne = Math.fround((c.ew[j] as number) * c.n);
        const ww = Math.fround(Math.fround(gm * w0) + Math.fround(ki * ne));
        c.Wnext[row + j] = g === 1 ? ww : w0 + g * (ww - w0);
      }
    }
  } else if (g !== 0) {
    for (let j = 0; j < dVal; j++) {
      const ne = Math.fround((c.e[j] as number) * c.n);
      c.bnext[j] = (c.bnext[j] as number) + g * ne;
    }
    for (let i = 0; i < dKey; i++) {
      const ki = c.k[i] as number;
      const row = i * dVal;
      for (let j = 0; j < dVal; j++) {
        const ne = Math.fround((c.e[j] as number) * c.n);
        c.Wnext[row + j] = (c.Wnext[row + j] as number) + g * Math.fround(ki * ne);
      }
    }
  }

  // read and action head
  c.r.set(c.bnext);
  matVec(c.q, c.Wnext, c.r);
  c.u.set(params.h1);
  matVec(z, params.H1, c.u);
  matVec(c.r, params.H1, c.u, params.config.dModel);
  for (let j = 0; j < c.u.length; j++) c.u[j] = Math.tanh(c.u[j] as number);
  c.action.set(params.h2);
  matVec(c.u, params.H2, c.action);
  return c;
}

export interface AuraMemStepResult {
  action: Float32Array;
  gate: number;
  surprise: number;
  wrote: boolean;
  state: AuraMemState;
}

/**
 * One inference step with the learned gate at threshold τ (write iff gate > τ), returning a fresh
 * next state. Equivalent to one `session.run` of the exported ONNX graph.
 */
export function stepAuraMem(
  params: AuraMemParams,
  state: AuraMemState,
  z: Float32Array,
  tau: number,
  cache: AuraMemStepCache = createStepCache(params),
): AuraMemStepResult {
  const tau32 = Math.fround(tau);
  forwardAuraMemStep(params, state.W, state.b, z, (p) => (p > tau32 ? 1 : 0), cache);
  return {
    action: cache.action.slice(),
    gate: cache.gate,
    surprise: cache.surprise,
    wrote: cache.g === 1,
    state: { W: cache.Wnext.slice(), b: cache.bnext.slice() },
  };
}
