// Diagnostic for the v2 gate (docs/aura-mem.md "Gate query bias"): does the gate's read of the memory carry the
// episode's cue, and does the gate separate relevant from irrelevant bindings at all?
//   node --conditions=@aura/source --import tsx packages/core/scripts/probe-gate-read.ts MODEL.onnx [...]
//        [--seed S] [--episodes 200]
// On the validation episodes of run 20,000 + S (training-seed episodes, never held-out ones), memory reset per
// episode, gate at the model's default τ, at every binding step (relevant, repeat, off-channel):
//   - cue AUC from m: a logistic probe (fitted on the first half of the episodes, scored on the second) predicting
//     the episode's cued channel from the gate's read m = kg·W + b — can the gate know the cue at all?
//   - cue AUC from W: the same probe on the whole memory (W, b) — is the cue in the memory at all?
//   - gate AUC: the gate probability as a score for relevant (cued channel, new value) vs irrelevant (repeat or
//     off-channel) bindings, and for on-channel vs off-channel bindings — τ-free selectivity.
// The cued channel and the step kinds are used only to score; the model never sees them.
import {
  type AuraMemState,
  CHANNELS,
  createStepCache,
  generateTaskEpisode,
  KEY_SLOTS,
  N_VALUES,
  rocAuc,
  stepAuraMem,
  trainEpisodeSeed,
} from '../src/index.js';
import { loadModelForAnalysis } from './load-model-for-analysis.js';
import { parseScriptArgs } from './parse-script-args.js';

const { args, positionals, fail } = parseScriptArgs(
  'probe-gate-read',
  'usage: node --conditions=@aura/source --import tsx packages/core/scripts/probe-gate-read.ts MODEL.onnx [...]\n' +
    '         [--seed S] [--episodes 200]',
  { seed: { type: 'string', default: '1' }, episodes: { type: 'string', default: '200' } },
  { positionals: true },
);
const seed = Number(args.seed);
const nEpisodes = Number(args.episodes);
if (positionals.length === 0) fail('a model file (MODEL.onnx) is required');
if (!Number.isSafeInteger(seed) || !Number.isInteger(nEpisodes) || nEpisodes < 2)
  fail(
    '--seed needs an integer and --episodes an integer ≥ 2 (the probe fits on one half, scores on the other)',
  );

/** L2-regularised logistic regression by full-batch gradient descent; returns the test AUC. */
function probeAuc(train: Float32Array[], yTrain: number[], test: Float32Array[], yTest: number[]): number {
  const d = train[0]?.length ?? 0;
  // standardise with the training set's mean and sd
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const x of train)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x[j] as number) / train.length;
  for (const x of train)
    for (let j = 0; j < d; j++)
      sd[j] = (sd[j] as number) + ((x[j] as number) - (mean[j] as number)) ** 2 / train.length;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j] as number) + 1e-6;
  const norm = (x: Float32Array) =>
    Float64Array.from(x, (v, j) => (v - (mean[j] as number)) / (sd[j] as number));
  const tr = train.map(norm);
  const te = test.map(norm);
  const w = new Float64Array(d);
  let b = 0;
  const score = (x: Float64Array) => {
    let s = b;
    for (let j = 0; j < d; j++) s += (w[j] as number) * (x[j] as number);
    return s;
  };
  const gw = new Float64Array(d);
  for (let e = 0; e < 300; e++) {
    gw.fill(0);
    let gb = 0;
    tr.forEach((x, i) => {
      const r = 1 / (1 + Math.exp(-score(x))) - (yTrain[i] as number);
      for (let j = 0; j < d; j++) gw[j] = (gw[j] as number) + r * (x[j] as number);
      gb += r;
    });
    for (let j = 0; j < d; j++)
      w[j] = (w[j] as number) - 0.3 * ((gw[j] as number) / tr.length + 1e-3 * (w[j] as number));
    b -= (0.3 * gb) / tr.length;
  }
  return rocAuc(te.map(score), yTest);
}

for (const file of positionals) {
  const { params, task, backbone, defaultTau: tau } = loadModelForAnalysis(file, 'hard-v2');
  if (!params.config.gateRead) throw new Error(`${file}: the gate does not read the memory`);
  const cache = createStepCache(params);
  const rows: {
    half: number;
    m: Float32Array;
    mem: Float32Array;
    cue: number;
    gate: number;
    kind: string;
    onChannel: number;
  }[] = [];
  for (let i = 0; i < nEpisodes; i++) {
    const ep = generateTaskEpisode(task, trainEpisodeSeed(20_000 + seed, i));
    const cueObs = ep.steps[0]?.obs as Float32Array;
    let cue = 0;
    for (let c = 0; c < CHANNELS; c++) if ((cueObs[KEY_SLOTS + N_VALUES + c] as number) > 0.5) cue = c;
    let state: AuraMemState = {
      W: new Float32Array(params.config.dKey * params.config.dVal),
      b: new Float32Array(params.config.dVal),
    };
    for (const s of ep.steps) {
      const mem = Float32Array.from([...state.W, ...state.b]);
      const r = stepAuraMem(params, state, backbone.encode(s.obs), tau, cache);
      if (s.kind === 'event' || s.kind === 'repeat' || s.kind === 'distractor')
        rows.push({
          half: i < nEpisodes / 2 ? 0 : 1,
          m: cache.m.slice(),
          mem,
          cue,
          gate: r.gate,
          kind: s.kind,
          onChannel: s.kind === 'distractor' ? 0 : 1,
        });
      state = r.state;
    }
  }
  const tr = rows.filter((r) => r.half === 0);
  const te = rows.filter((r) => r.half === 1);
  const cueFromM = probeAuc(
    tr.map((r) => r.m),
    tr.map((r) => r.cue),
    te.map((r) => r.m),
    te.map((r) => r.cue),
  );
  const cueFromW = probeAuc(
    tr.map((r) => r.mem),
    tr.map((r) => r.cue),
    te.map((r) => r.mem),
    te.map((r) => r.cue),
  );
  const gateRelevant = rocAuc(
    rows.map((r) => r.gate),
    rows.map((r) => (r.kind === 'event' ? 1 : 0)),
  );
  const gateOnChannel = rocAuc(
    rows.map((r) => r.gate),
    rows.map((r) => r.onChannel),
  );
  console.log(
    `${file}: ${rows.length} binding steps; cue AUC from the gate's read m ${cueFromM.toFixed(3)}, from the whole memory (W, b) ${cueFromW.toFixed(3)}; ` +
      `gate AUC relevant vs irrelevant ${gateRelevant.toFixed(3)}, on- vs off-channel ${gateOnChannel.toFixed(3)}` +
      (params.cg.length ? `; ‖cg‖ ${Math.hypot(...params.cg).toFixed(3)}` : ''),
  );
}
