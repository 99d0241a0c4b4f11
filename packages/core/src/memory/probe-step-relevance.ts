import type { Backbone } from './create-backbone.js';
import { isRelevantStep, type TaskEpisode } from './generate-task-episode.js';

/**
 * Does a single step's backbone feature give away whether the step should be written? Fits an
 * L2-regularised logistic regression on the features of the binding steps of `train` episodes
 * (relevant = the oracle writes it; irrelevant = repeats and off-channel bindings, or v1 distractors)
 * and reports its ROC AUC on the binding steps of `test` episodes. ≈ 0.5 means no single-step flag.
 */
export function probeStepRelevance(
  backbone: Backbone,
  train: TaskEpisode[],
  test: TaskEpisode[],
  options: { epochs?: number; learningRate?: number; l2?: number } = {},
): { auc: number; trainAuc: number; trainSteps: number; testSteps: number } {
  const collect = (episodes: TaskEpisode[]) => {
    const x: Float32Array[] = [];
    const y: number[] = [];
    for (const ep of episodes)
      for (const s of ep.steps) {
        if (s.kind === 'event' || s.kind === 'repeat' || s.kind === 'distractor') {
          x.push(backbone.encode(s.obs));
          y.push(isRelevantStep(s.kind) ? 1 : 0);
        }
      }
    return { x, y };
  };
  const tr = collect(train);
  const te = collect(test);
  const d = backbone.dModel;
  const w = new Float64Array(d);
  let bias = 0;
  const epochs = options.epochs ?? 200;
  const lr = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-4;
  const gw = new Float64Array(d);
  const score = (x: Float32Array) => {
    let s = bias;
    for (let j = 0; j < d; j++) s += (w[j] as number) * (x[j] as number);
    return s;
  };
  // full-batch gradient descent on the mean logistic loss (convex: the optimum does not depend on luck)
  for (let e = 0; e < epochs; e++) {
    gw.fill(0);
    let gb = 0;
    for (let i = 0; i < tr.x.length; i++) {
      const x = tr.x[i] as Float32Array;
      const p = 1 / (1 + Math.exp(-score(x)));
      const r = p - (tr.y[i] as number);
      for (let j = 0; j < d; j++) gw[j] = (gw[j] as number) + r * (x[j] as number);
      gb += r;
    }
    const n = tr.x.length;
    for (let j = 0; j < d; j++)
      w[j] = (w[j] as number) - lr * ((gw[j] as number) / n + l2 * (w[j] as number));
    bias -= (lr * gb) / n;
  }
  return {
    auc: rocAuc(te.x.map(score), te.y),
    trainAuc: rocAuc(tr.x.map(score), tr.y),
    trainSteps: tr.x.length,
    testSteps: te.x.length,
  };
}

/** Area under the ROC curve (probability a random positive outscores a random negative; ties count ½). */
export function rocAuc(scores: number[], labels: number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let rankSumPos = 0;
  let nPos = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1] as number] === scores[idx[i] as number]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (labels[idx[k] as number] === 1) {
        rankSumPos += avgRank;
        nPos++;
      }
    i = j + 1;
  }
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return 0.5;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
