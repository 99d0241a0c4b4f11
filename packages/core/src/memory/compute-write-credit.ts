import type { AuraMemParams } from './create-aura-mem-params.js';
import type { AuraMemStepCache } from './step-aura-mem.js';

/**
 * How the counterfactual write credit of a step is measured (see {@link computeWriteCredit}):
 *  - `tv`: Σ over the scored steps from t on of the total variation between the action distribution with the
 *    base schedule and with step t's write decision flipped (no targets used);
 *  - `loss`: Σ over the same steps of the cross-entropy increase the flip causes (the task loss's own targets).
 */
export type WriteCreditMeasure = 'tv' | 'loss';

export interface WriteCreditOptions {
  /** weight of the gate's cross-entropy toward the credit labels (mean over the window's steps) */
  weight: number;
  /** a step is labelled "action-relevant" (target 1) when its credit exceeds this */
  threshold: number;
  measure?: WriteCreditMeasure;
  /**
   * the schedule the counterfactual starts from: `always` = every step writes and the credit is what dropping
   * step t's write changes; `gate` = the current hard gate at the window's τ, step t's decision flipped, the
   * others held; `closed` = the same, but after the flip the gate re-decides every later step from the changed
   * memory (so a write that only changes later write decisions — a cue — gets credit too)
   */
  reference?: 'always' | 'gate' | 'closed';
  /**
   * weight of the positive labels in the cross-entropy, `−(w₊·y·log p + (1 − y)·log(1 − p))` (default 1). The
   * labels are noisy per step (the same kind of step is labelled 1 in one window and 0 in another), so the BCE
   * pulls p towards each kind's label rate; when every rate is below ½ a gate at τ 0.5 writes nothing of any kind
   * however well it ranks them. w₊ moves the level at which p settles to w₊·r/(w₊·r + 1 − r) for a kind with
   * label rate r, keeping the order of the kinds.
   */
  positiveWeight?: number;
}

interface Scratch {
  T: number;
  W: Float32Array;
  b: Float32Array;
  /** state before each step under the base schedule, (T+1)·(dKey·dVal) and (T+1)·dVal */
  Ws: Float32Array;
  bs: Float32Array;
  /** z·H1[:dModel] + h1 per step (constant under any schedule) */
  zh: Float32Array;
  /** base-schedule action distribution per step */
  probs: Float64Array;
  p: Float64Array;
  r: Float32Array;
  u: Float64Array;
  e: Float32Array;
  /** closed loop: z·Gz + Gb per step, the gate hidden, the gate read, the base decisions */
  gz: Float32Array;
  gh: Float32Array;
  m: Float32Array;
  dec: Uint8Array;
}

let scratch: Scratch | undefined;

function getScratch(params: AuraMemParams, T: number): Scratch {
  const { dKey, dVal, dAction, dHidden } = params.config;
  if (
    scratch &&
    scratch.T >= T &&
    scratch.W.length === dKey * dVal &&
    scratch.u.length === dHidden &&
    scratch.p.length === dAction
  )
    return scratch;
  scratch = {
    T,
    W: new Float32Array(dKey * dVal),
    b: new Float32Array(dVal),
    Ws: new Float32Array((T + 1) * dKey * dVal),
    bs: new Float32Array((T + 1) * dVal),
    zh: new Float32Array(T * dHidden),
    probs: new Float64Array(T * dAction),
    p: new Float64Array(dAction),
    r: new Float32Array(dVal),
    u: new Float64Array(dHidden),
    e: new Float32Array(dVal),
    gz: new Float32Array(T * params.config.dGate),
    gh: new Float32Array(params.config.dGate),
    m: new Float32Array(dVal),
    dec: new Uint8Array(T),
  };
  return scratch;
}

/**
 * Counterfactual write credit of every step of one window, from the model's own actions only: run the window's
 * steps under a base write schedule (`base[t]` = 1: write), then for each step t re-run the steps from t on with
 * t's decision flipped, and measure how much the actions of the scored steps from t on change (`measure`). A
 * write that is later overwritten, repeats what the memory already holds, or is never read changes nothing and
 * gets ≈ 0; a binding a later query reads gets > 0. Forward only, O(T²) memory updates (each dKey·dVal) plus
 * one action head per scored step and flip.
 *
 * `caches` are the window's forward caches (only z, k, v, q and n are used: they do not depend on the state);
 * `initial` is the state the window starts from (zero if absent); `decisions`, if given, receives the base run's
 * decision per step (with `closedTau`, the gate's own). With `only`, step `only`'s credit alone is computed (the
 * others are left at 0). Exactly the arithmetic of {@link forwardAuraMemStep} for the memory; the head in float64.
 */
export function computeWriteCredit(
  params: AuraMemParams,
  caches: readonly AuraMemStepCache[],
  targets: readonly number[],
  base: ArrayLike<number>,
  measure: WriteCreditMeasure = 'tv',
  initial?: { W: Float32Array; b: Float32Array },
  out: Float64Array = new Float64Array(targets.length),
  closedTau?: number,
  decisions?: Uint8Array,
  only?: number,
): Float64Array {
  const { dModel, dKey, dVal, dAction, dHidden } = params.config;
  if (params.config.forget === true)
    throw new Error('computeWriteCredit does not model the forgetting factor (AuraMemConfig.forget)');
  const T = targets.length;
  const s = getScratch(params, T);
  const KV = dKey * dVal;
  const scored: number[] = [];
  for (let t = 0; t < T; t++) if ((targets[t] as number) >= 0) scored.push(t);

  // constant part of the head per scored step
  for (const t of scored) {
    const z = (caches[t] as AuraMemStepCache).z;
    const o = t * dHidden;
    for (let j = 0; j < dHidden; j++) s.zh[o + j] = params.h1[j] as number;
    for (let i = 0; i < dModel; i++) {
      const zi = z[i] as number;
      const row = i * dHidden;
      for (let j = 0; j < dHidden; j++)
        s.zh[o + j] = (s.zh[o + j] as number) + zi * (params.H1[row + j] as number);
    }
  }

  const { dGate } = params.config;
  const closed = closedTau !== undefined;
  const tau32 = Math.fround(closedTau ?? 0.5);
  if (closed) {
    for (let t = 0; t < T; t++) {
      const z = (caches[t] as AuraMemStepCache).z;
      const o = t * dGate;
      for (let j = 0; j < dGate; j++) s.gz[o + j] = params.Gb[j] as number;
      for (let i = 0; i < dModel; i++) {
        const zi = z[i] as number;
        if (zi === 0) continue;
        const row = i * dGate;
        for (let j = 0; j < dGate; j++)
          s.gz[o + j] = (s.gz[o + j] as number) + zi * (params.Gz[row + j] as number);
      }
    }
  }
  // prediction error of step t against (W, b) into s.e (unscaled)
  const predictionError = (t: number, W: Float32Array, b: Float32Array) => {
    const c = caches[t] as AuraMemStepCache;
    const e = s.e;
    e.set(b);
    for (let i = 0; i < dKey; i++) {
      const ki = c.k[i] as number;
      if (ki === 0) continue;
      const row = i * dVal;
      for (let j = 0; j < dVal; j++) e[j] = (e[j] as number) + ki * (W[row + j] as number);
    }
    for (let j = 0; j < dVal; j++) e[j] = (c.v[j] as number) - (e[j] as number);
  };
  // the gate's hard decision at step t (closed loop), from the state before the step; s.e must hold its error
  const decide = (t: number, W: Float32Array, b: Float32Array): number => {
    const c = caches[t] as AuraMemStepCache;
    let sq = 0;
    for (let j = 0; j < dVal; j++) sq += (s.e[j] as number) * (s.e[j] as number);
    const sg = Math.log(1 + Math.fround(sq / dVal));
    const gh = s.gh;
    gh.set(s.gz.subarray(t * dGate, (t + 1) * dGate));
    if (params.config.gateRead) {
      const m = s.m;
      m.set(b);
      for (let i = 0; i < dKey; i++) {
        const ki = c.kg[i] as number;
        if (ki === 0) continue;
        const row = i * dVal;
        for (let j = 0; j < dVal; j++) m[j] = (m[j] as number) + ki * (W[row + j] as number);
      }
      for (let i = 0; i < dVal; i++) {
        const mi = m[i] as number;
        if (mi === 0) continue;
        const row = i * dGate;
        for (let j = 0; j < dGate; j++) gh[j] = (gh[j] as number) + mi * (params.Gm[row + j] as number);
      }
    }
    let logit = params.Gc[0] as number;
    for (let j = 0; j < dGate; j++)
      logit += Math.tanh((gh[j] as number) + sg * (params.Gs[j] as number)) * (params.Go[j] as number);
    const p = Math.fround(logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit)));
    return p > tau32 ? 1 : 0;
  };
  // applies step t's write to (W, b); s.e must hold its prediction error
  const applyWrite = (t: number, W: Float32Array, b: Float32Array) => {
    const c = caches[t] as AuraMemStepCache;
    const e = s.e;
    for (let j = 0; j < dVal; j++) e[j] = Math.fround((e[j] as number) * c.n);
    for (let j = 0; j < dVal; j++) b[j] = (b[j] as number) + (e[j] as number);
    for (let i = 0; i < dKey; i++) {
      const ki = c.k[i] as number;
      const row = i * dVal;
      for (let j = 0; j < dVal; j++) W[row + j] = (W[row + j] as number) + Math.fround(ki * (e[j] as number));
    }
  };
  // one step under decision `flip` (−1: the base/closed-loop decision; 0/1: forced); returns the decision
  const step = (t: number, W: Float32Array, b: Float32Array, forced: number): number => {
    let d: number;
    if (forced >= 0) d = forced;
    else if (!closed) d = base[t] ? 1 : 0;
    else {
      predictionError(t, W, b);
      d = decide(t, W, b);
      if (d) applyWrite(t, W, b);
      return d;
    }
    if (d) {
      predictionError(t, W, b);
      applyWrite(t, W, b);
    }
    return d;
  };
  // action distribution of scored step t from the state after its write into s.p
  const act = (t: number, W: Float32Array, b: Float32Array) => {
    const c = caches[t] as AuraMemStepCache;
    const r = s.r;
    r.set(b);
    for (let i = 0; i < dKey; i++) {
      const qi = c.q[i] as number;
      const row = i * dVal;
      for (let j = 0; j < dVal; j++) r[j] = (r[j] as number) + qi * (W[row + j] as number);
    }
    const u = s.u;
    const o = t * dHidden;
    for (let j = 0; j < dHidden; j++) u[j] = s.zh[o + j] as number;
    for (let i = 0; i < dVal; i++) {
      const ri = r[i] as number;
      const row = (dModel + i) * dHidden;
      for (let j = 0; j < dHidden; j++) u[j] = (u[j] as number) + ri * (params.H1[row + j] as number);
    }
    for (let j = 0; j < dHidden; j++) u[j] = Math.tanh(u[j] as number);
    const p = s.p;
    let max = -Infinity;
    for (let a = 0; a < dAction; a++) {
      let x = params.h2[a] as number;
      for (let j = 0; j < dHidden; j++) x += (u[j] as number) * (params.H2[j * dAction + a] as number);
      p[a] = x;
      if (x > max) max = x;
    }
    let sum = 0;
    for (let a = 0; a < dAction; a++) {
      p[a] = Math.exp((p[a] as number) - max);
      sum += p[a] as number;
    }
    for (let a = 0; a < dAction; a++) p[a] = (p[a] as number) / sum;
  };

  // base schedule: states before every step and the action distributions at scored steps
  if (initial) {
    s.Ws.set(initial.W, 0);
    s.bs.set(initial.b, 0);
  } else {
    s.Ws.fill(0, 0, KV);
    s.bs.fill(0, 0, dVal);
  }
  for (let t = 0; t < T; t++) {
    s.W.set(s.Ws.subarray(t * KV, (t + 1) * KV));
    s.b.set(s.bs.subarray(t * dVal, (t + 1) * dVal));
    s.dec[t] = step(t, s.W, s.b, -1);
    s.Ws.set(s.W, (t + 1) * KV);
    s.bs.set(s.b, (t + 1) * dVal);
    if ((targets[t] as number) >= 0) {
      act(t, s.W, s.b);
      s.probs.set(s.p, t * dAction);
    }
  }

  // flip each step's decision and roll on
  const lastScored = scored.length ? (scored[scored.length - 1] as number) : -1;
  for (let f = 0; f < T; f++) {
    out[f] = 0;
    if (f > lastScored || (only !== undefined && f !== only)) continue;
    s.W.set(s.Ws.subarray(f * KV, (f + 1) * KV));
    s.b.set(s.bs.subarray(f * dVal, (f + 1) * dVal));
    let credit = 0;
    for (let t = f; t <= lastScored; t++) {
      step(t, s.W, s.b, t === f ? 1 - (s.dec[t] as number) : -1);
      const target = targets[t] as number;
      if (target < 0) continue;
      act(t, s.W, s.b);
      const o = t * dAction;
      if (measure === 'tv') {
        let tv = 0;
        for (let a = 0; a < dAction; a++) tv += Math.abs((s.p[a] as number) - (s.probs[o + a] as number));
        credit += tv / 2;
      } else {
        credit +=
          Math.log(Math.max(1e-30, s.probs[o + target] as number)) -
          Math.log(Math.max(1e-30, s.p[target] as number));
      }
    }
    out[f] = credit;
  }
  if (decisions) decisions.set(s.dec.subarray(0, T));
  return out;
}
