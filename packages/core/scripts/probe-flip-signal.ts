// Diagnostic for the v2 gate's training signal (docs/aura-mem.md, "What the layer's own counterfactual says, step by
// step"): the per-step counterfactual L(write_t) − L(skip_t) that the flip estimator feeds the gate, on a trained
// layer, grouped by step kind and by what follows the step in its episode.
//   node --conditions=@aura/source --import tsx packages/core/scripts/probe-flip-signal.ts MODEL.onnx [...]
//        [--seed S] [--episodes 200] [--reference closed|gate] [--margin 0.05] [--futures K] [--json FILE]
// On the validation episodes of run 20,000 + S (training-seed episodes, never held-out ones), memory reset per
// episode, gate at τ 0.5 (the decisions the scale leaves as trained). ΔL is the episode's summed query
// cross-entropy if step t writes minus if it skips, every other decision held (`gate`) or re-decided by the gate
// from the changed memory (`closed`); < 0 means the write helps. Per group: how many steps, how often the gate
// writes them, ΔL's mean and 10th / 50th / 90th percentiles, and the shares beyond ±margin (the flip-label
// estimator's label is ΔL < −margin). The groups use the task's step kinds and keys, which the model never sees.
// With --futures K, every cue and binding step's ΔL is also averaged over K other futures of its episode (the
// steps after it redrawn by `continueTaskEpisode`, the step and everything before it kept): how much of the
// per-step spread is the one future an episode happens to have, and how well the averaged signal ranks relevant
// bindings above irrelevant ones (ROC AUC) against the single sample.
import { writeFileSync } from 'node:fs';
import {
  computeEpisodeGradient,
  continueTaskEpisode,
  createWorkspace,
  encodeEpisode,
  futureEpisodeSeed,
  generateTaskEpisode,
  rocAuc,
  type TaskEpisode,
  type TaskStep,
  trainEpisodeSeed,
} from '../src/memory/index.js';
import { loadModelForAnalysis } from './load-model-for-analysis.js';
import { parseScriptArgs } from './parse-script-args.js';

const { args, positionals, fail } = parseScriptArgs(
  'probe-flip-signal',
  'usage: node --conditions=@aura/source --import tsx packages/core/scripts/probe-flip-signal.ts MODEL.onnx [...]\n' +
    '         [--seed S] [--episodes 200] [--reference closed|gate] [--margin 0.05] [--futures K] [--json FILE]',
  {
    seed: { type: 'string', default: '1' },
    episodes: { type: 'string', default: '200' },
    reference: { type: 'string', default: 'closed' },
    margin: { type: 'string', default: '0.05' },
    futures: { type: 'string', default: '0' },
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
const nFutures = Number(args.futures);
if (!Number.isInteger(nFutures) || nFutures < 0 || nFutures > 64)
  fail('--futures must be an integer from 0 to 64');

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
/** The step's group from what came before it only (what a gate could know): for the averaged signal. */
function pastGroupOf(steps: readonly TaskStep[], t: number, decisions: Uint8Array): string {
  const st = steps[t] as TaskStep;
  const before = steps.slice(1, t);
  const boundOn = before.some((s) => s.kind === 'event' && s.key === st.key);
  if (st.kind === 'event') return `relevant binding, ${boundOn ? 'rebinding its key' : 'key new'}`;
  if (st.kind === 'repeat') return groupOf(steps, t, decisions);
  if (st.kind === 'distractor')
    return `off-channel, key ${boundOn ? 'already bound on-channel' : 'not bound on-channel yet'}`;
  return st.kind;
}
const branches = new Set<TaskStep['kind']>(['cue', 'event', 'repeat', 'distractor']);

const ws = createWorkspace(params);
const scratch = new Float32Array(params.data.length);
const flipOf = (ep: TaskEpisode) =>
  computeEpisodeGradient(
    params,
    encodeEpisode(model.backbone, ep.steps),
    { gateMode: 'ste', tauTrain: 0.5, sparsity: 0, gateEstimator: { kind: 'flip', reference } },
    scratch,
    ws,
  );
// per branched step (cue and bindings): kind, relevance, the single sample and the mean over the futures
const branched: {
  kind: string;
  past: string;
  relevant: boolean;
  single: number;
  mean: number;
  sd: number;
}[] = [];
const start = Date.now();
for (let i = 0; i < nEpisodes; i++) {
  const episodeSeed = trainEpisodeSeed(20_000 + seed, i);
  const ep = generateTaskEpisode(model.task, episodeSeed);
  flipOf(ep);
  const single = Float64Array.from(ws.flip.subarray(0, ep.steps.length));
  const decisions = Uint8Array.from(ws.flipDecision.subarray(0, ep.steps.length));
  ep.steps.forEach((st, t) => {
    const d = single[t] as number;
    const w = decisions[t] as number;
    add(kinds, st.kind, d, w);
    add(groups, groupOf(ep.steps, t, decisions), d, w);
  });
  if (nFutures === 0) continue;
  ep.steps.forEach((st, t) => {
    if (!branches.has(st.kind)) return;
    const samples: number[] = [];
    for (let k = 0; k < nFutures; k++) {
      // another future per (episode, step, k), each from its own seed (a safe integer for K ≤ 64)
      flipOf(continueTaskEpisode(ep, t, futureEpisodeSeed(episodeSeed, t, k, nFutures)));
      samples.push(ws.flip[t] as number);
    }
    const mean = samples.reduce((a, b) => a + b, 0) / nFutures;
    const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, nFutures - 1));
    branched.push({
      kind: st.kind,
      past: pastGroupOf(ep.steps, t, decisions),
      relevant: st.kind === 'cue' || st.kind === 'event',
      single: single[t] as number,
      mean,
      sd,
    });
  });
  if (nFutures > 0 && (i + 1) % 20 === 0)
    console.error(`  ${i + 1}/${nEpisodes} episodes, ${((Date.now() - start) / 1000).toFixed(0)} s`);
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

// the averaged signal against the single sample, on the same steps
const futures =
  nFutures === 0
    ? undefined
    : (() => {
        const of = (pick: (b: (typeof branched)[number]) => boolean, value: 'single' | 'mean') => {
          const m = new Map<string, { deltas: number[]; written: number }>();
          for (const b of branched) if (pick(b)) add(m, value === 'mean' ? b.past : b.kind, b[value], 0);
          return table(m).map(({ written: _w, ...r }) => r);
        };
        const auc = (value: 'single' | 'mean', pos: (k: string) => boolean, neg: (k: string) => boolean) => {
          const rows = branched.filter((b) => pos(b.kind) || neg(b.kind));
          return rocAuc(
            rows.map((b) => -b[value]),
            rows.map((b) => (pos(b.kind) ? 1 : 0)),
          );
        };
        const isBindingRelevant = (k: string) => k === 'event';
        const isIrrelevant = (k: string) => k === 'repeat' || k === 'distractor';
        const isOff = (k: string) => k === 'distractor';
        const sdOf = (kind: string) => {
          const r = branched.filter((b) => b.kind === kind);
          return r.reduce((a, b) => a + b.sd, 0) / r.length;
        };
        // a gate that wrote exactly where the signal says writing helps (ΔL < −margin): its selectivity as the
        // issue counts it (cue and relevant bindings ÷ repeats and off-channel bindings)
        const followed = (value: 'single' | 'mean') => {
          const rate = (pick: (k: string) => boolean) => {
            const r = branched.filter((b) => pick(b.kind));
            return r.filter((b) => b[value] < -margin).length / r.length;
          };
          const relevant = rate((k) => k === 'cue' || k === 'event');
          const irrelevant = rate(isIrrelevant);
          return { relevant, irrelevant, selectivity: relevant / irrelevant };
        };
        return {
          futures: nFutures,
          steps: branched.length,
          singleByKind: of(() => true, 'single'),
          meanByPast: of(() => true, 'mean'),
          withinStepSd: Object.fromEntries(['cue', 'event', 'repeat', 'distractor'].map((k) => [k, sdOf(k)])),
          auc: {
            relevantVsIrrelevant: {
              single: auc('single', (k) => k === 'cue' || k === 'event', isIrrelevant),
              mean: auc('mean', (k) => k === 'cue' || k === 'event', isIrrelevant),
            },
            relevantBindingVsOffChannel: {
              single: auc('single', isBindingRelevant, isOff),
              mean: auc('mean', isBindingRelevant, isOff),
            },
            relevantBindingVsRepeat: {
              single: auc('single', isBindingRelevant, (k) => k === 'repeat'),
              mean: auc('mean', isBindingRelevant, (k) => k === 'repeat'),
            },
          },
          followed: { single: followed('single'), mean: followed('mean') },
        };
      })();

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
if (futures) {
  const row = (r: ReturnType<typeof table>[number] | Omit<ReturnType<typeof table>[number], 'written'>) =>
    `${r.group.padEnd(52)} ${String(r.steps).padStart(5)}         ${[r.mean, r.p10, r.p50, r.p90]
      .map((x) => x.toFixed(3).padStart(6))
      .join(' ')} ${r.helps.toFixed(2).padStart(6)} ${r.hurts.toFixed(2).padStart(6)}`;
  console.log(`\ncue and binding steps, one future (the episode's own)\n${header}`);
  for (const r of futures.singleByKind) console.log(row(r));
  console.log(
    `\nthe same steps, ΔL averaged over ${nFutures} other futures (grouped by what came before)\n${header}`,
  );
  for (const r of futures.meanByPast) console.log(row(r));
  console.log(
    `\nsd of ΔL across the futures of one step: ${Object.entries(futures.withinStepSd)
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(', ')}`,
  );
  for (const [name, a] of Object.entries(futures.auc))
    console.log(
      `AUC (−ΔL ranks ${name}): one future ${a.single.toFixed(3)}, mean of ${nFutures} ${a.mean.toFixed(3)}`,
    );
  for (const [name, f] of Object.entries(futures.followed))
    console.log(
      `a gate writing where ΔL < −${margin} (${name === 'single' ? 'one future' : `mean of ${nFutures}`}): ` +
        `relevant ${f.relevant.toFixed(2)}, irrelevant ${f.irrelevant.toFixed(2)}, selectivity ${f.selectivity.toFixed(2)}×`,
    );
}
if (args.json) {
  writeFileSync(
    args.json,
    `${JSON.stringify({ model: { name: model.name, sha256: model.sha256 }, seed, episodes: nEpisodes, reference, margin, byKind, byGroup, futures }, null, 2)}\n`,
  );
  console.log(`\nwrote ${args.json}`);
}
