// Aggregation of `pnpm bench paper` for one configuration: per-method summaries over seeds, paired per-seed
// differences, the targets. A pure function of the per-seed results, which paper.ts assembles from the
// unit cache only (bench/_paper-cache.ts), so a resumed run aggregates exactly as an uninterrupted one.
import {
  type CompareResult,
  meanCi95,
  O1_BASELINES,
  PAPER_METHODS,
  type TaskConfig,
  type TrainingBudget,
} from '@aura/core';

/**
 * Declared before any run (issue 14): AURA is non-inferior to a baseline when the lower end of the 95 %
 * interval of the paired per-seed difference (AURA − baseline) lies above −NON_INFERIORITY_MARGIN; a
 * control is clearly below AURA when that interval's lower end lies above 0.
 */
export const NON_INFERIORITY_MARGIN = 0.05;
/** a method whose seed-to-seed sd exceeds this gets up to MAX_SEEDS seeds (full runs, unless --no-adaptive) */
export const SD_FOR_MORE_SEEDS = 0.1;
export const MAX_SEEDS = 10;

export type Budget = TrainingBudget & { evalEpisodes: number; calibrationEpisodes: number };

export interface MethodSummary {
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
  learningCurve?: { iteration: number; accuracy: number; writeFraction: number }[][];
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const optMean = (xs: (number | undefined)[]) =>
  xs.every((x) => x !== undefined) ? mean(xs as number[]) : undefined;

export function summarize(
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
  if (per.every((p) => p.learningCurve)) s.learningCurve = per.map((p) => p.learningCurve ?? []);
  for (const [k, v] of Object.entries(opt))
    if (v !== undefined) (s as unknown as Record<string, number>)[k] = v;
  if (s.writesPerEpisode > 0) s.writeReductionVsAlways = task.episodeLength / s.writesPerEpisode;
  return s;
}

/** Paired per-seed difference AURA − method: mean and 95 % Student-t interval (not clipped). */
export function paired(aura: MethodSummary, other: MethodSummary) {
  const d = aura.accuracy.perSeed.map((a, i) => a - (other.accuracy.perSeed[i] as number));
  const ci = meanCi95(d);
  return { method: other.method, perSeed: d, mean: ci.mean, ci95: ci.ci95, sd: ci.sd };
}

/** Methods of `results` whose seed-to-seed sd of held-out accuracy exceeds SD_FOR_MORE_SEEDS. */
export function noisyMethods(task: TaskConfig, results: CompareResult[]): string[] {
  return PAPER_METHODS.map((m) => summarize(task, results, m, 'runs'))
    .filter((m) => m.accuracy.sd > SD_FOR_MORE_SEEDS)
    .map((m) => m.method);
}

export function aggregateConfig(
  name: string,
  task: TaskConfig,
  budget: Budget,
  results: CompareResult[],
  extraSeedsFor: string[],
) {
  const runSeeds = results.map((r) => r.seed);
  const methods = PAPER_METHODS.map((m) => summarize(task, results, m, 'runs'));
  const supplementary = (results[0]?.supplementary ?? []).map((x) =>
    summarize(task, results, x.method, 'supplementary'),
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
  const pairs = [...methods, ...supplementary].filter((m) => m.method !== 'aura').map((m) => paired(aura, m));
  const pair = (k: string) => pairs.find((p) => p.method === k) as ReturnType<typeof paired>;
  const twoSeeds = runSeeds.length >= 2;
  const targets = {
    bestO1Baseline: best.method,
    nonInferiorityMargin: NON_INFERIORITY_MARGIN,
    auraMinusBestO1: { mean: pair(best.method).mean, ci95: pair(best.method).ci95 },
    auraNonInferiorToBestO1: twoSeeds && pair(best.method).ci95[0] > -NON_INFERIORITY_MARGIN,
    auraWriteReductionVsBestO1: aura.writeReductionVsBestO1,
    atLeast5xFewerWrites: (aura.writeReductionVsBestO1 ?? 0) >= 5,
    randomBelowAura: twoSeeds && pair('random-budget').ci95[0] > 0,
    periodicBelowAura: twoSeeds && pair('periodic-budget').ci95[0] > 0,
    // null when the task has no irrelevant bindings (recall)
    gateSelectivity:
      aura.distractorWriteProb === undefined
        ? null
        : (aura.eventWriteProb ?? 0) / Math.max(aura.distractorWriteProb, 1e-9),
    gateSelectivityAtLeast2x:
      aura.distractorWriteProb === undefined
        ? null
        : (aura.eventWriteProb ?? 0) >= 2 * aura.distractorWriteProb,
  };
  const oracle = mean(results.map((r) => r.oracleWritesPerEpisode));
  return {
    name,
    hard: name === 'hard-v2',
    task,
    description: task.description,
    episodeLength: task.episodeLength,
    seeds: runSeeds,
    extraSeedsFor,
    methods,
    oracleWritesPerEpisode: oracle,
    alwaysOverOracleWrites: task.episodeLength / oracle,
    supplementary,
    paired: pairs,
    targets,
    surpriseThresholds: results.map((r) => r.surpriseThreshold),
    heldOutEpisodesPerSeed: results[0]?.episodes,
    training: budget,
    seconds: results.reduce((a, r) => a + r.seconds, 0),
  };
}
