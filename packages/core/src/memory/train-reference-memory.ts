import { createAdam } from './create-adam.js';
import {
  type AuraMemConfig,
  type AuraMemParams,
  countParams,
  createAuraMemParams,
  viewTensors,
} from './create-aura-mem-params.js';
import { type Backbone, createBackbone } from './create-backbone.js';
import { addOuter, matTVec } from './dense-kernels.js';
import { argmax } from './evaluate-aura-mem.js';
import {
  generateTaskEpisode,
  obsDimsOf,
  type TaskConfig,
  type TaskEpisode,
  trainEpisodeSeed,
} from './generate-task-episode.js';
import {
  addMatVec,
  countGruParams,
  createGruParams,
  forwardGruStep,
  type GruConfig,
  type GruParams,
  type GruStepCache,
  gruStateBytes,
  viewGruTensors,
} from './step-gru.js';
import type { EpisodeData } from './train-aura-mem.js';
import { encodeEpisode } from './train-aura-mem.js';

/**
 * Trainers for the two reference memories (hand-written BPTT like the AURA-Mem trainer):
 *  - `gru`: the dense GRU of step-gru.ts;
 *  - `kv`: KV-cache attention over AURA-Mem's projections and head (step-kv-attention.ts); its gate
 *    tensors are unused.
 * Loss: mean cross-entropy over query steps (no write decision, no sparsity term).
 */
export interface ReferenceLoss {
  loss: number;
  queries: number;
  correct: number;
}

/** softmax cross-entropy; writes dLogits·scale into `dlog` and returns [loss, correct] */
function crossEntropy(
  logits: Float32Array,
  target: number,
  dlog: Float32Array | undefined,
  scale: number,
): [number, boolean] {
  let max = -Infinity;
  for (const x of logits) max = Math.max(max, x);
  let sum = 0;
  for (const x of logits) sum += Math.exp(x - max);
  if (dlog) {
    for (let j = 0; j < logits.length; j++) {
      dlog[j] = (Math.exp((logits[j] as number) - max) / sum - (j === target ? 1 : 0)) * scale;
    }
  }
  return [Math.log(sum) + max - (logits[target] as number), argmax(logits) === target];
}

/** head y = tanh([z, m]·H1 + h1), logits = y·H2 + h2: backprop, returns dm (memory read) */
function headBackward(
  H1: Float32Array,
  H2: Float32Array,
  g: { H1: Float32Array; h1: Float32Array; H2: Float32Array; h2: Float32Array },
  z: Float32Array,
  m: Float32Array,
  y: Float32Array,
  dlog: Float32Array,
): Float32Array {
  addOuter(g.H2, y, dlog);
  for (let j = 0; j < dlog.length; j++) g.h2[j] = (g.h2[j] as number) + (dlog[j] as number);
  const dy = new Float32Array(y.length);
  matTVec(H2, dlog, dy, 0, true);
  for (let j = 0; j < dy.length; j++) dy[j] = (dy[j] as number) * (1 - (y[j] as number) ** 2);
  addOuter(g.H1, z, dy);
  addOuter(g.H1, m, dy, z.length);
  for (let j = 0; j < dy.length; j++) g.h1[j] = (g.h1[j] as number) + (dy[j] as number);
  const dm = new Float32Array(m.length);
  matTVec(H1, dy, dm, z.length, true);
  return dm;
}

export function computeGruEpisodeGradient(
  p: GruParams,
  episode: EpisodeData,
  grad: Float32Array | undefined,
  gradScale = 1,
): ReferenceLoss {
  const { dHidden, dAction } = p.config;
  const caches: GruStepCache[] = [];
  let h: Float32Array = new Float32Array(dHidden);
  let loss = 0;
  let queries = 0;
  let correct = 0;
  for (const t of episode.targets) if (t >= 0) queries++;
  for (const z of episode.z) {
    const c = forwardGruStep(p, h, z);
    caches.push(c);
    h = c.next;
  }
  for (let t = 0; t < caches.length; t++) {
    const target = episode.targets[t] as number;
    if (target < 0) continue;
    const [l, ok] = crossEntropy((caches[t] as GruStepCache).action, target, undefined, 0);
    loss += l;
    if (ok) correct++;
  }
  const result = { loss: queries ? loss / queries : 0, queries, correct };
  if (!grad) return result;
  const g = viewGruTensors(p.config, grad);
  const scale = queries ? gradScale / queries : 0;
  const dlog = new Float32Array(dAction);
  let dNext: Float32Array = new Float32Array(dHidden);
  for (let t = caches.length - 1; t >= 0; t--) {
    const c = caches[t] as GruStepCache;
    const target = episode.targets[t] as number;
    if (target >= 0) {
      crossEntropy(c.action, target, dlog, scale);
      const dm = headBackward(p.H1, p.H2, g, c.z, c.next, c.y, dlog);
      for (let j = 0; j < dHidden; j++) dNext[j] = (dNext[j] as number) + (dm[j] as number);
    }
    const dh = new Float32Array(dHidden);
    const dau = new Float32Array(dHidden);
    const dac = new Float32Array(dHidden);
    for (let j = 0; j < dHidden; j++) {
      const dn = dNext[j] as number;
      const uj = c.u[j] as number;
      const cj = c.c[j] as number;
      dau[j] = dn * (cj - (c.h[j] as number)) * uj * (1 - uj);
      dac[j] = dn * uj * (1 - cj * cj);
      dh[j] = dn * (1 - uj);
    }
    addOuter(g.Wc, c.z, dac);
    addOuter(g.Uc, c.rh, dac);
    for (let j = 0; j < dHidden; j++) g.bc[j] = (g.bc[j] as number) + (dac[j] as number);
    const drh = new Float32Array(dHidden);
    matTVec(p.Uc, dac, drh, 0, true);
    const dar = new Float32Array(dHidden);
    for (let j = 0; j < dHidden; j++) {
      const rj = c.r[j] as number;
      dar[j] = (drh[j] as number) * (c.h[j] as number) * rj * (1 - rj);
      dh[j] = (dh[j] as number) + (drh[j] as number) * rj;
    }
    addOuter(g.Wr, c.z, dar);
    addOuter(g.Ur, c.h, dar);
    addOuter(g.Wu, c.z, dau);
    addOuter(g.Uu, c.h, dau);
    for (let j = 0; j < dHidden; j++) {
      g.br[j] = (g.br[j] as number) + (dar[j] as number);
      g.bu[j] = (g.bu[j] as number) + (dau[j] as number);
    }
    matTVec(p.Ur, dar, dh, 0, true);
    matTVec(p.Uu, dau, dh, 0, true);
    dNext = dh;
  }
  return result;
}

interface KvStep {
  k: Float32Array;
  v: Float32Array;
  q: Float32Array;
  attn: Float32Array;
  r: Float32Array;
  y: Float32Array;
  action: Float32Array;
}

export function computeKvEpisodeGradient(
  p: AuraMemParams,
  episode: EpisodeData,
  grad: Float32Array | undefined,
  gradScale = 1,
): ReferenceLoss {
  const { dKey, dVal, dHidden, dAction, dModel } = p.config;
  const steps: KvStep[] = [];
  const inv = 1 / Math.sqrt(dKey);
  let loss = 0;
  let queries = 0;
  let correct = 0;
  for (let t = 0; t < episode.z.length; t++) {
    const z = episode.z[t] as Float32Array;
    const k = new Float32Array(dKey);
    const v = new Float32Array(dVal);
    const q = new Float32Array(dKey);
    addMatVec(z, p.Wk, k);
    addMatVec(z, p.Wv, v);
    addMatVec(z, p.Wq, q);
    steps.push({
      k,
      v,
      q,
      attn: new Float32Array(0),
      r: new Float32Array(0),
      y: new Float32Array(0),
      action: new Float32Array(0),
    });
    const attn = new Float32Array(t + 1);
    let max = -Infinity;
    for (let s = 0; s <= t; s++) {
      const ks = (steps[s] as KvStep).k;
      let dot = 0;
      for (let i = 0; i < dKey; i++) dot += (q[i] as number) * (ks[i] as number);
      attn[s] = dot * inv;
      max = Math.max(max, attn[s] as number);
    }
    let sum = 0;
    for (let s = 0; s <= t; s++) {
      attn[s] = Math.exp((attn[s] as number) - max);
      sum += attn[s] as number;
    }
    const r = new Float32Array(dVal);
    for (let s = 0; s <= t; s++) {
      attn[s] = (attn[s] as number) / sum;
      const vs = (steps[s] as KvStep).v;
      for (let j = 0; j < dVal; j++) r[j] = (r[j] as number) + (attn[s] as number) * (vs[j] as number);
    }
    const y = p.h1.slice();
    addMatVec(z, p.H1, y);
    addMatVec(r, p.H1, y, dModel);
    for (let j = 0; j < dHidden; j++) y[j] = Math.tanh(y[j] as number);
    const action = p.h2.slice();
    addMatVec(y, p.H2, action);
    Object.assign(steps[t] as KvStep, { attn, r, y, action });
    const target = episode.targets[t] as number;
    if (target >= 0) {
      queries++;
      const [l, ok] = crossEntropy(action, target, undefined, 0);
      loss += l;
      if (ok) correct++;
    }
  }
  const result = { loss: queries ? loss / queries : 0, queries, correct };
  if (!grad) return result;
  const g = viewTensors(p.config, grad);
  const scale = queries ? gradScale / queries : 0;
  const dlog = new Float32Array(dAction);
  const dk = steps.map(() => new Float32Array(dKey));
  const dv = steps.map(() => new Float32Array(dVal));
  for (let t = 0; t < steps.length; t++) {
    const target = episode.targets[t] as number;
    if (target < 0) continue;
    const st = steps[t] as KvStep;
    crossEntropy(st.action, target, dlog, scale);
    const dr = headBackward(p.H1, p.H2, g, episode.z[t] as Float32Array, st.r, st.y, dlog);
    // r = Σ_s a_s v_s, a = softmax(q·k_s/√d)
    const da = new Float32Array(t + 1);
    let dot = 0;
    for (let s = 0; s <= t; s++) {
      const vs = (steps[s] as KvStep).v;
      let d = 0;
      for (let j = 0; j < dVal; j++) d += (dr[j] as number) * (vs[j] as number);
      da[s] = d;
      dot += (st.attn[s] as number) * d;
      const a = st.attn[s] as number;
      const dvs = dv[s] as Float32Array;
      for (let j = 0; j < dVal; j++) dvs[j] = (dvs[j] as number) + a * (dr[j] as number);
    }
    const dq = new Float32Array(dKey);
    for (let s = 0; s <= t; s++) {
      const dscore = (st.attn[s] as number) * ((da[s] as number) - dot) * inv;
      const ks = (steps[s] as KvStep).k;
      const dks = dk[s] as Float32Array;
      for (let i = 0; i < dKey; i++) {
        dq[i] = (dq[i] as number) + dscore * (ks[i] as number);
        dks[i] = (dks[i] as number) + dscore * (st.q[i] as number);
      }
    }
    addOuter(g.Wq, episode.z[t] as Float32Array, dq);
  }
  for (let s = 0; s < steps.length; s++) {
    addOuter(g.Wk, episode.z[s] as Float32Array, dk[s] as Float32Array);
    addOuter(g.Wv, episode.z[s] as Float32Array, dv[s] as Float32Array);
  }
  return result;
}

export interface TrainReferenceOptions {
  kind: 'gru' | 'kv';
  task: TaskConfig;
  /** for `kv`: the AURA-Mem layer shape whose projections and head it uses; for `gru`: dModel, dHidden (state), dAction, dHead */
  model: AuraMemConfig | GruConfig;
  seed: number;
  backboneSeed: number;
  iterations: number;
  batchSize: number;
  learningRate: number;
  clipNorm: number;
  logEvery?: number;
  onProgress?: (p: { iteration: number; loss: number; accuracy: number; elapsedMs: number }) => void;
}

export type ReferenceModel =
  | { kind: 'gru'; params: GruParams; backbone: Backbone }
  | { kind: 'kv'; params: AuraMemParams; backbone: Backbone };

/** Trains a reference memory on the same task, episodes (even seeds) and frozen backbone as AURA-Mem. */
export function trainReferenceMemory(options: TrainReferenceOptions): ReferenceModel {
  const backbone = createBackbone(obsDimsOf(options.task), options.model.dModel, options.backboneSeed);
  const model: ReferenceModel =
    options.kind === 'gru'
      ? { kind: 'gru', params: createGruParams(options.model as GruConfig, options.seed), backbone }
      : { kind: 'kv', params: createAuraMemParams(options.model as AuraMemConfig, options.seed), backbone };
  const data = model.params.data;
  const n = model.kind === 'gru' ? countGruParams(model.params.config) : countParams(model.params.config);
  const grad = new Float32Array(n);
  const adam = createAdam(n, options.learningRate);
  const logEvery = options.logEvery ?? 50;
  const start = Date.now();
  let acc = { loss: 0, correct: 0, queries: 0, episodes: 0 };
  for (let it = 0; it < options.iterations; it++) {
    grad.fill(0);
    for (let e = 0; e < options.batchSize; e++) {
      const ep = generateTaskEpisode(
        options.task,
        trainEpisodeSeed(options.seed, it * options.batchSize + e),
      );
      const d = encodeEpisode(backbone, ep.steps);
      const r =
        model.kind === 'gru'
          ? computeGruEpisodeGradient(model.params, d, grad, 1 / options.batchSize)
          : computeKvEpisodeGradient(model.params, d, grad, 1 / options.batchSize);
      acc.loss += r.loss;
      acc.correct += r.correct;
      acc.queries += r.queries;
      acc.episodes++;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (grad[i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm > options.clipNorm)
      for (let i = 0; i < n; i++) grad[i] = ((grad[i] as number) * options.clipNorm) / norm;
    adam(data, grad);
    if ((it + 1) % logEvery === 0 || it + 1 === options.iterations) {
      options.onProgress?.({
        iteration: it + 1,
        loss: acc.loss / acc.episodes,
        accuracy: acc.queries ? acc.correct / acc.queries : 0,
        elapsedMs: Date.now() - start,
      });
      acc = { loss: 0, correct: 0, queries: 0, episodes: 0 };
    }
  }
  return model;
}

export interface ReferenceEvaluation {
  memory: 'gru' | 'kv';
  steps: number;
  /** state writes: both references change their state on every step */
  writes: number;
  accuracy: number;
  queries: number;
  /** largest state held at any step (GRU: constant; KV: grows with the episode) */
  maxStateBytes: number;
}

export function evaluateReferenceMemory(model: ReferenceModel, episodes: TaskEpisode[]): ReferenceEvaluation {
  let steps = 0;
  let queries = 0;
  let correct = 0;
  let maxStateBytes = 0;
  for (const ep of episodes) {
    const d = encodeEpisode(model.backbone, ep.steps);
    const r =
      model.kind === 'gru'
        ? computeGruEpisodeGradient(model.params, d, undefined)
        : computeKvEpisodeGradient(model.params, d, undefined);
    steps += ep.steps.length;
    queries += r.queries;
    correct += r.correct;
    const bytes =
      model.kind === 'gru'
        ? gruStateBytes(model.params.config)
        : ep.steps.length * (model.params.config.dKey + model.params.config.dVal) * 4;
    maxStateBytes = Math.max(maxStateBytes, bytes);
  }
  return {
    memory: model.kind,
    steps,
    writes: steps,
    accuracy: queries ? correct / queries : 0,
    queries,
    maxStateBytes,
  };
}
