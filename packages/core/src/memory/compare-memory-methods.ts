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

export { meanCi95 } from './mean-ci95.js';

import { fitGateTemperature, scaleGateLogit } from './calibrate-gate-temperature.js';
import type { TensorName } from './create-aura-mem-params.js';
import { type TrainOptions, type TrainProgress, trainAuraMem } from './train-aura-mem.js';
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
  /** fraction of relevant steps (events; v2 also the cue) on which the method wrote (AURA-Mem layers only) */
  eventWriteProb?: number;
  /** fraction of irrelevant binding steps (distractors; v2 also repeats) on which the method wrote */
  distractorWriteProb?: number;
  /** mean gate probability on event / distractor steps (the learned gate's soft output) */
  eventMeanGate?: number;
  distractorMeanGate?: number;
  trainSeconds?: number;
  /** training-set learning curve (running means every `logEvery` iterations) */
  learningCurve?: { iteration: number; accuracy: number; writeFraction: number }[];
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
  /**
   * v2 bench (fair comparison): AURA's v2 recipe options (streams, IB, Lagrange, τ range, relaxed phase,
   * gate read) applied to AURA and, where they make sense, to the controls trained with the same budget
   */
  recipe?: Partial<TrainOptions>;
  /** fit AURA's gate temperature on training-seed calibration episodes (the committed v2 model does) */
  calibrateGate?: boolean;
  /** candidate logit scales for that fit (default: fitGateTemperature's 8) */
  calibrationScales?: number[];
  /** retrain random / periodic controls under their own schedule at AURA's write rate (else AURA's layer) */
  retrainControls?: boolean;
  /** train the gate ablations (no surprise input, features only, surprise only) */
  ablations?: boolean;
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
  /** held-out episodes come from evaluation seed `seed + evalSeedOffset` (default 0) */
  evalSeedOffset?: number;
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
  const ev = r.stepsByKind.event + r.stepsByKind.cue;
  const di = r.stepsByKind.distractor + r.stepsByKind.repeat;
  const gateMean = (kinds: ('event' | 'cue' | 'distractor' | 'repeat')[]) => {
    const n = kinds.reduce((a, k) => a + r.stepsByKind[k], 0);
    return n ? kinds.reduce((a, k) => a + r.meanGateByKind[k] * r.stepsByKind[k], 0) / n : 0;
  };
  return {
    method,
    detail: r.schedule,
    accuracy: r.accuracy,
    queries: r.queries,
    writesPerEpisode: r.writes / r.episodes,
    writeFraction: r.writeFraction,
    stateBytes,
    eventWriteProb: ev ? (r.writesByKind.event + r.writesByKind.cue) / ev : 0,
    // a task without irrelevant bindings (recall) has no selectivity to report
    ...(di ? { distractorWriteProb: (r.writesByKind.distractor + r.writesByKind.repeat) / di } : {}),
    eventMeanGate: gateMean(['event', 'cue']),
    distractorMeanGate: gateMean(['distractor', 'repeat']),
  };
}

const curve = (h: TrainProgress[]) =>
  h.map((p) => ({ iteration: p.iteration, accuracy: p.accuracy, writeFraction: p.writeFraction }));

/** Gate ablations of the bench: tensors held at zero. */
export const GATE_ABLATIONS: { method: string; detail: string; frozen: TensorName[] }[] = [
  { method: 'ablation-no-surprise', detail: 'gate without the surprise input (Gs = 0)', frozen: ['Gs'] },
  {
    method: 'ablation-features-only',
    detail: 'gate on the step features only (no surprise, no memory read)',
    frozen: ['Gs', 'Gm', 'Wg'],
  },
  {
    method: 'ablation-surprise-only',
    detail: 'gate on the surprise only (no features, no read)',
    frozen: ['Gz', 'Gm', 'Wg'],
  },
];

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
    generateTaskEpisode(task, heldOutEpisodeSeed(seed + (options.evalSeedOffset ?? 0), i)),
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
  const recipe = training.recipe ?? {};
  const logEvery = Math.max(1, Math.round(training.iterations / 10));
  const auraTrainOptions = {
    ...common,
    iterations: training.iterations,
    softIterations: training.softIterations,
    sparsity: training.sparsity,
    softSparsity: 0,
    tauTrain: tau,
    ...recipe,
    logEvery,
  };
  const auraTrained = trainAuraMem(auraTrainOptions);
  const calibration = calibrationEpisodes(task, seed, options.calibrationEpisodes);
  const aura = training.calibrateGate
    ? {
        ...auraTrained,
        params: scaleGateLogit(
          auraTrained.params,
          fitGateTemperature(
            auraTrained.params,
            auraTrained.backbone,
            calibration.slice(0, 50),
            training.calibrationScales,
          ).scale,
        ),
      }
    : auraTrained;
  const auraTrain = (Date.now() - t0) / 1000;
  log(`aura trained (${training.iterations} it, ${auraTrain.toFixed(1)} s) [${since()}]`);
  t0 = Date.now();
  const rows = evaluateScheduleRows(aura.params, aura.backbone, held, {
    tau,
    budgetSeed: seed,
    calibration,
  });
  log(`aura layer evaluated under 7 schedules (${((Date.now() - t0) / 1000).toFixed(1)} s) [${since()}]`);

  // always-write fast-weight memory: straight-through mode with τ = −1 writes on every step with amount 1,
  // so the forward pass is exactly always-write; no sparsity term.
  t0 = Date.now();
  const alwaysIterations = training.alwaysIterations ?? training.referenceIterations;
  const alwaysModel = trainAuraMem({
    ...common,
    ...(recipe.streamEpisodes ? { streamEpisodes: recipe.streamEpisodes } : {}),
    iterations: alwaysIterations,
    softIterations: 0,
    sparsity: 0,
    softSparsity: 0,
    tauTrain: -1,
    logEvery: Math.max(1, Math.round(alwaysIterations / 10)),
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

  // random / periodic retrained under their own schedule at AURA's write rate (measured on the
  // training-seed calibration episodes, never the held-out ones), same budget and recipe minus the gate
  const controls: MethodRun[] = [];
  if (training.retrainControls) {
    const rate = evaluateAuraMem(
      aura.params,
      aura.backbone,
      calibration,
      createWriteSchedule({ kind: 'gate', tau }),
    ).writeFraction;
    for (const kind of ['random', 'periodic'] as const) {
      t0 = Date.now();
      const m = trainAuraMem({
        ...auraTrainOptions,
        softIterations: 0,
        relaxIterations: 0,
        actionIb: 0,
        writeRateTarget: undefined,
        sparsity: 0,
        writeSchedule:
          kind === 'random'
            ? { kind: 'random', p: Math.max(rate, 1e-3) }
            : { kind: 'periodic', period: Math.max(1, Math.round(1 / Math.max(rate, 1e-3))) },
      });
      // at inference, exactly AURA's held-out write count (as the budget-matched rows over AURA's layer)
      const r = evaluateAuraMem(
        m.params,
        m.backbone,
        held,
        kind === 'random'
          ? matchWriteBudget(rows.aura, seed).random
          : matchWriteBudget(rows.aura, seed).periodic,
      );
      controls.push({
        ...scheduleRun(`${kind}-budget`, r, stateBytes),
        detail: `${kind} schedule at AURA's write rate, layer retrained under it (${r.schedule})`,
        trainSeconds: (Date.now() - t0) / 1000,
        learningCurve: curve(m.history),
      });
      log(`${kind} control retrained + evaluated (${((Date.now() - t0) / 1000).toFixed(1)} s) [${since()}]`);
    }
  }
  const ablations: MethodRun[] = [];
  if (training.ablations) {
    for (const a of GATE_ABLATIONS) {
      t0 = Date.now();
      const trained = trainAuraMem({ ...auraTrainOptions, frozenZero: a.frozen });
      const m = training.calibrateGate
        ? scaleGateLogit(
            trained.params,
            fitGateTemperature(
              trained.params,
              trained.backbone,
              calibration.slice(0, 50),
              training.calibrationScales,
            ).scale,
          )
        : trained.params;
      const r = evaluateAuraMem(m, trained.backbone, held, createWriteSchedule({ kind: 'gate', tau }));
      ablations.push({
        ...scheduleRun(a.method, r, stateBytes),
        detail: a.detail,
        trainSeconds: (Date.now() - t0) / 1000,
      });
      log(`${a.method} trained + evaluated (${((Date.now() - t0) / 1000).toFixed(1)} s) [${since()}]`);
    }
  }

  const runs: MethodRun[] = [
    {
      ...scheduleRun('aura', rows.aura, stateBytes),
      trainSeconds: auraTrain,
      learningCurve: curve(auraTrained.history),
    },
    {
      ...scheduleRun('always', always, stateBytes),
      detail: 'always (separately trained always-write layer)',
      trainSeconds: alwaysTrain,
      learningCurve: curve(alwaysModel.history),
    },
    (controls[0] as MethodRun | undefined) ?? scheduleRun('random-budget', rows.random, stateBytes),
    (controls[1] as MethodRun | undefined) ?? scheduleRun('periodic-budget', rows.periodic, stateBytes),
    scheduleRun('recon-gate', rows.surprise, stateBytes),
    ...refs,
    { ...scheduleRun('none', rows.never, 0), detail: 'never writes (no memory)' },
  ];
  return {
    seed,
    runs,
    supplementary: [
      ...ablations,
      ...(controls.length
        ? [
            {
              ...scheduleRun('random-aura-layer', rows.random, stateBytes),
              detail: "random over AURA's layer",
            },
            {
              ...scheduleRun('periodic-aura-layer', rows.periodic, stateBytes),
              detail: "periodic over AURA's layer",
            },
          ]
        : []),
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
