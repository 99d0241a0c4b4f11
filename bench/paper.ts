// `pnpm bench paper [--quick] [--seeds N] [--config NAME[,NAME]] [--backbone-seed S] [--eval-seed-offset K]
//                   [--task-json FILE] [--no-adaptive] [--cache DIR] [--jobs N] [--status] [--json FILE] [--md FILE]
//                   [--svg FILE] [--results] [--from FILE]…` (`--help` explains each)
// Reproduces the paper's synthetic comparison on our tasks (issues 4 and 14, docs/paper-reproduction.md): for
// each configuration and seed, trains AURA-Mem (the v2 recipe, packages/core/src/memory/v2-recipe.ts), an
// always-write fast-weight memory, random and periodic controls retrained under their own schedules at AURA's
// write rate, a dense GRU and a KV-cache attention memory — all with the same number of training iterations —
// plus three gate ablations, then evaluates everything on held-out episodes (odd seeds, never trained on) and
// compares methods by paired per-seed differences against a non-inferiority margin declared in
// bench/_paper-aggregate.ts.
// Each unit of work (configuration × seed × method/control/ablation) is stored in a cache directory as it
// finishes (bench/_paper-cache.ts); a re-run skips the units already there, `--jobs N` runs units in N child
// processes, and the results are aggregated from the cache only: an interrupted run resumes where it stopped.
// Table on stdout, progress on stderr. `--results` writes bench/results/paper{-quick}.{json,md,svg}.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  AURA_V2_BACKBONE_SEED,
  AURA_V2_MODEL,
  AURA_V2_TRAINING,
  type AuraMemConfig,
  type CompareResult,
  generateTaskEpisode,
  getTaskConfig,
  oracleWrites,
  PAPER_METHODS,
  type TaskConfig,
} from '@aura/core';
import { parseScriptArgs } from '@aura/core/script-args';
import {
  aggregateConfig,
  type Budget,
  MAX_SEEDS,
  type MethodSummary,
  mean,
  NON_INFERIORITY_MARGIN,
  noisyMethods,
  SD_FOR_MORE_SEEDS,
} from './_paper-aggregate.js';
import { FULL_BUDGET, paperUnits, QUICK_BUDGET } from './_paper-budget.js';
import { assembleFromCache, DEFAULT_CACHE_DIR, type UnitOptions } from './_paper-cache.js';
import { runUnits } from './_paper-runner.js';
import { paperStatus, printStatus } from './_paper-status.js';

const HELP = `usage: pnpm bench paper [options]

Trains and evaluates every method of the paper comparison (docs/paper-reproduction.md) and prints the table.
  --quick               smoke-test budget (CI, < 3 min): 8 iterations, 2 seeds
  --seeds N             seeds 1..N (default 5, quick 2); full runs extend to ${MAX_SEEDS} where a method's sd > ${SD_FOR_MORE_SEEDS}
  --no-adaptive         never extend the seeds
  --config NAME[,NAME]  task configurations (default hard-v2,recall)
  --backbone-seed S     another frozen backbone (default ${AURA_V2_BACKBONE_SEED})
  --eval-seed-offset K  held-out episodes from seeds s + K (default 0)
  --task-json FILE      a TaskConfig as JSON instead of --config
  --cache DIR           unit cache (default bench/.cache/paper, gitignored): each unit (configuration × seed ×
                        method/control/ablation) is stored when it finishes, with its rows, learning curve,
                        timing, the recipe hash and its exact options; a re-run skips the units already there
                        with the same key (options + recipe + trainer sources), so an interrupted run resumes
  --jobs N              run units in N child processes (default 1: in this process)
  --status              run nothing: list the units of this run that are cached or pending, with their wall
                        and CPU seconds, and project the rest; with --json FILE also writes that, plus the
                        per-seed rows of every seed whose units are all cached
  --json/--md/--svg F   write the results there; --results writes bench/results/paper{-quick}.*
  --from FILE           no training: re-render earlier JSON outputs (repeatable; configurations concatenated)`;

const { args, fail } = parseScriptArgs('bench paper', HELP, {
  quick: { type: 'boolean', default: false },
  seeds: { type: 'string' },
  config: { type: 'string', multiple: true },
  json: { type: 'string' },
  md: { type: 'string' },
  svg: { type: 'string' },
  results: { type: 'boolean', default: false },
  from: { type: 'string', multiple: true },
  'backbone-seed': { type: 'string', default: String(AURA_V2_BACKBONE_SEED) },
  'eval-seed-offset': { type: 'string', default: '0' },
  'task-json': { type: 'string' },
  'no-adaptive': { type: 'boolean', default: false },
  cache: { type: 'string' },
  jobs: { type: 'string', default: '1' },
  status: { type: 'boolean', default: false },
});

const backboneSeedArg = Number(args['backbone-seed']);
const evalSeedOffset = Number(args['eval-seed-offset']);
if (!Number.isSafeInteger(backboneSeedArg) || !Number.isSafeInteger(evalSeedOffset) || evalSeedOffset < 0) {
  fail('--backbone-seed and --eval-seed-offset need non-negative integers');
}
const jobs = Number(args.jobs);
if (!Number.isInteger(jobs) || jobs < 1) {
  fail('--jobs needs a positive integer');
}
const cacheDir = path.resolve(args.cache ?? DEFAULT_CACHE_DIR);
const taskFromJson: TaskConfig | undefined = args['task-json']
  ? (JSON.parse(readFileSync(args['task-json'], 'utf8')) as TaskConfig)
  : undefined;
if (taskFromJson) generateTaskEpisode(taskFromJson, 0); // validates the parameters (throws naming the problem)

// `--from FILE` (repeatable): no training; re-render table, markdown and SVG from earlier JSON outputs,
// concatenating their configurations (e.g. a full run done as `--config hard` and `--config easy` separately).
interface Loaded {
  quick: boolean;
  wallSeconds: number;
  configs: ReturnType<typeof aggregateConfig>[];
}
const loaded: Loaded[] = (args.from ?? []).map((f) => JSON.parse(readFileSync(f, 'utf8')) as Loaded);
const quick = loaded.length ? loaded.some((l) => l.quick) : args.quick === true;
const configNames = taskFromJson
  ? [taskFromJson.name]
  : (args.config ?? (quick ? ['hard-v2', 'recall'] : ['hard-v2', 'recall']))
      .flatMap((c) => c.split(','))
      .filter(Boolean);
const taskFor = (name: string): TaskConfig =>
  taskFromJson && name === taskFromJson.name ? taskFromJson : getTaskConfig(name);
const nSeeds = Number(args.seeds ?? (quick ? 2 : 5));
if (!Number.isInteger(nSeeds) || nSeeds < 1) {
  fail('--seeds needs a positive integer');
}
if (nSeeds < 2) console.error('bench paper: warning: one seed gives no confidence interval');
const seeds = Array.from({ length: nSeeds }, (_, i) => i + 1);

const model: AuraMemConfig = AURA_V2_MODEL;
const backboneSeed = backboneSeedArg;
const tau = AURA_V2_TRAINING.tauTrain;
const budgetFor = (_name: string): Budget => (quick ? QUICK_BUDGET : FULL_BUDGET);

const start = Date.now();
const elapsed = () => `${((Date.now() - start) / 1000).toFixed(1)} s`;
const log = (m: string) => console.error(`[${elapsed()}] ${m}`);

const unitsOf = (name: string, seed: number): UnitOptions[] =>
  paperUnits(name, taskFor(name), seed, budgetFor(name), { model, backboneSeed, tau, evalSeedOffset });
const seedFromCache = (name: string, seed: number) => assembleFromCache(cacheDir, unitsOf(name, seed));

function resultsFromCache(name: string, runSeeds: number[]): CompareResult[] {
  return runSeeds.map((seed) => {
    const r = seedFromCache(name, seed);
    if (!r) throw new Error(`${name} seed ${seed}: units missing from the cache ${cacheDir}`);
    return r.result;
  });
}

/** issue 14: 10 seeds wherever a method's seed-to-seed sd exceeds 0.1 (full runs) */
function extraSeedsFor(name: string): string[] {
  if (quick || args['no-adaptive'] || seeds.length < 2 || seeds.length >= MAX_SEEDS) return [];
  return noisyMethods(taskFor(name), resultsFromCache(name, seeds));
}
const allSeeds = (extra: string[]) =>
  extra.length ? Array.from({ length: MAX_SEEDS }, (_, i) => i + 1) : seeds;

if (args.status) {
  const status = paperStatus({
    cacheDir,
    configs: configNames.map((name) => ({
      name,
      units: (s: number) => unitsOf(name, s),
      seeds,
      maxSeeds: quick || args['no-adaptive'] ? seeds.length : MAX_SEEDS,
      seedResult: (s: number) => seedFromCache(name, s)?.result,
    })),
  });
  printStatus(status);
  if (args.json) {
    writeFileSync(args.json, `${JSON.stringify(status, null, 2)}\n`);
    console.error(`wrote ${args.json}`);
  }
  process.exit(0);
}

async function runAll() {
  const base = configNames.flatMap((name) => seeds.flatMap((s) => unitsOf(name, s)));
  const first = await runUnits(base, { cacheDir, jobs, log });
  const extra = new Map(configNames.map((name) => [name, extraSeedsFor(name)]));
  const more = configNames.flatMap((name) => {
    const e = extra.get(name) ?? [];
    if (!e.length) return [];
    log(`${name}: sd > ${SD_FOR_MORE_SEEDS} for ${e.join(', ')}: running seeds up to ${MAX_SEEDS}`);
    return allSeeds(e)
      .slice(seeds.length)
      .flatMap((s) => unitsOf(name, s));
  });
  const second = await runUnits(more, { cacheDir, jobs, log });
  log(
    `cache ${cacheDir}: ${first.ran + second.ran} units run now, ${first.skipped + second.skipped} taken from the cache`,
  );
  return configNames.map((name) => {
    const e = extra.get(name) ?? [];
    const results = resultsFromCache(name, allSeeds(e));
    for (const r of results)
      for (const m of [...r.runs, ...r.supplementary])
        log(
          `${name} seed ${r.seed}: ${m.method.padEnd(22)} acc ${m.accuracy.toFixed(3)} writes/ep ${m.writesPerEpisode.toFixed(2)}`,
        );
    return aggregateConfig(name, taskFor(name), budgetFor(name), results, e);
  });
}

const configs = loaded.length ? loaded.flatMap((l) => l.configs) : await runAll();
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
  writeProb:
    'fraction of relevant steps (events; v2 also the cue) and of irrelevant binding steps (distractors; v2 also repeats) on which the method wrote, mean over seeds',
  pairedDifferences: `AURA − method per seed; 95% Student-t interval over seeds; non-inferiority margin −${NON_INFERIORITY_MARGIN} declared before the run`,
  evalSeedOffset,
  taskJson: args['task-json'] ?? null,
  model,
  backboneSeed,
  tau,
  seedsNote:
    'seed s: initialisation and training episodes 2·(s·1e8 + i); held-out episodes 2·((s + evalSeedOffset)·1e8 + i) + 1; backbone seed fixed per run (--backbone-seed)',
  wallSeconds,
  configs,
};

// ---- table on stdout ----
const f3 = (x: number) => x.toFixed(3);
const opt3 = (x: number | undefined) => (x === undefined ? '—' : f3(x));
const pm = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;
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
  for (const s of c.supplementary)
    console.log(
      `  ${s.method.padEnd(24)} acc ${f3(s.accuracy.mean)} [${f3(s.accuracy.ci95[0])}, ${f3(s.accuracy.ci95[1])}] writes/ep ${s.writesPerEpisode.toFixed(2)}`,
    );
  console.log('paired AURA − method (per seed), mean [95% CI]:');
  for (const p of c.paired)
    console.log(`  ${p.method.padEnd(24)} ${pm(p.mean)} [${pm(p.ci95[0])}, ${pm(p.ci95[1])}]`);
  const t = c.targets;
  console.log(
    `targets: aura non-inferior to ${t.bestO1Baseline} (paired CI low > −${t.nonInferiorityMargin}) ${t.auraNonInferiorToBestO1}; ≥5× fewer writes ${t.atLeast5xFewerWrites}; ` +
      `random below (paired CI > 0) ${t.randomBelowAura}; periodic below ${t.periodicBelowAura}; selectivity ${t.gateSelectivity === null ? 'n/a' : `${t.gateSelectivity.toFixed(2)}×`} (≥2× ${t.gateSelectivityAtLeast2x ?? 'n/a'})`,
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
    const oracleExpected = oracleWrites(generateTaskEpisode(c.task, 0));
    if (c.oracleWritesPerEpisode !== oracleExpected)
      bad.push(`${c.name}: oracle ${c.oracleWritesPerEpisode} writes/ep, expected ${oracleExpected}`);
    if (c.paired.length !== c.methods.length - 1 + c.supplementary.length)
      bad.push(`${c.name}: ${c.paired.length} paired differences`);
    for (const p of c.paired)
      if (p.perSeed.length !== c.seeds.length)
        bad.push(`${c.name}/${p.method}: paired over ${p.perSeed.length} seeds`);
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
      `${c.description}. Seeds ${c.seeds.join(', ')}${c.extraSeedsFor.length ? ` (extended to ${c.seeds.length}: seed-to-seed sd > ${SD_FOR_MORE_SEEDS} for ${c.extraSeedsFor.join(', ')})` : ''}; ${c.heldOutEpisodesPerSeed} held-out episodes per seed (evaluation seed offset ${evalSeedOffset}), backbone seed ${backboneSeed}. ` +
        `Training: every method ${b.iterations} iterations × ${b.batchSize} episodes (AURA: v2 recipe, ${b.softIterations} soft + ${b.recipe?.relaxIterations ?? 0} relaxed; always-write, retrained random/periodic, GRU, KV and the ablations the same ${b.iterations}).`,
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
      `Paired per-seed differences AURA − method (mean [95 % CI]; non-inferiority margin −${NON_INFERIORITY_MARGIN}, declared before the run):`,
      '',
      '| method | AURA − method | 95% CI | per seed |',
      '|---|---:|---:|---|',
      ...c.paired.map(
        (p) =>
          `| ${p.method} | ${pm(p.mean)} | [${pm(p.ci95[0])}, ${pm(p.ci95[1])}] | ${p.perSeed.map(pm).join(' ')} |`,
      ),
      '',
      `Learning curves (training-set accuracy, mean over seeds, every ${Math.max(1, Math.round(b.iterations / 10))} iterations): ` +
        c.methods
          .filter((m) => m.learningCurve?.length)
          .map((m) => {
            const curves = m.learningCurve ?? [];
            const n = Math.min(...curves.map((x) => x.length));
            const pts = Array.from({ length: n }, (_, i) =>
              mean(curves.map((x) => (x[i] as { accuracy: number }).accuracy)),
            );
            return `\`${m.method}\` ${pts.map(f3).join(' → ')}`;
          })
          .join('; ') +
        '.',
      '',
      `Targets: AURA non-inferior to the best O(1) baseline (\`${c.targets.bestO1Baseline}\`; paired CI low end ${pm(c.targets.auraMinusBestO1.ci95[0])} > −${NON_INFERIORITY_MARGIN}): **${c.targets.auraNonInferiorToBestO1}**; ` +
        `≥ 5× fewer writes: **${c.targets.atLeast5xFewerWrites}** (${red(c.targets.auraWriteReductionVsBestO1)}); ` +
        `retrained random clearly below AURA (paired CI > 0): **${c.targets.randomBelowAura}**; periodic: **${c.targets.periodicBelowAura}**; ` +
        `selectivity ${c.targets.gateSelectivity === null ? 'n/a (no irrelevant bindings)' : `${c.targets.gateSelectivity.toFixed(2)}×`} (≥ 2×: **${c.targets.gateSelectivityAtLeast2x ?? 'n/a'}**).`,
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
