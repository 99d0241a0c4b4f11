// How far can a linear write key k = z·Wk on the frozen backbone separate key slots at all?
//   node --conditions=@aura/source --import tsx packages/core/scripts/key-addressing-ceiling.ts
//        [--task hard-v2] [--key-noise 0.35] [--iterations 1500] [--seed 1]
// Trains Wk alone (dKey 32, Adam 0.01, 16 episodes a batch) on the key-addressing term of docs/aura-mem.md
// ("Key-addressing auxiliary loss", weight 1, no task loss) over training episodes of the task, with its key noise
// replaced by --key-noise when given, and prints every 500 iterations the mean cosine of [k; 1] between binding
// steps of the same key slot and of different slots on 100 validation episodes (run 20,000 + seed; never held-out).
// A bound for what the term can do inside the layer, where the task loss pulls on Wk too.
import { parseArgs } from 'node:util';
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

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    task: { type: 'string', default: 'hard-v2' },
    'key-noise': { type: 'string' },
    iterations: { type: 'string', default: '1500' },
    seed: { type: 'string', default: '1' },
    'backbone-seed': { type: 'string', default: '7' },
  },
});
const base = getTaskConfig(args.task as string);
const task = args['key-noise'] === undefined ? base : { ...base, keyNoise: Number(args['key-noise']) };
const seed = Number(args.seed);
const iterations = Number(args.iterations);
const dModel = 48;
const dKey = 32;
const batch = 16;
const backbone = createBackbone(obsDimsOf(task), dModel, Number(args['backbone-seed']));
const rng = createRng(seed);
const Wk = Float32Array.from({ length: dModel * dKey }, () => rng.normal() / Math.sqrt(dModel));
const adam = createAdam(Wk.length, 0.01);

function keysOf(zs: Float32Array[]): Float32Array[] {
  return zs.map((z) => {
    const k = new Float32Array(dKey);
    for (let i = 0; i < dModel; i++) {
      const zi = z[i] as number;
      for (let j = 0; j < dKey; j++) k[j] = (k[j] as number) + zi * (Wk[i * dKey + j] as number);
    }
    return k;
  });
}

const grad = new Float32Array(Wk.length);
for (let it = 0; it < iterations; it++) {
  grad.fill(0);
  for (let e = 0; e < batch; e++) {
    const ep = generateTaskEpisode(task, trainEpisodeSeed(seed, it * batch + e));
    const { z } = encodeEpisode(backbone, ep.steps);
    const dk = new Float32Array(z.length * dKey);
    computeKeyAux(keysOf(z), keySlotLabels(ep.steps), 1, dKey, dk, 1 / batch);
    z.forEach((zt, t) => {
      for (let i = 0; i < dModel; i++) {
        const zi = zt[i] as number;
        for (let j = 0; j < dKey; j++)
          grad[i * dKey + j] = (grad[i * dKey + j] as number) + zi * (dk[t * dKey + j] as number);
      }
    });
  }
  adam(Wk, grad);
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
      `${task.name}, key noise ${task.keyNoise}, iteration ${it + 1}: write keys [k; 1] on validation episodes, ` +
        `same slot ${(same / 100).toFixed(3)}, different slots ${(other / 100).toFixed(3)}`,
    );
  }
}
