import type { AuraMemConfig, AuraMemParams } from './create-aura-mem-params.js';
import type { Backbone } from './create-backbone.js';
import { createWriteSchedule, matchWriteBudget } from './create-write-schedule.js';
import { computeStateBytes } from './estimate-memory-bytes.js';
import { type EvaluationResult, evaluateAuraMem } from './evaluate-aura-mem.js';
import {
  createOracleSchedule,
  generateTaskEpisode,
  heldOutEpisodeSeed,
  type TaskConfig,
  type TaskEpisode,
  trainEpisodeSeed,
} from './generate-task-episode.js';
import { gruStateBytes } from './step-gru.js';
import { trainAuraMem } from './train-aura-mem.js';
import { evaluateReferenceMemory, trainReferenceMemory } from './train-reference-memory.js';

/**
 * Calibrates a reconstruction-surprise threshold so that `surprise > θ` writes on about
 * `targetWriteFraction` of the steps of `episodes` (bisection on [0, 10], 30 rounds; returns the upper
 * end, rounded to 4 significant digits). The model card and the paper bench use training-seed episodes.
 */
export function calibrateSurpriseThreshold(
  params: AuraMemParams,
  backbone: Backbone,
  episodes: TaskEpisode[],
  targetWriteFraction: number,
): number {
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    const r = evaluateAuraMem(
      params,
      backbone,
      episodes,
      createWriteSchedule({ kind: 'surprise', threshold: mid }),
    );
    if (r.writeFraction > targetWriteFraction) lo = mid;
    else hi = mid;
  }
  return Number(hi.toPrecision(4));
}

/** Calibration episodes of the model card: 200 training-seed episodes of run `10_000 + trainSeed`. */
export function calibrationEpisodes(task: TaskConfig, trainSeed: number, count = 200): TaskEpisode[] {
  return Array.from({ length: count }, (_, i) =>
    generateTaskEpisode(task, trainEpisodeSeed(10_000 + trainSeed, i)),
  );
}

export interface ScheduleRows {
  aura: EvaluationResult;
  always: EvaluationResult;
  never: EvaluationResult;
  oracle: EvaluationResult;
  periodic: EvaluationResult;
  random: EvaluationResult;
  surprise: EvaluationResult;
  surpriseThreshold: number;
}

/**
 * Every write schedule over one trained AURA-Mem layer on the same held-out episodes: the learned gate
 * (`gate > τ`), always, never, the oracle, periodic and random matched to the gate's write count
 * (random seeded with `budgetSeed`), and a reconstruction-surprise threshold calibrated to the gate's
 * write fraction on `calibration` episodes. Used by the model card (train-model.ts) and `pnpm bench paper`.
 */
export function evaluateScheduleRows(
  params: AuraMemParams,
  backbone: Backbone,
  episodes: TaskEpisode[],
  options: { tau: number; budgetSeed: number; calibration: TaskEpisode[] },
): ScheduleRows {
  const aura = evaluateAuraMem(
    params,
    backbone,
    episodes,
    createWriteSchedule({ kind: 'gate', tau: options.tau }),
  );
  const budget = matchWriteBudget(aura, options.budgetSeed);
  const surpriseThreshold = calibrateSurpriseThreshold(
    params,
    backbone,
    options.calibration,
    aura.writeFraction,
  );
  return {
    aura,
    always: evaluateAuraMem(params, backbone, episodes, createWriteSchedule({ kind: 'always' })),
    never: evaluateAuraMem(params, backbone, episodes, createWriteSchedule({ kind: 'never' })),
    oracle: evaluateAuraMem(params, backbone, episodes, createOracleSchedule(episodes)),
    periodic: evaluateAuraMem(params, backbone, episodes, budget.periodic),
    random: evaluateAuraMem(params, backbone, episodes, budget.random),
    surprise: evaluateAuraMem(
      params,
      backbone,
      episodes,
      createWriteSchedule({ kind: 'surprise', threshold: surpriseThreshold }),
    ),
    surpriseThreshold,
  };
}

export const PAPER_METHODS = [
  'aura',
  'always',
  'random-budget',
  'periodic-budget',
  'recon-gate',
  'gru',
  'kv',
  'none',
] as const;
export type PaperMethod = (typeof PAPER_METHODS)[number];

/** Methods whose inference state does not grow with the episode (candidates for "best O(1) baseline"). */
export const O1_BASELINES: readonly PaperMethod[] = [
  'always',
  'random-budget',
  'periodic-budget',
  'recon-gate',
  'gru',
];

export interface MethodRun {
  method: PaperMethod | string;
  /** what exactly ran (schedule name or reference memory) */
  detail: string;
  accuracy: number;
  queries: number;
  writesPerEpisode: number;
  writeFraction: number;
  /** largest inference state held at any step */
  stateBytes: number;
  /** fraction of real-event steps on which the method wrote (schedules over the AURA-Mem layer only) */
  eventWriteProb?: number;
  /** fraction of distractor steps on which the method wrote */
  distractorWriteProb?: number;
  /** mean gate probability on event / distractor steps (the learned gate's soft output) */
  eventMeanGate?: number;
  distractorMeanGate?: number;
  trainSeconds?: number;
}

export interface TrainingBudget {
  iterations: number;
  softIterations: number;
  batchSize: number;
  learningRate: number;
  sparsity: number;
  clipNorm: number;
  /** iterations for the always-write fast-weight memory, GRU and KV references */
  referenceIterations: number;
  /** per-method overrides of `referenceIterations` */
  alwaysIterations?: number;
  gruIterations?: number;
  kvIterations?: number;
}

export interface CompareOptions {
  task: TaskConfig;
  model: AuraMemConfig;
  /** training seed (initialisation and even training-episode seeds) and held-out evaluation seed */
  seed: number;
  backboneSeed: number;
  tau: number;
  training: TrainingBudget;
  evalEpisodes: number;
  calibrationEpisodes: number;
  /** GRU hidden size (its whole state) */
  gruHidden?: number;
  onProgress?: (message: string) => void;
}

export interface CompareResult {
  seed: number;
  runs: MethodRun[];
  /** extra rows: the oracle and always-write over AURA's own (gate-trained) layer */
  supplementary: MethodRun[];
  oracleWritesPerEpisode: number;
  surpriseThreshold: number;
  episodes: number;
  seconds: number;
}

function scheduleRun(method: string, r: EvaluationResult, stateBytes: number): MethodRun {
  const ev = r.stepsByKind.event;
  const di = r.stepsByKind.distractor;
  return {
    method,
    detail: r.schedule,
    accuracy: r.accuracy,
    queries: r.queries,
    writesPerEpisode: r.writes / r.episodes,
    writeFraction: r.writeFraction,
    stateBytes,
    eventWriteProb: ev ? r.writesByKind.event / ev : 0,
    distractorWriteProb: di ? r.writesByKind.distractor / di : 0,
    eventMeanGate: r.meanGateByKind.event,
    distractorMeanGate: r.meanGateByKind.distractor,
  };
}

/**
 * Trains AURA-Mem, an always-write fast-weight memory, a dense GRU and a KV-cache attention memory on
 * one task and seed, then evaluates all paper methods on held-out episodes (odd seeds, never trained on).
 * `random-budget`, `periodic-budget`, `recon-gate` and `none` run AURA-Mem's trained layer with a different
 * write decision; `always` is a separately trained layer that writes on every step in training and at
 * inference (its gate is never consulted).
 */
export function compareMemoryMethods(options: CompareOptions): CompareResult {
  const { task, model, seed, backboneSeed, tau, training } = options;
  const log = options.onProgress ?? (() => {});
  const start = Date.now();
  const since = () => `${((Date.now() - start) / 1000).toFixed(1)} s`;
  const held = Array.from({ length: options.evalEpisodes }, (_, i) =>
    generateTaskEpisode(task, heldOutEpisodeSeed(seed, i)),
  );
  const stateBytes = computeStateBytes({ dKey: model.dKey, dVal: model.dVal });
  const common = {
    task,
    model,
    seed,
    backboneSeed,
    batchSize: training.batchSize,
    learningRate: training.learningRate,
    clipNorm: training.clipNorm,
  };

  let t0 = Date.now();
  const aura = trainAuraMem({
    ...common,
    iterations: training.iterations,
    softIterations: training.softIterations,
    sparsity: training.sparsity,
    softSparsity: 0,
    tauTrain: tau,
    logEvery: training.iterations,
  });
  const auraTrain = (Date.now() - t0) / 1000;
  log(`aura trained (${training.iterations} it, ${auraTrain.toFixed(1)} s) [${since()}]`);
  t0 = Date.now();
  const rows = evaluateScheduleRows(aura.params, aura.backbone, held, {
    tau,
    budgetSeed: seed,
    calibration: calibrationEpisodes(task, seed, options.calibrationEpisodes),
  });
  log(`aura layer evaluated under 7 schedules (${((Date.now() - t0) / 1000).toFixed(1)} s) [${since()}]`);

  // always-write fast-weight memory: straight-through mode with τ = −1 writes on every step with amount 1,
  // so the forward pass is exactly always-write; no sparsity term.
  t0 = Date.now();
  const alwaysIterations = training.alwaysIterations ?? training.referenceIterations;
  const alwaysModel = trainAuraMem({
    ...common,
    iterations: alwaysIterations,
    softIterations: 0,
    sparsity: 0,
    softSparsity: 0,
    tauTrain: -1,
    logEvery: alwaysIterations,
  });
  const alwaysTrain = (Date.now() - t0) / 1000;
  const always = evaluateAuraMem(
    alwaysModel.params,
    alwaysModel.backbone,
    held,
    createWriteSchedule({ kind: 'always' }),
  );
  log(
    `always trained (${alwaysIterations} it) + evaluated (${((Date.now() - t0) / 1000).toFixed(1)} s) [${since()}]`,
  );

  const refs: MethodRun[] = [];
  const gruHidden = options.gruHidden ?? 32;
  for (const kind of ['gru', 'kv'] as const) {
    t0 = Date.now();
    const iterations =
      (kind === 'gru' ? training.gruIterations : training.kvIterations) ?? training.referenceIterations;
    const m = trainReferenceMemory({
      ...common,
      kind,
      model:
        kind === 'gru'
          ? { dModel: model.dModel, dHidden: gruHidden, dAction: model.dAction, dHead: model.dHidden }
          : model,
      iterations,
      logEvery: iterations,
    });
    const trainSeconds = (Date.now() - t0) / 1000;
    const r = evaluateReferenceMemory(m, held);
    refs.push({
      method: kind,
      detail:
        kind === 'gru'
          ? `dense GRU, ${gruHidden} floats rewritten every step`
          : 'KV-cache attention, appends (k, v) every step',
      accuracy: r.accuracy,
      queries: r.queries,
      writesPerEpisode: r.writes / held.length,
      writeFraction: 1,
      stateBytes:
        kind === 'gru'
          ? gruStateBytes({
              dModel: model.dModel,
              dHidden: gruHidden,
              dAction: model.dAction,
              dHead: model.dHidden,
            })
          : r.maxStateBytes,
      trainSeconds,
    });
    log(
      `${kind} trained (${iterations} it) + evaluated (${((Date.now() - t0) / 1000).toFixed(1)} s) [${since()}]`,
    );
  }

  const runs: MethodRun[] = [
    { ...scheduleRun('aura', rows.aura, stateBytes), trainSeconds: auraTrain },
    {
      ...scheduleRun('always', always, stateBytes),
      detail: 'always (separately trained always-write layer)',
      trainSeconds: alwaysTrain,
    },
    scheduleRun('random-budget', rows.random, stateBytes),
    scheduleRun('periodic-budget', rows.periodic, stateBytes),
    scheduleRun('recon-gate', rows.surprise, stateBytes),
    ...refs,
    { ...scheduleRun('none', rows.never, 0), detail: 'never writes (no memory)' },
  ];
  return {
    seed,
    runs,
    supplementary: [
      scheduleRun('oracle', rows.oracle, stateBytes),
      {
        ...scheduleRun('always-aura-layer', rows.always, stateBytes),
        detail: "always over AURA's gate-trained layer",
      },
    ],
    oracleWritesPerEpisode: rows.oracle.writes / held.length,
    surpriseThreshold: rows.surpriseThreshold,
    episodes: held.length,
    seconds: (Date.now() - start) / 1000,
  };
}

// Two-sided 97.5% quantiles of Student's t for df = 1..30; larger df use 1.96.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * Mean and 95% t-interval over per-seed values: mean ± t(0.975, n−1)·sd/√n (sd with n−1).
 * With one value the interval is the point itself.
 */
export function meanCi95(values: number[]): { mean: number; ci95: [number, number]; sd: number; n: number } {
  const n = values.length;
  if (n === 0) throw new RangeError('meanCi95 needs at least one value');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, ci95: [mean, mean], sd: 0, n };
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const t = T975[n - 2] ?? 1.96;
  const half = (t * sd) / Math.sqrt(n);
  return { mean, ci95: [mean - half, mean + half], sd, n };
}
