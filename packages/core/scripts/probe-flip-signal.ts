// Diagnostic for the v2 gate's training signal (docs/aura-mem.md, "What the layer's own counterfactual says, step by
// step"): the per-step counterfactual L(write_t) − L(skip_t) that the flip estimator feeds the gate, on a trained
// layer, grouped by step kind and by what follows the step in its episode.
//   node --conditions=@aura/source --import tsx packages/core/scripts/probe-flip-signal.ts MODEL.onnx [...]
//        [--seed S] [--episodes 200] [--reference closed|gate] [--margin 0.05] [--json FILE]
// On the validation episodes of run 20,000 + S (training-seed episodes, never held-out ones), memory reset per
// episode, gate at τ 0.5 (the decisions the scale leaves as trained). ΔL is the episode's summed query
// cross-entropy if step t writes minus if it skips, every other decision held (`gate`) or re-decided by the gate
// from the changed memory (`closed`); < 0 means the write helps. Per group: how many steps, how often the gate
// writes them, ΔL's mean and 10th / 50th / 90th percentiles, and the shares beyond ±margin (the flip-label
// estimator's label is ΔL < −margin). The groups use the task's step kinds and keys, which the model never sees.
import { writeFileSync } from 'node:fs';
import {
  computeEpisodeGradient,
  createWorkspace,
  encodeEpisode,
  generateTaskEpisode,
  type TaskStep,
  trainEpisodeSeed,
} from '../src/memory/index.js';
import { loadModelForAnalysis } from './load-model-for-analysis.js';
import { parseScriptArgs } from './parse-script-args.js';

const { args, positionals, fail } = parseScriptArgs(
  'probe-flip-signal',
  'usage: node --conditions=@aura/source --import tsx packages/core/scripts/probe-flip-signal.ts MODEL.onnx [...]\n' +
    '         [--seed S] [--episodes 200] [--reference closed|gate] [--margin 0.05] [--json FILE]',
  {
    seed: { type: 'string', default: '1' },
    episodes: { type: 'string', default: '200' },
    reference: { type: 'string', default: 'closed' },
    margin: { type: 'string', default: '0.05' },
    json: { type: 'string' },
  },
  { positionals: true },
);
if (positionals.length === 0) fail('a model file (MODEL.onnx) is required');
const seed = Number(args.seed);
if (!Number.isSafeInteger(seed) || seed < 0) fail('--seed must be a non-negative integer');
const nEpisodes = Number(args.episodes);
if (!Number.isInteger(nEpisodes) || nEpisodes < 1) fail('--episodes must be a positive integer');
const reference = args.reference as 'closed' | 'gate';
if (reference !== 'closed' && reference !== 'gate') fail('--reference must be closed or gate');
const margin = Number(args.margin);
if (!(margin >= 0)) fail('--margin must be a number ≥ 0');

const model = loadModelForAnalysis(positionals[0] as string);
const { params } = model;
if (!params.config.gateRead) fail(`${model.name}: not a v2 model (no gate read); the groups need task v2`);

/** The step's group: its kind, refined by what the rest of the episode does with its key. */
function groupOf(steps: readonly TaskStep[], t: number, decisions: Uint8Array): string {
  const st = steps[t] as TaskStep;
  const later = steps.slice(t + 1);
  const sameKey = (s: TaskStep, kind: TaskStep['kind']) => s.kind === kind && s.key === st.key;
  if (st.kind === 'event') {
    if (later.some((s) => sameKey(s, 'event'))) return 'relevant binding, rebound later';
    if (!later.some((s) => sameKey(s, 'query'))) return 'relevant binding, never queried';
    return later.some((s) => sameKey(s, 'repeat'))
      ? 'relevant binding, queried, repeated later'
      : 'relevant binding, queried, not repeated';
  }
  if (st.kind === 'repeat') {
    for (let u = t - 1; u >= 0; u--)
      if (sameKey(steps[u] as TaskStep, 'event'))
        return decisions[u] ? 'repeat, binding written' : 'repeat, binding skipped';
    return 'repeat';
  }
  if (st.kind === 'distractor') {
    const queried = later.some((s) => sameKey(s, 'query'));
    const shared = steps.some((s) => sameKey(s, 'event'));
    return `off-channel, key ${queried ? 'queried later' : 'not queried later'}${shared ? ', also bound on-channel' : ''}`;
  }
  return st.kind;
}

const groups = new Map<string, { deltas: number[]; written: number }>();
const kinds = new Map<string, { deltas: number[]; written: number }>();
const add = (map: typeof groups, key: string, d: number, w: number) => {
  const g = map.get(key) ?? { deltas: [], written: 0 };
  g.deltas.push(d);
  g.written += w;
  map.set(key, g);
};
const ws = createWorkspace(params);
const scratch = new Float32Array(params.data.length);
const start = Date.now();
for (let i = 0; i < nEpisodes; i++) {
  const ep = generateTaskEpisode(model.task, trainEpisodeSeed(20_000 + seed, i));
  computeEpisodeGradient(
    params,
    encodeEpisode(model.backbone, ep.steps),
    {
      gateMode: 'ste',
      tauTrain: 0.5,
      sparsity: 0,
      gateEstimator: { kind: 'flip', reference },
    },
    scratch,
    ws,
  );
  ep.steps.forEach((st, t) => {
    const d = ws.flip[t] as number;
    const w = ws.flipDecision[t] as number;
    add(kinds, st.kind, d, w);
    add(groups, groupOf(ep.steps, t, ws.flipDecision), d, w);
  });
}

const quantile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
const summarise = (g: { deltas: number[]; written: number }) => {
  const s = [...g.deltas].sort((a, b) => a - b);
  const n = s.length;
  return {
    steps: n,
    written: g.written / n,
    mean: s.reduce((a, b) => a + b, 0) / n,
    p10: quantile(s, 0.1),
    p50: quantile(s, 0.5),
    p90: quantile(s, 0.9),
    helps: s.filter((x) => x < -margin).length / n,
    hurts: s.filter((x) => x > margin).length / n,
  };
};
const table = (map: typeof groups) =>
  [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, g]) => ({ group, ...summarise(g) }));
const byKind = table(kinds);
const byGroup = table(groups);

console.log(
  `${model.name}: ΔL = L(write) − L(skip) per step, reference ${reference}, ${nEpisodes} validation episodes ` +
    `(run ${20_000 + seed}), memory reset, τ 0.5; ${((Date.now() - start) / 1000).toFixed(1)} s`,
);
const header = `${'group'.padEnd(52)} ${'steps'.padStart(5)} written   mean    p10    p50    p90  <−${margin}  >+${margin}`;
for (const [title, rows] of [
  ['by step kind', byKind],
  ['by what follows the step', byGroup],
] as const) {
  console.log(`\n${title}\n${header}`);
  for (const r of rows)
    console.log(
      `${r.group.padEnd(52)} ${String(r.steps).padStart(5)} ${r.written.toFixed(2).padStart(7)} ${[
        r.mean,
        r.p10,
        r.p50,
        r.p90,
      ]
        .map((x) => x.toFixed(3).padStart(6))
        .join(' ')} ${r.helps.toFixed(2).padStart(6)} ${r.hurts.toFixed(2).padStart(6)}`,
    );
}
if (args.json) {
  writeFileSync(
    args.json,
    `${JSON.stringify({ model: { name: model.name, sha256: model.sha256 }, seed, episodes: nEpisodes, reference, margin, byKind, byGroup }, null, 2)}\n`,
  );
  console.log(`\nwrote ${args.json}`);
}
