// How far can a linear write key k = z·Wk on the frozen backbone separate key slots at all?
//   node --conditions=@aura/source --import tsx packages/core/scripts/key-addressing-ceiling.ts
//        [--task hard-v2] [--key-noise 0.35] [--iterations 1500] [--seed 1] [--hidden H [--residual]] [--lr 0.01]
// Trains Wk alone (dKey 32, Adam 0.01, 16 episodes a batch) on the key-addressing term of docs/aura-mem.md
// ("Key-addressing auxiliary loss", weight 1, no task loss) over training episodes of the task, with its key noise
// replaced by --key-noise when given, and prints every 500 iterations the mean cosine of [k; 1] between binding
// steps of the same key slot and of different slots on 100 validation episodes (run 20,000 + seed; never held-out).
// A bound for what the term can do inside the layer, where the task loss pulls on Wk too.
// --hidden H trains a nonlinear write key instead ("Nonlinear write key" in docs/aura-mem.md):
// k = tanh(z·K1 + c1)·K2 (K1 dModel×H, c1 H, K2 H×dKey), and with --residual k = z·Wk + tanh(z·K1 + c1)·K2.
// Without --hidden the run is the linear one, draw for draw.
import {
  computeKeyAux,
  createAdam,
  createBackbone,
  createRng,
  encodeEpisode,
  generateTaskEpisode,
  getTaskConfig,
  keySlotLabels,
  obsDimsOf,
  trainEpisodeSeed,
} from '../src/memory/index.js';
import { parseScriptArgs } from './parse-script-args.js';

const { args, fail } = parseScriptArgs(
  'key-addressing-ceiling',
  'usage: node --conditions=@aura/source --import tsx packages/core/scripts/key-addressing-ceiling.ts\n' +
    '         [--task hard-v2] [--key-noise 0.35] [--iterations 1500] [--seed 1] [--backbone-seed 7] [--hidden H [--residual]] [--lr 0.01]',
  {
    task: { type: 'string', default: 'hard-v2' },
    'key-noise': { type: 'string' },
    iterations: { type: 'string', default: '1500' },
    seed: { type: 'string', default: '1' },
    'backbone-seed': { type: 'string', default: '7' },
    hidden: { type: 'string', default: '0' },
    residual: { type: 'boolean', default: false },
    lr: { type: 'string', default: '0.01' },
  },
);
const base = (() => {
  try {
    return getTaskConfig(args.task);
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const task = args['key-noise'] === undefined ? base : { ...base, keyNoise: Number(args['key-noise']) };
const seed = Number(args.seed);
const iterations = Number(args.iterations);
const dModel = 48;
const dKey = 32;
const batch = 16;
const backbone = createBackbone(obsDimsOf(task), dModel, Number(args['backbone-seed']));
const hidden = Number(args.hidden);
const linear = hidden === 0 || args.residual === true;
const rng = createRng(seed);
// one flat parameter vector: [Wk (if linear part)] [K1, c1, K2 (if hidden)]
const nWk = linear ? dModel * dKey : 0;
const nK1 = hidden * dModel;
const nP = nWk + nK1 + hidden + hidden * dKey;
const P = new Float32Array(nP);
for (let i = 0; i < nWk; i++) P[i] = rng.normal() / Math.sqrt(dModel);
for (let i = 0; i < nK1; i++) P[nWk + i] = rng.normal() / Math.sqrt(dModel);
const oC1 = nWk + nK1;
const oK2 = oC1 + hidden;
// c1 starts at 0; the residual's K2 at 0 as in the layer (AuraMemConfig.keyHidden), so it starts as the linear map
const k2Scale = args.residual ? 0 : 1;
for (let i = 0; i < hidden * dKey; i++) P[oK2 + i] = (k2Scale * rng.normal()) / Math.sqrt(hidden);
const adam = createAdam(nP, Number(args.lr));

/** keys and (for the backward pass) the hidden activations of every step */
function forward(zs: Float32Array[]): { keys: Float32Array[]; hs: Float32Array[] } {
  const hs: Float32Array[] = [];
  const keys = zs.map((z) => {
    const k = new Float32Array(dKey);
    for (let i = 0; i < (linear ? dModel : 0); i++) {
      const zi = z[i] as number;
      for (let j = 0; j < dKey; j++) k[j] = (k[j] as number) + zi * (P[i * dKey + j] as number);
    }
    const h = new Float32Array(hidden);
    for (let u = 0; u < hidden; u++) {
      let a = P[oC1 + u] as number;
      for (let i = 0; i < dModel; i++) a += (z[i] as number) * (P[nWk + i * hidden + u] as number);
      h[u] = Math.tanh(a);
    }
    for (let u = 0; u < hidden; u++) {
      const hu = h[u] as number;
      for (let j = 0; j < dKey; j++) k[j] = (k[j] as number) + hu * (P[oK2 + u * dKey + j] as number);
    }
    hs.push(h);
    return k;
  });
  return { keys, hs };
}
function keysOf(zs: Float32Array[]): Float32Array[] {
  return forward(zs).keys;
}

const grad = new Float32Array(nP);
for (let it = 0; it < iterations; it++) {
  grad.fill(0);
  for (let e = 0; e < batch; e++) {
    const ep = generateTaskEpisode(task, trainEpisodeSeed(seed, it * batch + e));
    const { z } = encodeEpisode(backbone, ep.steps);
    const dk = new Float32Array(z.length * dKey);
    const { keys, hs } = forward(z);
    computeKeyAux(keys, keySlotLabels(ep.steps), 1, dKey, dk, 1 / batch);
    z.forEach((zt, t) => {
      for (let i = 0; i < (linear ? dModel : 0); i++) {
        const zi = zt[i] as number;
        for (let j = 0; j < dKey; j++)
          grad[i * dKey + j] = (grad[i * dKey + j] as number) + zi * (dk[t * dKey + j] as number);
      }
      if (hidden === 0) return;
      const h = hs[t] as Float32Array;
      const da = new Float32Array(hidden);
      for (let u = 0; u < hidden; u++) {
        const hu = h[u] as number;
        let dh = 0;
        for (let j = 0; j < dKey; j++) {
          const dkj = dk[t * dKey + j] as number;
          grad[oK2 + u * dKey + j] = (grad[oK2 + u * dKey + j] as number) + hu * dkj;
          dh += dkj * (P[oK2 + u * dKey + j] as number);
        }
        da[u] = dh * (1 - hu * hu);
        grad[oC1 + u] = (grad[oC1 + u] as number) + (da[u] as number);
      }
      for (let i = 0; i < dModel; i++) {
        const zi = zt[i] as number;
        for (let u = 0; u < hidden; u++)
          grad[nWk + i * hidden + u] = (grad[nWk + i * hidden + u] as number) + zi * (da[u] as number);
      }
    });
  }
  adam(P, grad);
  if ((it + 1) % 500 === 0 || it + 1 === iterations) {
    let same = 0;
    let other = 0;
    for (let e = 0; e < 100; e++) {
      const ep = generateTaskEpisode(task, trainEpisodeSeed(20_000 + seed, e));
      const r = computeKeyAux(
        keysOf(encodeEpisode(backbone, ep.steps).z),
        keySlotLabels(ep.steps),
        1,
        dKey,
        undefined,
      );
      same += r.sameSlotCosine;
      other += r.otherSlotCosine;
    }
    console.log(
      `${task.name}, key noise ${task.keyNoise}, ${hidden === 0 ? 'linear' : `${args.residual ? 'residual ' : ''}hidden ${hidden}`}, ` +
        `iteration ${it + 1}: write keys [k; 1] on validation episodes, ` +
        `same slot ${(same / 100).toFixed(3)}, different slots ${(other / 100).toFixed(3)}`,
    );
  }
}
