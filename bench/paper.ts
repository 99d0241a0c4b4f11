// `pnpm bench paper [--quick] [--seeds N] [--config NAME[,NAME]] [--json FILE] [--md FILE] [--svg FILE] [--results] [--from FILE]…`
// Reproduces the paper's synthetic comparison on our tasks (issue 4, docs/paper-reproduction.md): for each
// configuration and seed, trains AURA-Mem, an always-write fast-weight memory, a dense GRU and a KV-cache
// attention memory, then evaluates all eight methods on held-out episodes (odd seeds, never trained on).
// Table on stdout, progress on stderr. `--results` writes bench/results/paper{-quick}.{json,md,svg}.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type AuraMemConfig,
  type CompareResult,
  compareMemoryMethods,
  getTaskConfig,
  meanCi95,
  O1_BASELINES,
  PAPER_METHODS,
  type TaskConfig,
  type TrainingBudget,
} from '../packages/core/src/index.js';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    seeds: { type: 'string' },
    config: { type: 'string', multiple: true },
    json: { type: 'string' },
    md: { type: 'string' },
    svg: { type: 'string' },
    results: { type: 'boolean', default: false },
    from: { type: 'string', multiple: true },
  },
});

// `--from FILE` (repeatable): no training; re-render table, markdown and SVG from earlier JSON outputs,
// concatenating their configurations (e.g. a full run done as `--config hard` and `--config easy` separately).
interface Loaded {
  quick: boolean;
  wallSeconds: number;
  configs: ReturnType<typeof runConfig>[];
}
const loaded: Loaded[] = (args.from ?? []).map((f) => JSON.parse(readFileSync(f, 'utf8')) as Loaded);
const quick = loaded.length ? loaded.some((l) => l.quick) : args.quick === true;
const configNames = (args.config ?? ['hard', 'easy']).flatMap((c) => c.split(',')).filter(Boolean);
const nSeeds = Number(args.seeds ?? (quick ? 2 : 5));
if (!Number.isInteger(nSeeds) || nSeeds < 1) {
  console.error('bench paper: --seeds needs a positive integer');
  process.exit(2);
}
if (nSeeds < 2) console.error('bench paper: warning: one seed gives no confidence interval');
const seeds = Array.from({ length: nSeeds }, (_, i) => i + 1);

const model: AuraMemConfig = { dModel: 48, dKey: 32, dVal: 32, dAction: 8, dGate: 16, dHidden: 48 };
const backboneSeed = 7;
const tau = 0.5;
const common = { batchSize: 16, learningRate: 0.01, sparsity: 0.05, clipNorm: 5 };
// Full run (designed for ≤ 40 min on this 2-core machine; docs/paper-reproduction.md, "Time budget"):
// `hard` trains AURA-Mem with the committed model card's recipe (3000 iterations, 1200 soft); the GRU gets
// 1200 (the card: 1500), the always-write layer 800 and the KV-cache 400 (it converges within a few
// hundred iterations and is O(T), so never the "best O(1)" reference). `easy` (T = 64, ≈ 1.8× the cost per
// iteration per episode, but ≈ 50 ms per AURA iteration measured) gets 1000 iterations (400 soft) for AURA,
// the always-write layer and the GRU alike, and 400 for the KV-cache. Its first full run used 300 (120 soft)
// on the strength of one seed converging by then; on 4 of 5 seeds the gate had not (15–41 writes per
// episode against the oracle's 7): docs/paper-reproduction.md keeps that run's table beside this one's.
type Budget = TrainingBudget & { evalEpisodes: number; calibrationEpisodes: number };
const FULL: Record<string, Budget> = {
  hard: {
    ...common,
    evalEpisodes: 500,
    calibrationEpisodes: 100,
    iterations: 3000,
    softIterations: 1200,
    referenceIterations: 1200,
    alwaysIterations: 800,
    gruIterations: 1200,
    kvIterations: 400,
  },
  easy: {
    ...common,
    evalEpisodes: 400,
    calibrationEpisodes: 80,
    iterations: 1000,
    softIterations: 400,
    referenceIterations: 1000,
    alwaysIterations: 1000,
    gruIterations: 1000,
    kvIterations: 400,
  },
  recall: {
    ...common,
    evalEpisodes: 500,
    calibrationEpisodes: 100,
    iterations: 1000,
    softIterations: 400,
    referenceIterations: 800,
  },
};
// Quick: a smoke test of structure and sanity in < 3 minutes, not of the paper's numbers.
const QUICK: Budget = {
  ...common,
  iterations: 150,
  softIterations: 60,
  referenceIterations: 80,
  evalEpisodes: 200,
  calibrationEpisodes: 50,
};

const budgetFor = (name: string): Budget => (quick ? QUICK : (FULL[name] ?? (FULL.hard as Budget)));

const start = Date.now();
const elapsed = () => `${((Date.now() - start) / 1000).toFixed(1)} s`;

interface MethodSummary {
  method: string;
  detail: string;
  accuracy: { mean: number; ci95: [number, number]; sd: number; perSeed: number[] };
  writesPerEpisode: number;
  writeFraction: number;
  writeReductionVsBestO1: number | null;
  writeReductionVsAlways: number | null;
  stateBytes: number;
  eventWriteProb?: number;
  distractorWriteProb?: number;
  eventMeanGate?: number;
  distractorMeanGate?: number;
  trainSeconds?: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const optMean = (xs: (number | undefined)[]) =>
  xs.every((x) => x !== undefined) ? mean(xs as number[]) : undefined;

function summarize(
  task: TaskConfig,
  results: CompareResult[],
  method: string,
  pick: 'runs' | 'supplementary',
) {
  const per = results.map((r) => {
    const run = r[pick].find((m) => m.method === method);
    if (!run) throw new Error(`missing ${method}`);
    return run;
  });
  const first = per[0] as (typeof per)[number];
  const ci = meanCi95(per.map((p) => p.accuracy));
  const s: MethodSummary = {
    method,
    detail: first.detail.replace(/\(\d+\/\d+\)/, '(matched to aura)'),
    // accuracy lies in [0, 1]: the t-interval is clipped to it
    accuracy: {
      mean: ci.mean,
      ci95: [Math.max(0, ci.ci95[0]), Math.min(1, ci.ci95[1])],
      sd: ci.sd,
      perSeed: per.map((p) => p.accuracy),
    },
    writesPerEpisode: mean(per.map((p) => p.writesPerEpisode)),
    writeFraction: mean(per.map((p) => p.writeFraction)),
    writeReductionVsBestO1: null,
    writeReductionVsAlways: null,
    stateBytes: Math.max(...per.map((p) => p.stateBytes)),
  };
  const opt = {
    eventWriteProb: optMean(per.map((p) => p.eventWriteProb)),
    distractorWriteProb: optMean(per.map((p) => p.distractorWriteProb)),
    eventMeanGate: optMean(per.map((p) => p.eventMeanGate)),
    distractorMeanGate: optMean(per.map((p) => p.distractorMeanGate)),
    trainSeconds: optMean(per.map((p) => p.trainSeconds)),
  };
  for (const [k, v] of Object.entries(opt))
    if (v !== undefined) (s as unknown as Record<string, number>)[k] = v;
  if (s.writesPerEpisode > 0) s.writeReductionVsAlways = task.episodeLength / s.writesPerEpisode;
  return s;
}

function runConfig(name: string) {
  const task = getTaskConfig(name);
  const budget = budgetFor(name);
  const results: CompareResult[] = [];
  for (const seed of seeds) {
    console.error(`[${elapsed()}] ${name} seed ${seed}: training and evaluating ${PAPER_METHODS.join(', ')}`);
    const r = compareMemoryMethods({
      task,
      model,
      seed,
      backboneSeed,
      tau,
      training: budget,
      evalEpisodes: budget.evalEpisodes,
      calibrationEpisodes: budget.calibrationEpisodes,
      onProgress: (m) => console.error(`[${elapsed()}] ${name} seed ${seed}: ${m}`),
    });
    for (const m of r.runs)
      console.error(
        `[${elapsed()}] ${name} seed ${seed}: ${m.method.padEnd(15)} acc ${m.accuracy.toFixed(3)} writes/ep ${m.writesPerEpisode.toFixed(2)}`,
      );
    results.push(r);
  }
  const methods = PAPER_METHODS.map((m) => summarize(task, results, m, 'runs'));
  const supplementary = ['oracle', 'always-aura-layer'].map((m) =>
    summarize(task, results, m, 'supplementary'),
  );
  // best O(1) baseline: highest mean held-out accuracy among always, random-budget, periodic-budget,
  // recon-gate and gru (AURA itself, the KV-cache (O(T) state) and no-memory excluded)
  const best = methods
    .filter((m) => O1_BASELINES.includes(m.method as (typeof O1_BASELINES)[number]))
    .reduce((a, b) => (b.accuracy.mean > a.accuracy.mean ? b : a));
  for (const m of [...methods, ...supplementary])
    m.writeReductionVsBestO1 = m.writesPerEpisode > 0 ? best.writesPerEpisode / m.writesPerEpisode : null;
  const get = (k: string) => methods.find((m) => m.method === k) as MethodSummary;
  const aura = get('aura');
  const targets = {
    bestO1Baseline: best.method,
    auraWithinBestO1Ci:
      aura.accuracy.mean >= best.accuracy.ci95[0] && aura.accuracy.mean <= best.accuracy.ci95[1],
    auraAtLeastBestO1CiLow: aura.accuracy.mean >= best.accuracy.ci95[0],
    auraWriteReductionVsBestO1: aura.writeReductionVsBestO1,
    atLeast5xFewerWrites: (aura.writeReductionVsBestO1 ?? 0) >= 5,
    randomBelowAura: get('random-budget').accuracy.ci95[1] < aura.accuracy.ci95[0],
    periodicBelowAura: get('periodic-budget').accuracy.ci95[1] < aura.accuracy.ci95[0],
    gateSelectivity: (aura.eventWriteProb ?? 0) / Math.max(aura.distractorWriteProb ?? 0, 1e-9),
    gateSelectivityAtLeast2x: (aura.eventWriteProb ?? 0) >= 2 * (aura.distractorWriteProb ?? 0),
  };
  return {
    name,
    hard: name === 'hard',
    description: task.description,
    episodeLength: task.episodeLength,
    seeds,
    methods,
    oracleWritesPerEpisode: mean(results.map((r) => r.oracleWritesPerEpisode)),
    alwaysOverOracleWrites: task.episodeLength / mean(results.map((r) => r.oracleWritesPerEpisode)),
    supplementary,
    targets,
    surpriseThresholds: results.map((r) => r.surpriseThreshold),
    heldOutEpisodesPerSeed: results[0]?.episodes,
    training: budget,
    seconds: results.reduce((a, r) => a + r.seconds, 0),
  };
}
const configs = loaded.length ? loaded.flatMap((l) => l.configs) : configNames.map(runConfig);
const wallSeconds = loaded.length
  ? loaded.reduce((a, l) => a + l.wallSeconds, 0)
  : (Date.now() - start) / 1000;
const out = {
  bench: 'paper',
  quick,
  note: quick
    ? 'QUICK run: a smoke test of structure and sanity with tiny training budgets; not the paper reproduction'
    : 'full run',
  ci: '95% Student-t interval over per-seed held-out accuracies: mean ± t(0.975, n−1)·sd/√n, clipped to [0, 1]',
  writeReduction:
    'writesPerEpisode(best O(1) baseline) / writesPerEpisode(method); best O(1) baseline = highest mean accuracy among always, random-budget, periodic-budget, recon-gate, gru',
  writeProb: 'fraction of event (distractor) steps on which the method wrote, mean over seeds',
  model,
  backboneSeed,
  tau,
  seedsNote:
    'seed s: initialisation and training episodes 2·(s·1e8 + i); held-out episodes 2·(s·1e8 + i) + 1; backbone seed fixed',
  wallSeconds,
  configs,
};

// ---- table on stdout ----
const f3 = (x: number) => x.toFixed(3);
const opt3 = (x: number | undefined) => (x === undefined ? '—' : f3(x));
const red = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)}×`);
function tableRows(c: (typeof configs)[number]) {
  return c.methods.map((m) => [
    m.method,
    f3(m.accuracy.mean),
    `[${f3(m.accuracy.ci95[0])}, ${f3(m.accuracy.ci95[1])}]`,
    m.writesPerEpisode.toFixed(2),
    red(m.writeReductionVsBestO1),
    m.stateBytes.toLocaleString('en-US'),
    opt3(m.eventWriteProb),
    opt3(m.distractorWriteProb),
  ]);
}
const HEAD = [
  'method',
  'acc',
  '95% CI',
  'writes/ep',
  'vs best O(1)',
  'state B',
  'p(write) event',
  'p(write) distr',
];
for (const c of configs) {
  console.log(
    `\n${c.name}${quick ? ' (QUICK)' : ''}: T=${c.episodeLength}, seeds ${c.seeds.join(',')}, oracle writes/ep ${c.oracleWritesPerEpisode.toFixed(2)} (always/oracle ${c.alwaysOverOracleWrites.toFixed(2)}×), best O(1) baseline: ${c.targets.bestO1Baseline}`,
  );
  const rows = [HEAD, ...tableRows(c)];
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  for (const r of rows)
    console.log(
      r.map((x, i) => (i === 0 ? x.padEnd(widths[i] as number) : x.padStart(widths[i] as number))).join('  '),
    );
  const t = c.targets;
  console.log(
    `targets: aura within best-O(1) CI ${t.auraWithinBestO1Ci} (≥ its low end ${t.auraAtLeastBestO1CiLow}); ≥5× fewer writes ${t.atLeast5xFewerWrites}; ` +
      `random below ${t.randomBelowAura}; periodic below ${t.periodicBelowAura}; selectivity ${t.gateSelectivity.toFixed(2)}× (≥2× ${t.gateSelectivityAtLeast2x})`,
  );
}
console.log(`\nwall time ${wallSeconds.toFixed(1)} s`);

// ---- sanity (structure, not the paper's numbers): exit 1 if any fails; this is what CI's --quick checks ----
function sanity(): string[] {
  const bad: string[] = [];
  for (const c of configs) {
    const names = c.methods.map((m) => m.method).join(',');
    if (names !== PAPER_METHODS.join(',')) bad.push(`${c.name}: methods ${names}`);
    const m = (k: string) => c.methods.find((x) => x.method === k) as MethodSummary;
    const T = c.episodeLength;
    for (const x of c.methods) {
      const { mean: a, ci95 } = x.accuracy;
      if (!(a >= 0 && a <= 1 && ci95[0] <= a && a <= ci95[1]))
        bad.push(`${c.name}/${x.method}: accuracy ${a} CI ${ci95}`);
      if (x.accuracy.perSeed.length !== c.seeds.length)
        bad.push(`${c.name}/${x.method}: ${x.accuracy.perSeed.length} seeds`);
    }
    for (const k of ['always', 'gru', 'kv'])
      if (m(k).writesPerEpisode !== T)
        bad.push(`${c.name}/${k}: ${m(k).writesPerEpisode} writes/ep, expected ${T}`);
    if (m('none').writesPerEpisode !== 0) bad.push(`${c.name}/none writes`);
    if (m('none').accuracy.mean > 1 / model.dAction + 0.1)
      bad.push(`${c.name}/none: ${m('none').accuracy.mean} far above chance`);
    for (const k of ['random-budget', 'periodic-budget'])
      if (Math.abs(m(k).writesPerEpisode - m('aura').writesPerEpisode) > 1e-9)
        bad.push(`${c.name}/${k}: ${m(k).writesPerEpisode} writes/ep vs aura ${m('aura').writesPerEpisode}`);
    if (c.oracleWritesPerEpisode !== getTaskConfig(c.name).events)
      bad.push(`${c.name}: oracle ${c.oracleWritesPerEpisode} writes/ep`);
    if (m('kv').stateBytes !== T * (model.dKey + model.dVal) * 4)
      bad.push(`${c.name}/kv: ${m('kv').stateBytes} B`);
  }
  return bad;
}
const problems = sanity();
if (problems.length) console.error(`sanity FAILED:\n  ${problems.join('\n  ')}`);
else
  console.error(
    'sanity: ok (8 methods, seeds, CIs, write counts, budget matching, oracle, KV bytes, none near chance)',
  );

// ---- writers ----
function markdown(): string {
  const lines = [
    `# pnpm bench paper${quick ? ' --quick (QUICK run: smoke test, not the reproduction)' : ''}`,
    '',
    'Generated by `bench/paper.ts`; numbers are measured, not edited by hand. See docs/paper-reproduction.md.',
    '',
    `- ${out.ci}`,
    `- write reduction: ${out.writeReduction}`,
    `- p(write) event / distr: ${out.writeProb}`,
    `- ${out.seedsNote}`,
    `- wall time ${wallSeconds.toFixed(0)} s`,
  ];
  for (const c of configs) {
    const b = c.training;
    lines.push(
      '',
      `## ${c.name}${c.hard ? ' (the non-saturated configuration)' : ''}`,
      '',
      `${c.description}. Seeds ${c.seeds.join(', ')}; ${c.heldOutEpisodesPerSeed} held-out episodes per seed. ` +
        `Training: AURA ${b.iterations} iterations (${b.softIterations} soft) × ${b.batchSize} episodes; always-write ${b.alwaysIterations ?? b.referenceIterations}, GRU ${b.gruIterations ?? b.referenceIterations}, KV ${b.kvIterations ?? b.referenceIterations} iterations.`,
      `Oracle writes per episode: ${c.oracleWritesPerEpisode.toFixed(2)} (always ÷ oracle = ${c.alwaysOverOracleWrites.toFixed(2)}×). Best O(1) baseline: \`${c.targets.bestO1Baseline}\`.`,
      '',
      `| ${HEAD.join(' | ')} |`,
      `|${HEAD.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
      ...tableRows(c).map((r) => `| ${r.join(' | ')} |`),
      '',
      'Supplementary: ' +
        c.supplementary
          .map(
            (s) =>
              `\`${s.method}\` acc ${f3(s.accuracy.mean)} [${f3(s.accuracy.ci95[0])}, ${f3(s.accuracy.ci95[1])}] at ${s.writesPerEpisode.toFixed(2)} writes/ep`,
          )
          .join('; ') +
        '.',
      '',
      `Targets: AURA within the best O(1) baseline's CI: **${c.targets.auraWithinBestO1Ci}** (at or above its low end: ${c.targets.auraAtLeastBestO1CiLow}); ` +
        `≥ 5× fewer writes: **${c.targets.atLeast5xFewerWrites}** (${red(c.targets.auraWriteReductionVsBestO1)}); ` +
        `random-budget CI below AURA's: **${c.targets.randomBelowAura}**; periodic-budget: **${c.targets.periodicBelowAura}**; ` +
        `selectivity ${c.targets.gateSelectivity.toFixed(2)}× (≥ 2×: **${c.targets.gateSelectivityAtLeast2x}**).`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function svg(): string {
  const W = 800;
  const rowH = 22;
  const panelH = PAPER_METHODS.length * rowH + 50;
  const H = configs.length * panelH + 80;
  const x0 = 130;
  const x1 = 560;
  const sx = (a: number) => x0 + a * (x1 - x0);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${esc(`pnpm bench paper${quick ? ' --quick — QUICK: smoke test, not the reproduction' : ''}`)}</text>`,
    `<text x="10" y="38" fill="#333">${esc(`held-out accuracy over seeds ${configs[0]?.seeds.join(', ') ?? ''}: mean and 95% Student-t interval`)}</text>`,
  ];
  configs.forEach((c, ci) => {
    const top = 56 + ci * panelH;
    parts.push(
      `<text x="10" y="${top + 12}" font-weight="bold">${esc(`${c.name}: oracle ${c.oracleWritesPerEpisode.toFixed(1)} writes/ep of ${c.episodeLength}`)}</text>`,
    );
    for (const a of [0, 0.25, 0.5, 0.75, 1]) {
      parts.push(
        `<line x1="${sx(a)}" y1="${top + 20}" x2="${sx(a)}" y2="${top + 20 + PAPER_METHODS.length * rowH}" stroke="#ddd"/>`,
        `<text x="${sx(a)}" y="${top + 34 + PAPER_METHODS.length * rowH}" text-anchor="middle" fill="#555">${a}</text>`,
      );
    }
    const chance = sx(1 / model.dAction);
    parts.push(
      `<line x1="${chance}" y1="${top + 20}" x2="${chance}" y2="${top + 20 + PAPER_METHODS.length * rowH}" stroke="#c00" stroke-dasharray="4 3"/>`,
    );
    c.methods.forEach((m, i) => {
      const y = top + 20 + i * rowH;
      const colour = m.method === 'aura' ? '#1f6feb' : m.method === 'kv' ? '#999' : '#6e7781';
      parts.push(
        `<text x="${x0 - 8}" y="${y + 15}" text-anchor="end">${esc(m.method)}</text>`,
        `<rect x="${x0}" y="${y + 4}" width="${Math.max(0, sx(m.accuracy.mean) - x0)}" height="${rowH - 8}" fill="${colour}"/>`,
        `<line x1="${sx(Math.max(0, m.accuracy.ci95[0]))}" y1="${y + rowH / 2}" x2="${sx(Math.min(1, m.accuracy.ci95[1]))}" y2="${y + rowH / 2}" stroke="black" stroke-width="2"/>`,
        `<text x="${x1 + 10}" y="${y + 15}">${esc(`${f3(m.accuracy.mean)} · ${m.writesPerEpisode.toFixed(1)} writes/ep · ${m.stateBytes.toLocaleString('en-US')} B`)}</text>`,
      );
    });
  });
  parts.push(
    `<text x="10" y="${H - 8}" fill="#555">${esc('red dashed line: chance (0.125). Bars: mean accuracy; black: 95% CI. Right: writes per episode, largest state.')}</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}

const prefix = `bench/results/paper${quick ? '-quick' : ''}`;
const jsonFile = args.json ?? (args.results ? `${prefix}.json` : undefined);
const mdFile = args.md ?? (args.results ? `${prefix}.md` : undefined);
const svgFile = args.svg ?? (args.results ? `${prefix}.svg` : undefined);
if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(out, null, 2)}\n`);
if (mdFile) writeFileSync(mdFile, markdown());
if (svgFile) writeFileSync(svgFile, svg());
for (const f of [jsonFile, mdFile, svgFile]) if (f) console.error(`wrote ${f}`);
if (problems.length) process.exit(1);
