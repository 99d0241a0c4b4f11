import { computeKeyAux, keySlotLabels } from './compute-key-aux.js';
import { computeWriteCredit, type WriteCreditOptions } from './compute-write-credit.js';
import { createAdam } from './create-adam.js';
import {
  type AuraMemConfig,
  type AuraMemParams,
  countParams,
  createAuraMemParams,
  type TensorName,
  viewTensors,
} from './create-aura-mem-params.js';
import { type Backbone, createBackbone } from './create-backbone.js';
import { createRng } from './create-rng.js';
import { addOuter, matTVec } from './dense-kernels.js';
import {
  continueTaskEpisode,
  futureEpisodeSeed,
  generateTaskEpisode,
  isRelevantStep,
  obsDimsOf,
  type StepKind,
  type TaskConfig,
  type TaskEpisode,
  trainEpisodeSeed,
} from './generate-task-episode.js';
import { type AuraMemStepCache, createStepCache, forwardAuraMemStep } from './step-aura-mem.js';

/**
 * How the binary write decision is differentiated during training:
 *  - `soft`: relaxed gate, the write amount is p itself (exact gradients; used for warm-up and the
 *    finite-difference check);
 *  - `ste`: straight-through estimator, the forward pass writes iff p > tauTrain (as at inference)
 *    and the backward pass treats the write amount as if it were p;
 *  - `relaxed` (v2): the write amount is σ((logit p − logit τ)/T) with temperature `relaxTemp`, exact
 *    gradients; T = 1 at τ = 0.5 is `soft`, T → 0 is the hard decision. Annealing T bridges the two
 *    without the jump from partial to all-or-nothing writes.
 */
export type GateMode = 'soft' | 'ste' | 'relaxed';

/**
 * How the gate's logit learns from the task loss in `ste` mode (docs/aura-mem.md "A gate gradient that prices
 * the skip"):
 *  - absent: straight-through, the write amount's gradient as if the amount were p — it prices a write by a
 *    small partial write;
 *  - `flip`: the discrete difference ∂L/∂p_t = L(write_t) − L(skip_t), the change in the window's cross-entropy
 *    (summed over its scored steps, divided by their number as the loss is) when step t's hard decision is
 *    flipped ({@link computeWriteCredit}, measure `loss`), the other decisions held (`gate`) or re-decided by the
 *    gate from the changed memory (`closed`). A one-sample estimate of the gradient of the expected loss under
 *    a threshold drawn uniformly per step; the rest of the layer keeps its exact gradients through the hard
 *    forward pass.
 */
export type GateEstimator =
  | {
      kind: 'flip';
      reference: 'gate' | 'closed';
      /**
       * how ΔL_t reaches the logit: `probability` (default) ΔL_t·p(1 − p), the gradient through p; `logit` ΔL_t
       * itself, so a step whose p is near 0 or 1 keeps being pushed (a closed off-channel binding keeps its push
       * shut while relevant ones pull the shared parameters open)
       */
      weighting?: 'probability' | 'logit';
    }
  /**
   * `flip-label`: the same counterfactual read as a label, y_t = 1 when writing lowers the window's summed
   * cross-entropy by more than `margin` (L(write_t) − L(skip_t) < −margin), and the gate's logit gets
   * weight·mean_t BCE(p_t, y_t) instead of any task-loss gradient: every step pulls with the same force, where
   * `flip` weighs it by the size of its loss difference and by p(1 − p)
   */
  | {
      kind: 'flip-label';
      reference: 'gate' | 'closed';
      weight: number;
      margin: number;
      /**
       * K > 0: each step's L(write_t) − L(skip_t) is averaged over its window's own future and the K other futures
       * in `EpisodeData.futureSuffixes` (the steps from t on, redrawn by the task simulator after t) before it is
       * read as a label — an estimate of the expected loss difference given the window up to t
       * (docs/aura-mem.md, "The same signal averaged over other futures")
       */
      futures?: number;
    };

export interface LossOptions {
  gateMode: GateMode;
  /** threshold of the hard forward decision in `ste` mode (and the centre of `relaxed`) */
  tauTrain: number;
  /** temperature T of the `relaxed` gate */
  relaxTemp?: number;
  /**
   * a fixed write schedule for this window (1 = write): replaces the gate's decision in the forward pass
   * and the gate gets no gradient from it (retraining a layer for a random or periodic schedule)
   */
  forcedWrites?: Uint8Array;
  /** weight λ of the write-sparsity penalty λ·mean_t(p_t) */
  sparsity: number;
  /**
   * weight β of the action information-bottleneck term −β·mean_t(p_t·Δ_t), where Δ_t is the total
   * variation between this step's action distribution with and without its write (held constant: the
   * term only shapes the gate, rewarding writes that change the action). 0 = off (v1).
   */
  actionIb?: number;
  /**
   * counterfactual write credit (see {@link computeWriteCredit}): each step is labelled action-relevant when
   * flipping its write decision changes the later scored actions by more than a threshold, and the gate gets
   * weight·mean_t BCE(p_t, label_t) beside the other terms (labels held constant). Off when absent.
   */
  writeCredit?: WriteCreditOptions;
  /**
   * weight of the key-addressing auxiliary loss ({@link computeKeyAux}) on the write keys of the episode's
   * binding steps, from `EpisodeData.keySlots` (training-only labels); reaches Wk only. Off when absent or 0.
   */
  keyAux?: number;
  /**
   * weight w of the gate relevance-label auxiliary loss w·mean_t BCE(p_t, y_t), from
   * `EpisodeData.gateLabels` (the task generator's relevance per step: training-only labels, an upper bound
   * on what the gate can learn from its inputs). ∂/∂logit = w·(p − y) on the gate's logit before τ, so it
   * reaches the gate MLP and, through the surprise and the gate read, the projections and the state. The gate
   * still decides from content. Off when absent or 0.
   */
  gateLabelAux?: number;
  /** `ste` mode: how the gate's logit learns from the task loss ({@link GateEstimator}); straight-through when absent */
  gateEstimator?: GateEstimator;
}

export interface EpisodeData {
  z: Float32Array[];
  /** action target per step, −1 where the step is not scored */
  targets: number[];
  /**
   * training-only labels for the `keyAux` term: key slot of each binding step, −1 elsewhere
   * ({@link keySlotLabels}); never seen by the layer
   */
  keySlots?: Int32Array;
  /**
   * training-only labels for the `gateLabelAux` term: 1 on the relevant steps (cue and relevant bindings,
   * {@link isRelevantStep}), 0 elsewhere ({@link gateRelevanceLabels}); never seen by the layer
   */
  gateLabels?: Uint8Array;
  /**
   * flip-label with `futures`: per step t, other futures of the window from t on (step t itself and the state
   * before it unchanged; only the steps after t redrawn), each encoded as its own {@link EpisodeData} of the
   * steps t…; a step without any keeps its one-future signal. Training only; never seen by the layer.
   */
  futureSuffixes?: (EpisodeData[] | undefined)[];
}

/**
 * The gate's cross-entropy against a 0/1 label, −(w₊·y·log p + (1 − y)·log(1 − p)), shared by the write-credit
 * and the relevance-label terms; p clamped away from 0 and 1.
 */
function gateBce(gate: number, label: number, positiveWeight = 1): number {
  const p = Math.min(1 - 1e-7, Math.max(1e-7, gate));
  return label ? -positiveWeight * Math.log(p) : -Math.log(1 - p);
}

/** ∂{@link gateBce}/∂logit: w₊·y·(p − 1) + (1 − y)·p. */
function gateBceGrad(gate: number, label: number, positiveWeight = 1): number {
  return label ? positiveWeight * (gate - 1) : gate;
}

/** The generator's relevance label per step (1 = cue or relevant binding): the oracle schedule's steps. */
export function gateRelevanceLabels(steps: readonly { kind: StepKind }[]): Uint8Array {
  return Uint8Array.from(steps, (s) => (isRelevantStep(s.kind) ? 1 : 0));
}

export interface EpisodeLoss {
  /** total loss: mean cross-entropy over scored steps + λ·mean gate probability */
  loss: number;
  crossEntropy: number;
  queries: number;
  correct: number;
  steps: number;
  writes: number;
  meanGate: number;
  /** mean over steps of Δ_t, the action change a write causes (0 when the IB term is off) */
  meanActionChange: number;
  /** write credit: fraction of steps labelled action-relevant (0 when off) */
  creditLabelRate: number;
  /** keyAux: the term's value and the mean cosine of [k; 1] over same-slot / other-slot binding pairs (absent when off) */
  keyAux?: { loss: number; sameSlotCosine: number; otherSlotCosine: number };
  /**
   * gateLabelAux: the term's value (weighted), and the sums of p over the label-1 and label-0 steps with their
   * counts (absent when off)
   */
  gateLabelAux?: {
    loss: number;
    relevantGateSum: number;
    relevant: number;
    irrelevantGateSum: number;
    irrelevant: number;
  };
}

/** Reusable buffers for one episode's forward caches and backward accumulators. */
export interface Workspace {
  caches: AuraMemStepCache[];
  dW: Float32Array;
  db: Float32Array;
  dWn: Float32Array;
  dbn: Float32Array;
  dk: Float32Array;
  dv: Float32Array;
  dq: Float32Array;
  de: Float32Array;
  dr: Float32Array;
  du: Float32Array;
  dlog: Float32Array;
  dgh: Float32Array;
  dm: Float32Array;
  dkg: Float32Array;
  /** gate memory heads: ∂L/∂M [R·dVal] */
  dmh: Float32Array;
  /** forget: the part of ∂L/∂v that reaches it through the write error e_w */
  dvw: Float32Array;
  /** keyAux: ∂L_key/∂k per step (T × dKey) */
  dkAux: Float32Array;
  /** nonlinear write key: ∂L/∂(z·Kh + kc) */
  dkh: Float32Array;
  /** write credit per step and its labels */
  credit: Float64Array;
  creditLabel: Uint8Array;
  /** flip estimator: L(write_t) − L(skip_t) per step (summed cross-entropy) and the base decisions */
  flip: Float64Array;
  flipDecision: Uint8Array;
  /** flip-label estimator: its label per step, 1 where writing lowers the loss by more than the margin */
  flipLabel: Uint8Array;
  /** IB: per-step action change Δ_t, and scratch for the counterfactual head */
  delta: Float32Array;
  r0: Float32Array;
  r1: Float32Array;
  hu: Float32Array;
  ha: Float32Array;
  hb: Float32Array;
}

export function createWorkspace(params: AuraMemParams): Workspace {
  const { dKey, dVal, dAction, dGate, dHidden } = params.config;
  return {
    caches: [],
    dW: new Float32Array(dKey * dVal),
    db: new Float32Array(dVal),
    dWn: new Float32Array(dKey * dVal),
    dbn: new Float32Array(dVal),
    dk: new Float32Array(dKey),
    dv: new Float32Array(dVal),
    dq: new Float32Array(dKey),
    de: new Float32Array(dVal),
    dr: new Float32Array(dVal),
    du: new Float32Array(dHidden),
    dlog: new Float32Array(dAction),
    dgh: new Float32Array(dGate),
    dm: new Float32Array(dVal),
    dkg: new Float32Array(dKey),
    dmh: new Float32Array((params.config.gateMemoryHeads ?? 0) * dVal),
    dvw: new Float32Array(dVal),
    dkAux: new Float32Array(0),
    dkh: new Float32Array(params.config.keyHidden ?? 0),
    credit: new Float64Array(0),
    creditLabel: new Uint8Array(0),
    flip: new Float64Array(0),
    flipDecision: new Uint8Array(0),
    flipLabel: new Uint8Array(0),
    delta: new Float32Array(0),
    r0: new Float32Array(dVal),
    r1: new Float32Array(dVal),
    hu: new Float32Array(dHidden),
    ha: new Float32Array(dAction),
    hb: new Float32Array(dAction),
  };
}

/** softmax(head([z, r])) into `out` (the action head of step-aura-mem, for the IB counterfactual). */
function headProbs(
  params: AuraMemParams,
  z: Float32Array,
  r: Float32Array,
  u: Float32Array,
  out: Float32Array,
) {
  const { dModel } = params.config;
  const m = u.length;
  u.set(params.h1);
  for (let i = 0; i < z.length; i++) {
    const zi = z[i] as number;
    const row = i * m;
    for (let j = 0; j < m; j++) u[j] = (u[j] as number) + zi * (params.H1[row + j] as number);
  }
  for (let i = 0; i < r.length; i++) {
    const ri = r[i] as number;
    const row = (dModel + i) * m;
    for (let j = 0; j < m; j++) u[j] = (u[j] as number) + ri * (params.H1[row + j] as number);
  }
  for (let j = 0; j < m; j++) u[j] = Math.tanh(u[j] as number);
  const a = out.length;
  out.set(params.h2);
  for (let i = 0; i < m; i++) {
    const ui = u[i] as number;
    for (let j = 0; j < a; j++) out[j] = (out[j] as number) + ui * (params.H2[i * a + j] as number);
  }
  let max = -Infinity;
  for (let j = 0; j < a; j++) max = Math.max(max, out[j] as number);
  let sum = 0;
  for (let j = 0; j < a; j++) {
    out[j] = Math.exp((out[j] as number) - max);
    sum += out[j] as number;
  }
  for (let j = 0; j < a; j++) out[j] = (out[j] as number) / sum;
}

/**
 * Δ = total variation between the step's action distribution if it writes and if it does not. The
 * written read differs from the unwritten one by n·(q·k + 1)·e (delta rule on [k; 1]; with `forget` the
 * written read is γ·r0 + n·(q·k + 1)·e_w).
 */
function actionChange(params: AuraMemParams, c: AuraMemStepCache, ws: Workspace): number {
  const { dKey, dVal } = params.config;
  ws.r0.set(c.bprev);
  for (let i = 0; i < dKey; i++) {
    const qi = c.q[i] as number;
    const row = i * dVal;
    for (let j = 0; j < dVal; j++) ws.r0[j] = (ws.r0[j] as number) + qi * (c.Wprev[row + j] as number);
  }
  let qk = 1;
  for (let i = 0; i < dKey; i++) qk += (c.q[i] as number) * (c.k[i] as number);
  const s = c.n * qk;
  // forget: a write also decays the state, r1 = γ·r0 + n·(q·k + 1)·e_w
  const gm = c.gamma;
  for (let j = 0; j < dVal; j++) ws.r1[j] = gm * (ws.r0[j] as number) + s * (c.ew[j] as number);
  headProbs(params, c.z, ws.r0, ws.hu, ws.ha);
  headProbs(params, c.z, ws.r1, ws.hu, ws.hb);
  let tv = 0;
  for (let j = 0; j < ws.ha.length; j++) tv += Math.abs((ws.ha[j] as number) - (ws.hb[j] as number));
  return tv / 2;
}

let futureWs: { config: AuraMemParams['config']; ws: Workspace } | undefined;
let futureBuf = new Float64Array(0);
let futureBase = new Uint8Array(0);

/**
 * `ws.flip[t]` (L(write_t) − L(skip_t) on the window's own future) becomes its mean with the same difference on
 * each of `suffixes[t]`: a forward pass over the suffix from the state before step t (`ws.caches[t].Wprev/bprev`),
 * the base decisions the gate's own there at τ (re-made after the flip when `closedLoop`), then step t's flip
 * alone ({@link computeWriteCredit} with `only`). Forward only.
 */
function averageFlipOverFutures(
  params: AuraMemParams,
  ws: Workspace,
  suffixes: readonly (EpisodeData[] | undefined)[],
  tau: number,
  closedLoop: boolean,
): void {
  if (futureWs?.config !== params.config) futureWs = { config: params.config, ws: createWorkspace(params) };
  const fws = futureWs.ws;
  for (let t = 0; t < suffixes.length; t++) {
    const list = suffixes[t];
    if (!list || list.length === 0) continue;
    const c = ws.caches[t] as AuraMemStepCache;
    const start = { W: c.Wprev, b: c.bprev };
    let sum = ws.flip[t] as number;
    for (const suffix of list) {
      const n = suffix.z.length;
      computeEpisodeGradient(
        params,
        suffix,
        { gateMode: 'ste', tauTrain: tau, sparsity: 0 },
        undefined,
        fws,
        1,
        start,
      );
      if (futureBuf.length < n) {
        futureBuf = new Float64Array(n);
        futureBase = new Uint8Array(n);
      }
      for (let i = 0; i < n; i++) futureBase[i] = (fws.caches[i] as AuraMemStepCache).gate > tau ? 1 : 0;
      computeWriteCredit(
        params,
        fws.caches,
        suffix.targets,
        futureBase,
        'loss',
        start,
        futureBuf,
        closedLoop ? tau : undefined,
        futureBase,
        0,
      );
      const credit = futureBuf[0] as number;
      sum += futureBase[0] ? -credit : credit;
    }
    ws.flip[t] = sum / (list.length + 1);
  }
}

/**
 * Forward and backward (BPTT) over one episode — or one window of a longer stream — from the zero
 * state or from `initial` (a state carried over from the previous window: gradients are truncated
 * there). Adds dLoss/dθ into `grad` (same layout as `params.data`) scaled by `gradScale`, and returns
 * the loss; the state after the last step is `ws.caches[T−1].Wnext/bnext`. Hand-written backward of
 * exactly the ops in {@link forwardAuraMemStep}.
 */
export function computeEpisodeGradient(
  params: AuraMemParams,
  episode: EpisodeData,
  options: LossOptions,
  grad: Float32Array | undefined,
  ws: Workspace = createWorkspace(params),
  gradScale = 1,
  initial?: { W: Float32Array; b: Float32Array },
): EpisodeLoss {
  const { dModel, dKey, dVal, dAction } = params.config;
  const T = episode.z.length;
  while (ws.caches.length < T) ws.caches.push(createStepCache(params));
  const tau = Math.fround(options.tauTrain);
  const relaxT = options.relaxTemp ?? 1;
  const logitTau = Math.log(tau / (1 - tau));
  const relax = (p: number) => 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) - logitTau) / relaxT));
  const forced = options.forcedWrites;
  let stepIndex = 0;
  const amount = forced
    ? () => forced[stepIndex] as number
    : options.gateMode === 'soft'
      ? (p: number) => p
      : options.gateMode === 'relaxed'
        ? relax
        : (p: number) => (p > tau ? 1 : 0);

  // forward
  const W0 = initial ? initial.W : new Float32Array(dKey * dVal);
  const b0 = initial ? initial.b : new Float32Array(dVal);
  const ib = options.actionIb ?? 0;
  if (ws.delta.length < T) ws.delta = new Float32Array(T);
  let deltaSum = 0;
  let queries = 0;
  for (const t of episode.targets) if (t >= 0) queries++;
  let ce = 0;
  let correct = 0;
  let writes = 0;
  let gateSum = 0;
  for (let t = 0; t < T; t++) {
    stepIndex = t;
    const prev = t === 0 ? undefined : (ws.caches[t - 1] as AuraMemStepCache);
    const c = ws.caches[t] as AuraMemStepCache;
    forwardAuraMemStep(
      params,
      prev ? prev.Wnext : W0,
      prev ? prev.bnext : b0,
      episode.z[t] as Float32Array,
      amount,
      c,
    );
    gateSum += c.gate;
    if (forced ? c.g === 1 : c.gate > tau) writes++;
    if (ib !== 0) {
      const d = actionChange(params, c, ws);
      ws.delta[t] = d;
      deltaSum += d;
    }
    const target = episode.targets[t] as number;
    if (target >= 0) {
      let max = -Infinity;
      let best = 0;
      for (let j = 0; j < dAction; j++) {
        if ((c.action[j] as number) > max) {
          max = c.action[j] as number;
          best = j;
        }
      }
      let sum = 0;
      for (let j = 0; j < dAction; j++) sum += Math.exp((c.action[j] as number) - max);
      ce += Math.log(sum) + max - (c.action[target] as number);
      if (best === target) correct++;
    }
  }
  const meanCe = queries ? ce / queries : 0;
  let ibSum = 0;
  if (ib !== 0)
    for (let t = 0; t < T; t++) ibSum += (ws.caches[t] as AuraMemStepCache).gate * (ws.delta[t] as number);
  // counterfactual write credit: labels from the model's own actions, a BCE on the gate toward them
  const wc = options.writeCredit;
  let creditLoss = 0;
  let creditLabels = 0;
  if (wc && wc.weight !== 0) {
    if (ws.credit.length < T) {
      ws.credit = new Float64Array(T);
      ws.creditLabel = new Uint8Array(T);
    }
    const base = new Uint8Array(T);
    for (let t = 0; t < T; t++)
      base[t] = wc.reference === 'gate' ? ((ws.caches[t] as AuraMemStepCache).gate > tau ? 1 : 0) : 1;
    for (let t = 0; t < T; t++)
      if (wc.reference === 'closed') base[t] = (ws.caches[t] as AuraMemStepCache).gate > tau ? 1 : 0;
    computeWriteCredit(
      params,
      ws.caches,
      episode.targets,
      base,
      wc.measure ?? 'tv',
      initial,
      ws.credit,
      wc.reference === 'closed' ? tau : undefined,
    );
    for (let t = 0; t < T; t++) {
      const y = (ws.credit[t] as number) > wc.threshold ? 1 : 0;
      ws.creditLabel[t] = y;
      creditLabels += y;
      creditLoss += gateBce((ws.caches[t] as AuraMemStepCache).gate, y, wc.positiveWeight);
    }
  }
  // flip estimator: the loss difference each step's hard decision makes, from the model's own counterfactuals
  const estimator = options.gateMode === 'ste' && !forced ? options.gateEstimator : undefined;
  const flip = !!estimator && (!!grad || estimator.kind === 'flip-label');
  let flipLabelLoss = 0;
  if (flip) {
    if (ws.flip.length < T) {
      ws.flip = new Float64Array(T);
      ws.flipDecision = new Uint8Array(T);
      ws.flipLabel = new Uint8Array(T);
    }
    const closedLoop = estimator?.reference === 'closed';
    if (closedLoop && (params.config.gateMemoryHeads ?? 0) > 0)
      throw new Error('the closed-loop flip estimator does not model gate memory heads');
    const base = ws.flipDecision;
    for (let t = 0; t < T; t++) base[t] = (ws.caches[t] as AuraMemStepCache).gate > tau ? 1 : 0;
    computeWriteCredit(
      params,
      ws.caches,
      episode.targets,
      base,
      'loss',
      initial,
      ws.flip,
      closedLoop ? tau : undefined,
      base,
    );
    // credit = L(flipped) − L(base): L(write) − L(skip) is −credit where the base wrote, credit where it skipped
    for (let t = 0; t < T; t++) if (base[t]) ws.flip[t] = -(ws.flip[t] as number);
    if (estimator?.kind === 'flip-label' && (estimator.futures ?? 0) > 0 && episode.futureSuffixes)
      averageFlipOverFutures(params, ws, episode.futureSuffixes, tau, closedLoop);
    if (estimator?.kind === 'flip-label')
      for (let t = 0; t < T; t++) {
        const y = (ws.flip[t] as number) < -estimator.margin ? 1 : 0;
        ws.flipLabel[t] = y;
        flipLabelLoss += gateBce((ws.caches[t] as AuraMemStepCache).gate, y);
      }
  }
  // key-addressing auxiliary term on the write keys of the binding steps (training-only labels)
  const keyAuxWeight = options.keyAux ?? 0;
  const keyAux = keyAuxWeight !== 0;
  let keyAuxResult: EpisodeLoss['keyAux'];
  if (keyAux) {
    if (!episode.keySlots) throw new Error('keyAux needs EpisodeData.keySlots');
    if (ws.dkAux.length < T * dKey) ws.dkAux = new Float32Array(T * dKey);
    ws.dkAux.fill(0);
    keyAuxResult = computeKeyAux(
      ws.caches.slice(0, T).map((c) => c.k),
      episode.keySlots,
      keyAuxWeight,
      dKey,
      grad ? ws.dkAux : undefined,
      gradScale,
    );
  }
  // gate relevance-label term: BCE between p and the generator's label per step (training-only labels)
  const labelWeight = options.gateLabelAux ?? 0;
  const labels = labelWeight !== 0 ? episode.gateLabels : undefined;
  if (labelWeight !== 0 && !labels) throw new Error('gateLabelAux needs EpisodeData.gateLabels');
  let labelResult: EpisodeLoss['gateLabelAux'];
  if (labels) {
    let bce = 0;
    const r = { relevantGateSum: 0, relevant: 0, irrelevantGateSum: 0, irrelevant: 0 };
    for (let t = 0; t < T; t++) {
      const gate = (ws.caches[t] as AuraMemStepCache).gate;
      bce += gateBce(gate, labels[t] as number);
      if (labels[t] === 1) {
        r.relevantGateSum += gate;
        r.relevant++;
      } else {
        r.irrelevantGateSum += gate;
        r.irrelevant++;
      }
    }
    labelResult = { loss: (labelWeight * bce) / T, ...r };
  }
  const loss =
    meanCe +
    (options.sparsity * gateSum) / T -
    (ib * ibSum) / T +
    (wc ? (wc.weight * creditLoss) / T : 0) +
    (keyAuxResult ? keyAuxResult.loss : 0) +
    (labelResult ? labelResult.loss : 0) +
    (estimator?.kind === 'flip-label' ? (estimator.weight * flipLabelLoss) / T : 0);
  const result: EpisodeLoss = {
    loss,
    crossEntropy: meanCe,
    queries,
    correct,
    steps: T,
    writes,
    meanGate: gateSum / T,
    meanActionChange: deltaSum / T,
    creditLabelRate: creditLabels / T,
    ...(keyAuxResult ? { keyAux: keyAuxResult } : {}),
    ...(labelResult ? { gateLabelAux: labelResult } : {}),
  };
  if (!grad) return result;

  // backward
  const g = viewTensors(params.config, grad);
  const { dW, db, dWn, dbn, dk, dv, dq, de, dr, du, dlog, dgh, dm, dkg } = ws;
  const ibScale = (ib * gradScale) / T;
  const forget = params.config.forget === true;
  const dvw = ws.dvw;
  dWn.fill(0);
  dbn.fill(0);
  const ceScale = queries ? gradScale / queries : 0;
  const penalty = (options.sparsity * gradScale) / T;
  for (let t = T - 1; t >= 0; t--) {
    const c = ws.caches[t] as AuraMemStepCache;
    const target = episode.targets[t] as number;
    dq.fill(0);
    if (target >= 0) {
      // softmax cross-entropy
      let max = -Infinity;
      for (let j = 0; j < dAction; j++) max = Math.max(max, c.action[j] as number);
      let sum = 0;
      for (let j = 0; j < dAction; j++) sum += Math.exp((c.action[j] as number) - max);
      for (let j = 0; j < dAction; j++) {
        dlog[j] = (Math.exp((c.action[j] as number) - max) / sum - (j === target ? 1 : 0)) * ceScale;
      }
      addOuter(g.H2, c.u, dlog);
      for (let j = 0; j < dAction; j++) g.h2[j] = (g.h2[j] as number) + (dlog[j] as number);
      matTVec(params.H2, dlog, du);
      for (let j = 0; j < du.length; j++) du[j] = (du[j] as number) * (1 - (c.u[j] as number) ** 2);
      addOuter(g.H1, c.z, du);
      addOuter(g.H1, c.r, du, dModel);
      for (let j = 0; j < du.length; j++) g.h1[j] = (g.h1[j] as number) + (du[j] as number);
      matTVec(params.H1, du, dr, dModel);
      // read r = q·W' + b'
      matTVec(c.Wnext, dr, dq);
      addOuter(dWn, c.q, dr);
      for (let j = 0; j < dVal; j++) dbn[j] = (dbn[j] as number) + (dr[j] as number);
    }

    // write W' = W + g·n·k⊗e, b' = b + g·n·e; with forget W' = W + g·((γ−1)·W + n·k⊗e_w) (b alike),
    // e_w = v − γ·(k·W + b): the same arithmetic with e_w for e, plus the decay's terms
    const ew = c.ew;
    let cw = 0;
    for (let i = 0; i < dKey; i++) {
      const ki = c.k[i] as number;
      const row = i * dVal;
      for (let j = 0; j < dVal; j++) cw += (dWn[row + j] as number) * ki * (ew[j] as number);
    }
    for (let j = 0; j < dVal; j++) cw += (dbn[j] as number) * (ew[j] as number);
    let dg = c.n * cw;
    const dn = c.g * cw;
    const gn = c.g * c.n;
    for (let i = 0; i < dKey; i++) {
      const row = i * dVal;
      let s = 0;
      for (let j = 0; j < dVal; j++) s += (dWn[row + j] as number) * (ew[j] as number);
      dk[i] = gn * s - dn * c.n * c.n * 2 * (c.k[i] as number);
    }
    for (let j = 0; j < dVal; j++) {
      let s = dbn[j] as number;
      for (let i = 0; i < dKey; i++) s += (dWn[i * dVal + j] as number) * (c.k[i] as number);
      de[j] = gn * s;
    }
    dW.set(dWn);
    db.set(dbn);
    if (forget) {
      // de holds ∂L/∂e_w: e_w = v − γ·pred (pred = v − e), so ∂e_w = γ·∂e + (1 − γ)·∂v and ∂γ −= ∂e_w·pred
      const gm = c.gamma;
      let S = 0;
      for (let x = 0; x < dWn.length; x++) S += (dWn[x] as number) * (c.Wprev[x] as number);
      for (let j = 0; j < dVal; j++) S += (dbn[j] as number) * (c.bprev[j] as number);
      let dgamma = c.g * S;
      dg += (gm - 1) * S;
      const a = 1 - c.g * (1 - gm);
      for (let x = 0; x < dW.length; x++) dW[x] = (dW[x] as number) * a;
      for (let j = 0; j < dVal; j++) {
        db[j] = (db[j] as number) * a;
        const dew = de[j] as number;
        dgamma -= dew * ((c.v[j] as number) - (c.e[j] as number));
        dvw[j] = (1 - gm) * dew;
        de[j] = gm * dew;
      }
      g.gf[0] = (g.gf[0] as number) + dgamma * gm * (1 - gm);
    }

    // gate p = σ(Go·tanh(z·Gz + sg·Gs + Gb) + Gc), sg = log(1 + s)
    const dpen = penalty - (ib !== 0 ? ibScale * (ws.delta[t] as number) : 0);
    // soft / ste: the write amount's gradient reaches the logit as if the amount were p (v1 arithmetic)
    // flip: the discrete difference replaces the straight-through dg (the cross-entropy's, scaled like it);
    // flip-label: a BCE toward "writing lowers the loss" replaces it
    let dlogit = forced
      ? dpen * c.gate * (1 - c.gate)
      : options.gateMode === 'relaxed'
        ? dpen * c.gate * (1 - c.gate) + (dg * c.g * (1 - c.g)) / relaxT
        : estimator?.kind === 'flip'
          ? estimator.weighting === 'logit'
            ? (ws.flip[t] as number) * ceScale + dpen * c.gate * (1 - c.gate)
            : ((ws.flip[t] as number) * ceScale + dpen) * c.gate * (1 - c.gate)
          : estimator?.kind === 'flip-label'
            ? dpen * c.gate * (1 - c.gate) +
              ((estimator.weight * gradScale) / T) * gateBceGrad(c.gate, ws.flipLabel[t] as number)
            : (dg + dpen) * c.gate * (1 - c.gate);
    if (wc && wc.weight !== 0)
      dlogit +=
        ((wc.weight * gradScale) / T) * gateBceGrad(c.gate, ws.creditLabel[t] as number, wc.positiveWeight);
    if (labels) dlogit += ((labelWeight * gradScale) / T) * gateBceGrad(c.gate, labels[t] as number);
    const sg = Math.log(1 + c.surprise);
    let dsg = 0;
    for (let j = 0; j < dgh.length; j++) {
      const h = c.gh[j] as number;
      g.Go[j] = (g.Go[j] as number) + dlogit * h;
      const d = dlogit * (params.Go[j] as number) * (1 - h * h);
      dgh[j] = d;
      g.Gb[j] = (g.Gb[j] as number) + d;
      g.Gs[j] = (g.Gs[j] as number) + d * sg;
      dsg += d * (params.Gs[j] as number);
    }
    g.Gc[0] = (g.Gc[0] as number) + dlogit;
    addOuter(g.Gz, c.z, dgh);
    const ds = dsg / (1 + c.surprise);
    for (let j = 0; j < dVal; j++) de[j] = (de[j] as number) + (ds * 2 * (c.e[j] as number)) / dVal;

    // e = v − (k·W + b)
    for (let j = 0; j < dVal; j++) {
      dv[j] = (de[j] as number) + (forget ? (dvw[j] as number) : 0);
      db[j] = (db[j] as number) - (de[j] as number);
    }
    for (let i = 0; i < dKey; i++) {
      const ki = c.k[i] as number;
      const row = i * dVal;
      let s = 0;
      for (let j = 0; j < dVal; j++) {
        s += (c.Wprev[row + j] as number) * (de[j] as number);
        dW[row + j] = (dW[row + j] as number) - ki * (de[j] as number);
      }
      dk[i] = (dk[i] as number) - s;
    }

    // v2 gate read m = kg·W + b (W, b before the write)
    if (params.config.gateRead) {
      addOuter(g.Gm, c.m, dgh);
      matTVec(params.Gm, dgh, dm);
      for (let j = 0; j < dVal; j++) db[j] = (db[j] as number) + (dm[j] as number);
      addOuter(dW, c.kg, dm);
      matTVec(c.Wprev, dm, dkg);
      addOuter(g.Wg, c.z, dkg);
      for (let i = 0; i < g.cg.length; i++) g.cg[i] = (g.cg[i] as number) + (dkg[i] as number);
    }

    // gate memory heads M_h = Hq_h·W + b (W, b before the write), into the gate as M/R through Hm
    if (c.mh.length > 0) {
      const dmh = ws.dmh;
      const heads = dmh.length / dVal;
      addOuter(g.Hm, c.mh, dgh);
      matTVec(params.Hm, dgh, dmh);
      for (let i = 0; i < dmh.length; i++) dmh[i] = (dmh[i] as number) / heads;
      for (let h = 0; h < heads; h++) {
        const dmhh = dmh.subarray(h * dVal, (h + 1) * dVal);
        for (let j = 0; j < dVal; j++) db[j] = (db[j] as number) + (dmhh[j] as number);
        addOuter(dW, params.Hq.subarray(h * dKey, (h + 1) * dKey), dmhh);
        matTVec(c.Wprev, dmhh, g.Hq.subarray(h * dKey, (h + 1) * dKey), 0, true);
      }
    }

    // projections (keyAux: its ∂L/∂k_t joins the write key's gradient, so it reaches the write key's
    // tensors alone: Wk, and Kh, kc, Ko with the nonlinear write key)
    if (keyAux) for (let i = 0; i < dKey; i++) dk[i] = (dk[i] as number) + (ws.dkAux[t * dKey + i] as number);
    addOuter(g.Wk, c.z, dk);
    if (c.kh.length > 0) {
      // k = z·Wk + kh·Ko, kh = tanh(z·Kh + kc)
      const dkh = ws.dkh;
      addOuter(g.Ko, c.kh, dk);
      matTVec(params.Ko, dk, dkh);
      for (let u = 0; u < dkh.length; u++) {
        const h = c.kh[u] as number;
        dkh[u] = (dkh[u] as number) * (1 - h * h);
        g.kc[u] = (g.kc[u] as number) + (dkh[u] as number);
      }
      addOuter(g.Kh, c.z, dkh);
    }
    addOuter(g.Wv, c.z, dv);
    addOuter(g.Wq, c.z, dq);
    dWn.set(dW);
    dbn.set(db);
  }
  return result;
}

export interface TrainOptions {
  task: TaskConfig;
  /** layer shape; dModel must match the backbone */
  model: AuraMemConfig;
  seed: number;
  /** seed of the frozen backbone */
  backboneSeed: number;
  iterations: number;
  batchSize: number;
  learningRate: number;
  /**
   * write-sparsity weight λ in the straight-through phase; with `writeRateTarget` set, the starting
   * value of the Lagrange multiplier instead
   */
  sparsity: number;
  /** write-sparsity weight during the soft warm-up (default 0: let the memory become useful first) */
  softSparsity?: number;
  tauTrain: number;
  /**
   * v2: draw the straight-through threshold per window uniformly from [lo, hi] instead of using
   * `tauTrain` (so no single τ becomes a knife edge; under τ ~ U(0, 1) the expected write is p itself)
   */
  tauRange?: [number, number];
  /** iterations trained with the relaxed (soft) gate before switching to straight-through */
  softIterations: number;
  /**
   * v2: iterations after the soft phase with the `relaxed` gate, its temperature annealed geometrically
   * from 1 to `relaxFinalTemp` (default 0.05), before the straight-through phase
   */
  relaxIterations?: number;
  relaxFinalTemp?: number;
  clipNorm: number;
  /** v2: weight β of the action information-bottleneck term (see {@link LossOptions.actionIb}), straight-through phase only */
  actionIb?: number;
  /**
   * v2: target mean gate probability per step (the expected write rate under a uniform τ), enforced in
   * the straight-through phase by a Lagrange multiplier λ ← max(0, λ + lagrangeLr·(mean p − target))
   * instead of a fixed penalty
   */
  writeRateTarget?: number;
  lagrangeLr?: number;
  /** upper end of the multiplier's range (projected dual ascent onto [0, lambdaMax]; default unbounded) */
  lambdaMax?: number;
  /**
   * v2: each batch slot is a stream of this many episodes run back to back without clearing the memory
   * (truncated BPTT: one window per episode, gradients stop at window boundaries, the state carries on).
   * 1 = every episode starts from zero (v1).
   */
  streamEpisodes?: number;
  /**
   * train the layer for a fixed write schedule instead of its gate (the bench's retrained controls):
   * `random` writes each step with probability p (seeded), `periodic` every `period` steps (phase
   * drawn per episode); `oracle` on the task's relevant steps (cue and relevant bindings, from the step
   * kinds: a diagnostic control, docs/aura-mem.md "Key noise and the straight-through phase")
   */
  writeSchedule?: { kind: 'random'; p: number } | { kind: 'periodic'; period: number } | { kind: 'oracle' };
  /**
   * counterfactual write credit ({@link LossOptions.writeCredit}), applied from iteration `from` (default 0)
   * in every phase
   */
  writeCredit?: WriteCreditOptions & { from?: number };
  /**
   * the soft warm-up trains the layer writing on every step (forced writes; the gate learns only from the
   * write-credit term, if any) instead of writing the amount p
   */
  warmupAlwaysWrite?: boolean;
  /**
   * weight of the key-addressing auxiliary loss ({@link LossOptions.keyAux}) in every phase, from the task
   * generator's key-slot labels; off when absent or 0 (training then runs exactly as without the option)
   */
  keyAux?: number;
  /** first iteration the key-addressing term applies (default 0: every phase) */
  keyAuxFrom?: number;
  /**
   * weight of the gate relevance-label auxiliary loss ({@link LossOptions.gateLabelAux}) from the task
   * generator's relevance labels, in every phase from iteration 0 (a diagnostic upper bound, docs/aura-mem.md
   * "Gate relevance labels and a write budget from the start"); off when absent or 0
   */
  gateLabelAux?: number;
  /** the label term applies on the first `gateLabelAuxUntil` iterations only (default: all) */
  gateLabelAuxUntil?: number;
  /**
   * a write budget from the start: the Lagrange write-rate control (`writeRateTarget`, `lagrangeLr`,
   * `lambdaMax`) also in the soft and relaxed phases from iteration `writeTargetFrom` (default 0), the target
   * tightening linearly from this value there to `writeRateTarget` at the last relaxed iteration (the soft
   * phase's expected write is p itself, as the control's mean p). Needs `writeRateTarget`; off when absent.
   */
  writeTargetStart?: number;
  writeTargetFrom?: number;
  /**
   * how the gate's logit learns from the task loss in the straight-through phase ({@link GateEstimator});
   * straight-through when absent
   */
  gateEstimator?: GateEstimator;
  /** tensors held at zero throughout (ablations: e.g. ['Gs'] = a gate without the surprise input) */
  frozenZero?: TensorName[];
  /**
   * Adam learning rate in the straight-through phase (default `learningRate`; the optimizer's moments carry
   * over). A recipe trial (docs/aura-mem.md "Key noise and the straight-through phase"); off when absent.
   */
  steLearningRate?: number;
  /**
   * called after the update of every iteration with its 1-based number and the live parameters (read them,
   * do not change them): diagnostics such as validating the layer at the end of the relaxed phase
   */
  onIteration?: (iteration: number, params: AuraMemParams) => void;
  /** called every `logEvery` iterations (and at the end) with running means */
  onProgress?: (p: TrainProgress) => void;
  logEvery?: number;
}

export interface TrainProgress {
  iteration: number;
  iterations: number;
  gateMode: GateMode;
  loss: number;
  crossEntropy: number;
  accuracy: number;
  writeFraction: number;
  meanGate: number;
  /** current write-sparsity weight (the Lagrange multiplier when a target is set) */
  lambda: number;
  /** mean action change a write causes (IB term's Δ; 0 when off) */
  actionChange: number;
  /** write credit: fraction of steps labelled action-relevant (only with `writeCredit`) */
  creditLabelRate?: number;
  /**
   * keyAux: mean term and mean same-slot / other-slot cosine of the write keys [k; 1] over the windows trained
   * with it in this report period (absent when none was)
   */
  keyAux?: { loss: number; sameSlotCosine: number; otherSlotCosine: number };
  /**
   * gateLabelAux: mean term and mean p on the training steps labelled relevant / irrelevant over the windows
   * trained with it in this report period (absent when none was)
   */
  gateLabelAux?: { loss: number; meanGateRelevant: number; meanGateIrrelevant: number };
  /** write budget from the start: the write-rate target of the last iteration (absent when off) */
  writeTarget?: number;
  elapsedMs: number;
}

export interface TrainResult {
  params: AuraMemParams;
  backbone: Backbone;
  history: TrainProgress[];
}

export function encodeEpisode(
  backbone: Backbone,
  steps: { obs: Float32Array; target: number }[],
): EpisodeData {
  return { z: steps.map((s) => backbone.encode(s.obs)), targets: steps.map((s) => s.target) };
}

/**
 * Per step t < T − 1 of a v2 episode, K other futures from t on ({@link continueTaskEpisode}, each from its own seed
 * derived from the episode's), encoded: the flip-label estimator's `futures` (every step alike; the step kinds are
 * not looked at).
 */
export function futureSuffixesOf(backbone: Backbone, ep: TaskEpisode, K: number): EpisodeData[][] {
  const T = ep.steps.length;
  const out: EpisodeData[][] = [];
  for (let t = 0; t < T - 1; t++) {
    const list: EpisodeData[] = [];
    for (let k = 0; k < K; k++) {
      const alt = continueTaskEpisode(ep, t, futureEpisodeSeed(ep.seed, t, k, K));
      list.push(encodeEpisode(backbone, alt.steps.slice(t)));
    }
    out.push(list);
  }
  return out;
}

/** Running sums behind one progress report, all zero (a new report period). */
function emptyProgressSums() {
  return {
    loss: 0,
    ce: 0,
    correct: 0,
    queries: 0,
    writes: 0,
    steps: 0,
    gate: 0,
    episodes: 0,
    delta: 0,
    credit: 0,
    keyLoss: 0,
    keyEpisodes: 0,
    keySame: 0,
    keySameN: 0,
    keyOther: 0,
    keyOtherN: 0,
    labelLoss: 0,
    labelEpisodes: 0,
    labelRelSum: 0,
    labelRel: 0,
    labelIrrSum: 0,
    labelIrr: 0,
  };
}

/**
 * Trains projections, gate and action head end to end on the action loss plus the write-sparsity
 * penalty (v2: plus the action information-bottleneck term, a Lagrange-enforced write rate, τ drawn
 * per window and multi-episode streams), over freshly generated training episodes (even seeds).
 * Deterministic for its options.
 */
export function trainAuraMem(options: TrainOptions): TrainResult {
  const { task, model, seed, iterations, batchSize } = options;
  const backbone = createBackbone(obsDimsOf(task), model.dModel, options.backboneSeed);
  const params = createAuraMemParams(model, seed);
  const n = countParams(model);
  const grad = new Float32Array(n);
  const adam = createAdam(n, options.learningRate);
  const ws = createWorkspace(params);
  const history: TrainProgress[] = [];
  const logEvery = options.logEvery ?? 50;
  const streamEpisodes = Math.max(1, options.streamEpisodes ?? 1);
  // τ draws use their own stream (seeded from the run seed) so v1 runs stay bit-identical
  const tauRng = options.tauRange ? createRng(seed * 7919 + 17) : undefined;
  const carried = Array.from({ length: batchSize }, () => ({
    W: new Float32Array(model.dKey * model.dVal),
    b: new Float32Array(model.dVal),
    age: 0,
  }));
  let lambda = options.sparsity;
  const scheduleRng = options.writeSchedule ? createRng(seed * 104729 + 3) : undefined;
  const frozen = (options.frozenZero ?? []).map((name) => params[name]);
  for (const f of frozen) f.fill(0);
  const gradViews = viewTensors(model, grad);
  const frozenGrads = (options.frozenZero ?? []).map((name) => gradViews[name]);
  const start = Date.now();
  let acc = emptyProgressSums();
  const budget = options.writeTargetStart !== undefined;
  if (budget && options.writeRateTarget === undefined)
    throw new Error('writeTargetStart needs writeRateTarget (the target it tightens to)');
  const budgetFrom = options.writeTargetFrom ?? 0;
  for (let it = 0; it < iterations; it++) {
    const relaxEnd = options.softIterations + (options.relaxIterations ?? 0);
    const gateMode: GateMode = it < options.softIterations ? 'soft' : it < relaxEnd ? 'relaxed' : 'ste';
    const relaxTemp =
      gateMode === 'relaxed'
        ? (options.relaxFinalTemp ?? 0.05) **
          ((it - options.softIterations + 1) / Math.max(1, options.relaxIterations ?? 1))
        : 1;
    // write budget from the start: the control runs in every phase from budgetFrom, its target tightening
    // linearly to writeRateTarget at the last relaxed iteration
    const budgetOn = budget && it >= budgetFrom;
    const writeTarget =
      budgetOn && options.writeTargetStart !== undefined && options.writeRateTarget !== undefined
        ? options.writeTargetStart +
          (options.writeRateTarget - options.writeTargetStart) *
            Math.min(1, Math.max(0, (it - budgetFrom) / Math.max(1, relaxEnd - 1 - budgetFrom)))
        : options.writeRateTarget;
    const sparsity = gateMode === 'soft' && !budgetOn ? (options.softSparsity ?? 0) : lambda;
    const labelAux =
      options.gateLabelAux && it < (options.gateLabelAuxUntil ?? Number.POSITIVE_INFINITY)
        ? options.gateLabelAux
        : 0;
    grad.fill(0);
    let batchGate = 0;
    for (let e = 0; e < batchSize; e++) {
      const tauTrain =
        tauRng && options.tauRange
          ? options.tauRange[0] + tauRng.next() * (options.tauRange[1] - options.tauRange[0])
          : options.tauTrain;
      // like the sparsity term, the IB term shapes the gate only once it makes hard decisions
      const actionIb = gateMode === 'soft' ? 0 : (options.actionIb ?? 0);
      const lossOptions: LossOptions = { gateMode, tauTrain, sparsity, actionIb, relaxTemp };
      if (options.keyAux && it >= (options.keyAuxFrom ?? 0)) lossOptions.keyAux = options.keyAux;
      if (labelAux) lossOptions.gateLabelAux = labelAux;
      if (options.gateEstimator && gateMode === 'ste') lossOptions.gateEstimator = options.gateEstimator;
      if (options.writeCredit && it >= (options.writeCredit.from ?? 0)) {
        const { from: _from, ...credit } = options.writeCredit;
        lossOptions.writeCredit = credit;
      }
      const ep = generateTaskEpisode(task, trainEpisodeSeed(seed, it * batchSize + e));
      if (scheduleRng && options.writeSchedule) {
        const w = new Uint8Array(ep.steps.length);
        const ws0 = options.writeSchedule;
        const phase = ws0.kind === 'periodic' ? scheduleRng.int(ws0.period) : 0;
        for (let t = 0; t < w.length; t++)
          w[t] =
            ws0.kind === 'oracle'
              ? isRelevantStep((ep.steps[t] as (typeof ep.steps)[number]).kind)
                ? 1
                : 0
              : ws0.kind === 'random'
                ? scheduleRng.next() < ws0.p
                  ? 1
                  : 0
                : t % ws0.period === phase
                  ? 1
                  : 0;
        lossOptions.forcedWrites = w;
      } else if (options.warmupAlwaysWrite && gateMode === 'soft') {
        lossOptions.forcedWrites = new Uint8Array(ep.steps.length).fill(1);
      }
      const slot = carried[e] as (typeof carried)[number];
      const useCarried = streamEpisodes > 1 && slot.age > 0;
      const data = encodeEpisode(backbone, ep.steps);
      if (lossOptions.keyAux) data.keySlots = keySlotLabels(ep.steps);
      if (lossOptions.gateLabelAux) data.gateLabels = gateRelevanceLabels(ep.steps);
      const est = lossOptions.gateEstimator;
      if (est?.kind === 'flip-label' && (est.futures ?? 0) > 0)
        data.futureSuffixes = futureSuffixesOf(backbone, ep, est.futures as number);
      const r = computeEpisodeGradient(
        params,
        data,
        lossOptions,
        grad,
        ws,
        1 / batchSize,
        useCarried ? slot : undefined,
      );
      if (streamEpisodes > 1) {
        const last = ws.caches[ep.steps.length - 1] as AuraMemStepCache;
        slot.age = (slot.age + 1) % streamEpisodes;
        slot.W.set(last.Wnext);
        slot.b.set(last.bnext);
      }
      batchGate += r.meanGate / batchSize;
      acc.loss += r.loss;
      acc.ce += r.crossEntropy;
      acc.correct += r.correct;
      acc.queries += r.queries;
      acc.writes += r.writes;
      acc.steps += r.steps;
      acc.gate += r.meanGate;
      acc.delta += r.meanActionChange;
      acc.credit += r.creditLabelRate;
      if (r.keyAux) {
        acc.keyLoss += r.keyAux.loss;
        acc.keyEpisodes++;
        if (!Number.isNaN(r.keyAux.sameSlotCosine)) {
          acc.keySame += r.keyAux.sameSlotCosine;
          acc.keySameN++;
        }
        if (!Number.isNaN(r.keyAux.otherSlotCosine)) {
          acc.keyOther += r.keyAux.otherSlotCosine;
          acc.keyOtherN++;
        }
      }
      if (r.gateLabelAux) {
        acc.labelLoss += r.gateLabelAux.loss;
        acc.labelEpisodes++;
        acc.labelRelSum += r.gateLabelAux.relevantGateSum;
        acc.labelRel += r.gateLabelAux.relevant;
        acc.labelIrrSum += r.gateLabelAux.irrelevantGateSum;
        acc.labelIrr += r.gateLabelAux.irrelevant;
      }
      acc.episodes++;
    }
    for (const f of frozenGrads) f.fill(0);
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (grad[i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm > options.clipNorm) {
      const s = options.clipNorm / norm;
      for (let i = 0; i < n; i++) grad[i] = (grad[i] as number) * s;
    }
    adam(
      params.data,
      grad,
      gateMode === 'ste' ? (options.steLearningRate ?? options.learningRate) : options.learningRate,
    );
    options.onIteration?.(it + 1, params);
    if ((gateMode !== 'soft' || budgetOn) && writeTarget !== undefined) {
      lambda = Math.min(
        options.lambdaMax ?? Number.POSITIVE_INFINITY,
        Math.max(0, lambda + (options.lagrangeLr ?? 0.1) * (batchGate - writeTarget)),
      );
    }
    if ((it + 1) % logEvery === 0 || it + 1 === iterations) {
      const p: TrainProgress = {
        iteration: it + 1,
        iterations,
        gateMode,
        loss: acc.loss / acc.episodes,
        crossEntropy: acc.ce / acc.episodes,
        accuracy: acc.queries ? acc.correct / acc.queries : 0,
        writeFraction: acc.steps ? acc.writes / acc.steps : 0,
        meanGate: acc.gate / acc.episodes,
        lambda: sparsity,
        actionChange: acc.delta / acc.episodes,
        ...(options.writeCredit ? { creditLabelRate: acc.credit / acc.episodes } : {}),
        ...(acc.keyEpisodes > 0
          ? {
              keyAux: {
                loss: acc.keyLoss / acc.keyEpisodes,
                sameSlotCosine: acc.keySameN ? acc.keySame / acc.keySameN : Number.NaN,
                otherSlotCosine: acc.keyOtherN ? acc.keyOther / acc.keyOtherN : Number.NaN,
              },
            }
          : {}),
        ...(acc.labelEpisodes > 0
          ? {
              gateLabelAux: {
                loss: acc.labelLoss / acc.labelEpisodes,
                meanGateRelevant: acc.labelRel ? acc.labelRelSum / acc.labelRel : Number.NaN,
                meanGateIrrelevant: acc.labelIrr ? acc.labelIrrSum / acc.labelIrr : Number.NaN,
              },
            }
          : {}),
        ...(budget && writeTarget !== undefined ? { writeTarget } : {}),
        elapsedMs: Date.now() - start,
      };
      history.push(p);
      options.onProgress?.(p);
      acc = emptyProgressSums();
    }
  }
  return { params, backbone, history };
}
