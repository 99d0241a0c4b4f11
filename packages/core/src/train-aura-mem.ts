import { createAdam } from './create-adam.js';
import {
  type AuraMemConfig,
  type AuraMemParams,
  countParams,
  createAuraMemParams,
  viewTensors,
} from './create-aura-mem-params.js';
import { type Backbone, createBackbone } from './create-backbone.js';
import { generateTaskEpisode, OBS_DIMS, type TaskConfig, trainEpisodeSeed } from './generate-task-episode.js';
import { type AuraMemStepCache, createStepCache, forwardAuraMemStep } from './step-aura-mem.js';

/**
 * How the binary write decision is differentiated during training:
 *  - `soft`: relaxed gate, the write amount is p itself (exact gradients; used for warm-up and the
 *    finite-difference check);
 *  - `ste`: straight-through estimator, the forward pass writes iff p > tauTrain (as at inference)
 *    and the backward pass treats the write amount as if it were p.
 */
export type GateMode = 'soft' | 'ste';

export interface LossOptions {
  gateMode: GateMode;
  /** threshold of the hard forward decision in `ste` mode */
  tauTrain: number;
  /** weight λ of the write-sparsity penalty λ·mean_t(p_t) */
  sparsity: number;
}

export interface EpisodeData {
  z: Float32Array[];
  /** action target per step, −1 where the step is not scored */
  targets: number[];
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
  };
}

/** acc[i·m + j] += x_i · y_j  (outer product into an [x.length, m] row-major matrix) */
function addOuter(acc: Float32Array, x: Float32Array, y: Float32Array, rowOffset = 0): void {
  const m = y.length;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    if (xi === 0) continue;
    const row = (rowOffset + i) * m;
    for (let j = 0; j < m; j++) acc[row + j] = (acc[row + j] as number) + xi * (y[j] as number);
  }
}

/** out_i = Σ_j M[(rowOffset+i)·m + j] · y_j  (M stored [rows, m]) */
function matTVec(
  M: Float32Array,
  y: Float32Array,
  out: Float32Array,
  rowOffset = 0,
  accumulate = false,
): void {
  const m = y.length;
  for (let i = 0; i < out.length; i++) {
    const row = (rowOffset + i) * m;
    let s = 0;
    for (let j = 0; j < m; j++) s += (M[row + j] as number) * (y[j] as number);
    out[i] = accumulate ? (out[i] as number) + s : s;
  }
}

/**
 * Forward and backward (BPTT) over one episode from the zero state. Adds dLoss/dθ into `grad`
 * (same layout as `params.data`) scaled by `gradScale`, and returns the loss. Hand-written backward
 * of exactly the ops in {@link forwardAuraMemStep}.
 */
export function computeEpisodeGradient(
  params: AuraMemParams,
  episode: EpisodeData,
  options: LossOptions,
  grad: Float32Array | undefined,
  ws: Workspace = createWorkspace(params),
  gradScale = 1,
): EpisodeLoss {
  const { dModel, dKey, dVal, dAction } = params.config;
  const T = episode.z.length;
  while (ws.caches.length < T) ws.caches.push(createStepCache(params));
  const tau = Math.fround(options.tauTrain);
  const amount = options.gateMode === 'soft' ? (p: number) => p : (p: number) => (p > tau ? 1 : 0);

  // forward
  const W0 = new Float32Array(dKey * dVal);
  const b0 = new Float32Array(dVal);
  let queries = 0;
  for (const t of episode.targets) if (t >= 0) queries++;
  let ce = 0;
  let correct = 0;
  let writes = 0;
  let gateSum = 0;
  for (let t = 0; t < T; t++) {
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
    if (c.gate > tau) writes++;
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
  const loss = meanCe + (options.sparsity * gateSum) / T;
  const result: EpisodeLoss = {
    loss,
    crossEntropy: meanCe,
    queries,
    correct,
    steps: T,
    writes,
    meanGate: gateSum / T,
  };
  if (!grad) return result;

  // backward
  const g = viewTensors(params.config, grad);
  const { dW, db, dWn, dbn, dk, dv, dq, de, dr, du, dlog, dgh } = ws;
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

    // write W' = W + g·n·k⊗e, b' = b + g·n·e
    let cw = 0;
    for (let i = 0; i < dKey; i++) {
      const ki = c.k[i] as number;
      const row = i * dVal;
      for (let j = 0; j < dVal; j++) cw += (dWn[row + j] as number) * ki * (c.e[j] as number);
    }
    for (let j = 0; j < dVal; j++) cw += (dbn[j] as number) * (c.e[j] as number);
    const dg = c.n * cw;
    const dn = c.g * cw;
    const gn = c.g * c.n;
    for (let i = 0; i < dKey; i++) {
      const row = i * dVal;
      let s = 0;
      for (let j = 0; j < dVal; j++) s += (dWn[row + j] as number) * (c.e[j] as number);
      dk[i] = gn * s - dn * c.n * c.n * 2 * (c.k[i] as number);
    }
    for (let j = 0; j < dVal; j++) {
      let s = dbn[j] as number;
      for (let i = 0; i < dKey; i++) s += (dWn[i * dVal + j] as number) * (c.k[i] as number);
      de[j] = gn * s;
    }
    dW.set(dWn);
    db.set(dbn);

    // gate p = σ(Go·tanh(z·Gz + sg·Gs + Gb) + Gc), sg = log(1 + s)
    const dp = dg + penalty;
    const dlogit = dp * c.gate * (1 - c.gate);
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
      dv[j] = de[j] as number;
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

    // projections
    addOuter(g.Wk, c.z, dk);
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
  /** write-sparsity weight λ in the straight-through phase */
  sparsity: number;
  /** write-sparsity weight during the soft warm-up (default 0: let the memory become useful first) */
  softSparsity?: number;
  tauTrain: number;
  /** iterations trained with the relaxed (soft) gate before switching to straight-through */
  softIterations: number;
  clipNorm: number;
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
 * Trains projections, gate and action head end to end on the action loss plus the write-sparsity
 * penalty, over freshly generated training episodes (even seeds). Deterministic for its options.
 */
export function trainAuraMem(options: TrainOptions): TrainResult {
  const { task, model, seed, iterations, batchSize } = options;
  const backbone = createBackbone(OBS_DIMS, model.dModel, options.backboneSeed);
  const params = createAuraMemParams(model, seed);
  const n = countParams(model);
  const grad = new Float32Array(n);
  const adam = createAdam(n, options.learningRate);
  const ws = createWorkspace(params);
  const history: TrainProgress[] = [];
  const logEvery = options.logEvery ?? 50;
  const start = Date.now();
  let acc = { loss: 0, ce: 0, correct: 0, queries: 0, writes: 0, steps: 0, gate: 0, episodes: 0 };
  for (let it = 0; it < iterations; it++) {
    const gateMode: GateMode = it < options.softIterations ? 'soft' : 'ste';
    const sparsity = gateMode === 'soft' ? (options.softSparsity ?? 0) : options.sparsity;
    const lossOptions = { gateMode, tauTrain: options.tauTrain, sparsity };
    grad.fill(0);
    for (let e = 0; e < batchSize; e++) {
      const ep = generateTaskEpisode(task, trainEpisodeSeed(seed, it * batchSize + e));
      const r = computeEpisodeGradient(
        params,
        encodeEpisode(backbone, ep.steps),
        lossOptions,
        grad,
        ws,
        1 / batchSize,
      );
      acc.loss += r.loss;
      acc.ce += r.crossEntropy;
      acc.correct += r.correct;
      acc.queries += r.queries;
      acc.writes += r.writes;
      acc.steps += r.steps;
      acc.gate += r.meanGate;
      acc.episodes++;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (grad[i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm > options.clipNorm) {
      const s = options.clipNorm / norm;
      for (let i = 0; i < n; i++) grad[i] = (grad[i] as number) * s;
    }
    adam(params.data, grad);
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
        elapsedMs: Date.now() - start,
      };
      history.push(p);
      options.onProgress?.(p);
      acc = { loss: 0, ce: 0, correct: 0, queries: 0, writes: 0, steps: 0, gate: 0, episodes: 0 };
    }
  }
  return { params, backbone, history };
}
