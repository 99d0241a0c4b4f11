// `pnpm model:diagnose --model models/NAME.onnx [--seed 1] [--streams 100] [--histories 0,1,2,4,8,16] [--json FILE]`
// Why a model's memory fails when it is carried across episodes (issue 14: `memory.resetOnEpisodeEnd` may only
// default to off once carried and reset accuracy agree). On training-seed validation episodes (run 20,000 + seed,
// the same ones `train-model.ts` validates on; never held-out ones) it measures:
//  - key addressing: the cosine between the write keys [k; 1] of two bindings of the same key slot, against two
//    of different slots, and between a query's key [q; 1] and the write keys of its slot and of the others.
//    The delta rule overwrites a key's old value only as far as the new write key points the same way: at a
//    cosine well below 1 an earlier episode's binding of that key survives and is read beside the new one;
//  - accuracy on the last episode of streams that carry `h` earlier episodes in the memory, for the oracle
//    schedule over the model's layer (writes exactly on relevant steps) and for its gate at the default τ.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type AuraMemParams,
  computeWriteKey,
  createOracleSchedule,
  createWriteSchedule,
  evaluateAuraMem,
  generateTaskEpisode,
  type TaskEpisode,
  trainEpisodeSeed,
  type WriteSchedule,
} from '../src/memory/index.js';
import { loadModelForAnalysis } from './load-model-for-analysis.js';
import { parseScriptArgs } from './parse-script-args.js';

const usage =
  'usage: pnpm model:diagnose --model models/NAME.onnx [--seed 1] [--streams 100] ' +
  '[--histories 0,1,2,4,8,16] [--json FILE]';
const { args, fail } = parseScriptArgs('model:diagnose', usage, {
  model: { type: 'string' },
  seed: { type: 'string', default: '1' },
  streams: { type: 'string', default: '100' },
  histories: { type: 'string', default: '0,1,2,4,8,16' },
  json: { type: 'string' },
});
if (!args.model) fail('--model is required');
const seed = Number(args.seed);
if (!Number.isSafeInteger(seed) || seed < 0) fail('--seed must be a non-negative integer');
const streams = Number(args.streams);
if (!Number.isInteger(streams) || streams < 1) fail('--streams must be a positive integer');
const histories = (args.histories as string).split(',').map(Number);
if (histories.some((h) => !Number.isInteger(h) || h < 0)) {
  fail('--histories must be non-negative integers, comma-separated');
}

const { params, task, backbone, defaultTau: tau } = loadModelForAnalysis(args.model as string);
const validation = (i: number) => generateTaskEpisode(task, trainEpisodeSeed(20_000 + seed, i));

/** [x·M; 1] for a [dModel, dKey] projection M. */
function augmentedKey(p: AuraMemParams, z: Float32Array, M: Float32Array): Float64Array {
  const { dModel, dKey } = p.config;
  const out = new Float64Array(dKey + 1);
  for (let i = 0; i < dModel; i++) {
    const zi = z[i] as number;
    for (let j = 0; j < dKey; j++) out[j] = (out[j] as number) + zi * (M[i * dKey + j] as number);
  }
  out[dKey] = 1;
  return out;
}

/** The write key [k; 1]; with the nonlinear write key, k = z·Wk + tanh(z·Kh + kc)·Ko as the layer computes it. */
function writeKey(z: Float32Array): Float64Array {
  if (!params.config.keyHidden) return augmentedKey(params, z, params.Wk);
  const k = computeWriteKey(params, z, new Float32Array(params.config.dKey));
  const out = new Float64Array(params.config.dKey + 1);
  out.set(k);
  out[params.config.dKey] = 1;
  return out;
}

function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] as number) * (b[i] as number);
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

// ---- key addressing ----
const writes: { slot: number; k: Float64Array }[] = [];
const reads: { slot: number; q: Float64Array }[] = [];
const z = new Float32Array(params.config.dModel);
for (let e = 0; writes.length < 600 || reads.length < 300; e++) {
  for (const step of validation(e).steps) {
    if (step.key < 0) continue;
    backbone.encode(step.obs, z);
    if (step.target >= 0) reads.push({ slot: step.key, q: augmentedKey(params, z, params.Wq) });
    else writes.push({ slot: step.key, k: writeKey(z) });
  }
}
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);
const sameSlot: number[] = [];
const otherSlot: number[] = [];
for (let i = 0; i < 600; i++) {
  for (let j = i + 1; j < 600; j++) {
    const a = writes[i] as (typeof writes)[number];
    const b = writes[j] as (typeof writes)[number];
    (a.slot === b.slot ? sameSlot : otherSlot).push(cosine(a.k, b.k));
  }
}
const querySame: number[] = [];
const queryOther: number[] = [];
for (const r of reads.slice(0, 300)) {
  for (const w of writes.slice(0, 300)) (r.slot === w.slot ? querySame : queryOther).push(cosine(r.q, w.k));
}
const keys = {
  writeKeySameSlot: mean(sameSlot),
  writeKeyOtherSlot: mean(otherSlot),
  queryToWriteKeySameSlot: mean(querySame),
  queryToWriteKeyOtherSlot: mean(queryOther),
};
console.log(
  `key addressing (cosine of [k; 1]): write keys of the same slot ${keys.writeKeySameSlot.toFixed(3)}, ` +
    `of different slots ${keys.writeKeyOtherSlot.toFixed(3)}; query to write key, same slot ` +
    `${keys.queryToWriteKeySameSlot.toFixed(3)}, different ${keys.queryToWriteKeyOtherSlot.toFixed(3)}`,
);

// ---- accuracy on the last episode of a stream carrying `h` earlier episodes ----
function lastEpisodeCorrect(episodes: TaskEpisode[], schedule: (eps: TaskEpisode[]) => WriteSchedule) {
  const whole = evaluateAuraMem(params, backbone, episodes, schedule(episodes), { carryState: true });
  const prefix = episodes.slice(0, -1);
  const before = prefix.length
    ? evaluateAuraMem(params, backbone, prefix, schedule(prefix), { carryState: true }).correct
    : 0;
  return whole.correct - before;
}
const carried: { history: number; oracle: number; gate: number }[] = [];
let index = 1_000_000; // episodes apart from those above
for (const history of histories) {
  let queries = 0;
  let oracle = 0;
  let gate = 0;
  for (let s = 0; s < streams; s++) {
    const episodes = Array.from({ length: history + 1 }, () => validation(index++));
    queries += (episodes.at(-1) as TaskEpisode).steps.filter((step) => step.target >= 0).length;
    oracle += lastEpisodeCorrect(episodes, createOracleSchedule);
    gate += lastEpisodeCorrect(episodes, () => createWriteSchedule({ kind: 'gate', tau }));
  }
  carried.push({ history, oracle: oracle / queries, gate: gate / queries });
  console.log(
    `${history} earlier episode(s) carried: last episode's accuracy, oracle schedule ${(oracle / queries).toFixed(3)}, ` +
      `gate at τ ${tau} ${(gate / queries).toFixed(3)} (${streams} streams)`,
  );
}
if (args.json) {
  writeFileSync(
    args.json,
    `${JSON.stringify({ model: path.basename(args.model as string), task: task.name, seed, streams, keys, carried }, null, 2)}\n`,
  );
}
