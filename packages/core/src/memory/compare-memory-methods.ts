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
export type GateAblation = 'ablation-no-surprise' | 'ablation-features-only' | 'ablation-surprise-only';
export const GATE_ABLATIONS: { method: GateAblation; detail: string; frozen: TensorName[] }[] = [
  { method: 'ablation-no-surprise', detail: 'gate without the surprise input (Gs = 0)', frozen: ['Gs'] },
  {
    method: 'ablation-features-only',
    detail: 'gate on the step features only (no surprise, no memory read)',
    frozen: ['Gs', 'Gm', 'Wg', 'cg'],
  },
  {
    method: 'ablation-surprise-only',
    detail: 'gate on the surprise only (no features, no read)',
    frozen: ['Gz', 'Gm', 'Wg', 'cg'],
  },
];

/**
 * One separately runnable piece of `compareMemoryMethods` for one task and seed (the unit `pnpm bench paper`
 * caches and shards): `aura` trains AURA-Mem and evaluates its layer under every schedule (aura, recon-gate,
 * none and the supplementary rows); `always`, `gru`, `kv` train and evaluate one reference each;
 * `random-control` / `periodic-control` retrain a layer under that schedule at AURA's write rate (they need the
 * `aura` unit's {@link AuraUnitFacts}); each gate ablation is its own unit.
 */
export type CompareUnit =
  | 'aura'
  | 'always'
  | 'gru'
  | 'kv'
  | 'random-control'
  | 'periodic-control'
  | GateAblation;

/** The units `compareMemoryMethods` runs under `training`, in its order (controls after `aura`). */
export function compareUnits(training: TrainingBudget): CompareUnit[] {
  return [
    'aura',
    'always',
    'gru',
    'kv',
    ...(training.retrainControls ? (['random-control', 'periodic-control'] as const) : []),
    ...(training.ablations ? GATE_ABLATIONS.map((a) => a.method) : []),
  ];
}

/** What the control units need from the `aura` unit, and the seed-level facts it measures. */
export interface AuraUnitFacts {
  /** AURA's write fraction at τ on the training-seed calibration episodes (the controls' training rate) */
  calibrationWriteFraction: number;
  /** AURA's held-out write count (the controls' inference budget) */
  heldOut: { writes: number; steps: number };
  oracleWritesPerEpisode: number;
  surpriseThreshold: number;
  episodes: number;
}

export interface CompareUnitResult {
  unit: CompareUnit;
  /** rows of `CompareResult.runs` this unit produced */
  runs: MethodRun[];
  /** rows of `CompareResult.supplementary` this unit produced */
  supplementary: MethodRun[];
  /** only on the `aura` unit */
  facts?: AuraUnitFacts;
  seconds: number;
}

/** Held-out episodes of seed `seed + evalSeedOffset` (odd seeds, never trained on). */
function heldOutEpisodes(options: CompareOptions): TaskEpisode[] {
  return Array.from({ length: options.evalEpisodes }, (_, i) =>
    generateTaskEpisode(options.task, heldOutEpisodeSeed(options.seed + (options.evalSeedOffset ?? 0), i)),
  );
}

function trainContext(options: CompareOptions) {
  const { task, model, seed, backboneSeed, tau, training } = options;
  const common = {
    task,
    model,
    seed,
    backboneSeed,
    batchSize: training.batchSize,
    learningRate: training.learningRate,
    clipNorm: training.clipNorm,
  };
  const recipe = training.recipe ?? {};
  const auraTrainOptions = {
    ...common,
    iterations: training.iterations,
    softIterations: training.softIterations,
    sparsity: training.sparsity,
    softSparsity: 0,
    tauTrain: tau,
    ...recipe,
    logEvery: Math.max(1, Math.round(training.iterations / 10)),
  };
  return { common, recipe, auraTrainOptions };
}

/**
 * Runs one unit of {@link compareMemoryMethods} (see {@link CompareUnit}). Each unit seeds all its randomness
 * from the options, so a unit gives the same rows whether it runs alone, in another process or inside
 * `compareMemoryMethods`.
 */
export function runCompareUnit(
  options: CompareOptions,
  unit: CompareUnit,
  auraFacts?: AuraUnitFacts,
): CompareUnitResult {
  const { task, model, seed, tau, training } = options;
  const log = options.onProgress ?? (() => {});
  const t0 = Date.now();
  const took = () => ((Date.now() - t0) / 1000).toFixed(1);
  const held = heldOutEpisodes(options);
  const stateBytes = computeStateBytes({ dKey: model.dKey, dVal: model.dVal });
  const { common, recipe, auraTrainOptions } = trainContext(options);
  const calibration = () => calibrationEpisodes(task, seed, options.calibrationEpisodes);
  const done = (r: Omit<CompareUnitResult, 'unit' | 'seconds'>): CompareUnitResult => ({
    unit,
    ...r,
    seconds: (Date.now() - t0) / 1000,
  });

  if (unit === 'aura') {
    const auraTrained = trainAuraMem(auraTrainOptions);
    const cal = calibration();
    const params = training.calibrateGate
      ? scaleGateLogit(
          auraTrained.params,
          fitGateTemperature(
            auraTrained.params,
            auraTrained.backbone,
            cal.slice(0, 50),
            training.calibrationScales,
          ).scale,
        )
      : auraTrained.params;
    const auraTrain = (Date.now() - t0) / 1000;
    log(`aura trained (${training.iterations} it, ${auraTrain.toFixed(1)} s)`);
    const t1 = Date.now();
    const rows = evaluateScheduleRows(params, auraTrained.backbone, held, {
      tau,
      budgetSeed: seed,
      calibration: cal,
    });
    const calibrationWriteFraction = training.retrainControls
      ? evaluateAuraMem(params, auraTrained.backbone, cal, createWriteSchedule({ kind: 'gate', tau }))
          .writeFraction
      : rows.aura.writeFraction;
    log(`aura layer evaluated under 7 schedules (${((Date.now() - t1) / 1000).toFixed(1)} s)`);
    return done({
      runs: [
        {
          ...scheduleRun('aura', rows.aura, stateBytes),
          trainSeconds: auraTrain,
          learningCurve: curve(auraTrained.history),
        },
        scheduleRun('recon-gate', rows.surprise, stateBytes),
        { ...scheduleRun('none', rows.never, 0), detail: 'never writes (no memory)' },
        // used as random-budget / periodic-budget when the controls are not retrained
        scheduleRun('random-budget', rows.random, stateBytes),
        scheduleRun('periodic-budget', rows.periodic, stateBytes),
      ],
      supplementary: [
        { ...scheduleRun('random-aura-layer', rows.random, stateBytes), detail: "random over AURA's layer" },
        {
          ...scheduleRun('periodic-aura-layer', rows.periodic, stateBytes),
          detail: "periodic over AURA's layer",
        },
        scheduleRun('oracle', rows.oracle, stateBytes),
        {
          ...scheduleRun('always-aura-layer', rows.always, stateBytes),
          detail: "always over AURA's gate-trained layer",
        },
      ],
      facts: {
        calibrationWriteFraction,
        heldOut: { writes: rows.aura.writes, steps: rows.aura.steps },
        oracleWritesPerEpisode: rows.oracle.writes / held.length,
        surpriseThreshold: rows.surpriseThreshold,
        episodes: held.length,
      },
    });
  }

  if (unit === 'always') {
    // always-write fast-weight memory: straight-through mode with τ = −1 writes on every step with amount 1,
    // so the forward pass is exactly always-write; no sparsity term.
    const iterations = training.alwaysIterations ?? training.referenceIterations;
    const m = trainAuraMem({
      ...common,
      ...(recipe.streamEpisodes ? { streamEpisodes: recipe.streamEpisodes } : {}),
      iterations,
      softIterations: 0,
      sparsity: 0,
      softSparsity: 0,
      tauTrain: -1,
      logEvery: Math.max(1, Math.round(iterations / 10)),
    });
    const trainSeconds = (Date.now() - t0) / 1000;
    const r = evaluateAuraMem(m.params, m.backbone, held, createWriteSchedule({ kind: 'always' }));
    log(`always trained (${iterations} it) + evaluated (${took()} s)`);
    return done({
      runs: [
        {
          ...scheduleRun('always', r, stateBytes),
          detail: 'always (separately trained always-write layer)',
          trainSeconds,
          learningCurve: curve(m.history),
        },
      ],
      supplementary: [],
    });
  }

  if (unit === 'gru' || unit === 'kv') {
    const gruHidden = options.gruHidden ?? 32;
    const gruModel = {
      dModel: model.dModel,
      dHidden: gruHidden,
      dAction: model.dAction,
      dHead: model.dHidden,
    };
    const iterations =
      (unit === 'gru' ? training.gruIterations : training.kvIterations) ?? training.referenceIterations;
    const m = trainReferenceMemory({
      ...common,
      kind: unit,
      model: unit === 'gru' ? gruModel : model,
      iterations,
      logEvery: iterations,
    });
    const trainSeconds = (Date.now() - t0) / 1000;
    const r = evaluateReferenceMemory(m, held);
    log(`${unit} trained (${iterations} it) + evaluated (${took()} s)`);
    return done({
      runs: [
        {
          method: unit,
          detail:
            unit === 'gru'
              ? `dense GRU, ${gruHidden} floats rewritten every step`
              : 'KV-cache attention, appends (k, v) every step',
          accuracy: r.accuracy,
          queries: r.queries,
          writesPerEpisode: r.writes / held.length,
          writeFraction: 1,
          stateBytes: unit === 'gru' ? gruStateBytes(gruModel) : r.maxStateBytes,
          trainSeconds,
        },
      ],
      supplementary: [],
    });
  }

  if (unit === 'random-control' || unit === 'periodic-control') {
    // random / periodic retrained under their own schedule at AURA's write rate (measured on the
    // training-seed calibration episodes, never the held-out ones), same budget and recipe minus the gate
    if (!auraFacts) throw new Error(`compare unit ${unit} needs the aura unit's facts`);
    const kind = unit === 'random-control' ? 'random' : 'periodic';
    const rate = auraFacts.calibrationWriteFraction;
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
    const budget = matchWriteBudget(auraFacts.heldOut, seed);
    const r = evaluateAuraMem(
      m.params,
      m.backbone,
      held,
      kind === 'random' ? budget.random : budget.periodic,
    );
    log(`${kind} control retrained + evaluated (${took()} s)`);
    return done({
      runs: [
        {
          ...scheduleRun(`${kind}-budget`, r, stateBytes),
          detail: `${kind} schedule at AURA's write rate, layer retrained under it (${r.schedule})`,
          trainSeconds: (Date.now() - t0) / 1000,
          learningCurve: curve(m.history),
        },
      ],
      supplementary: [],
    });
  }

  const a = GATE_ABLATIONS.find((x) => x.method === unit);
  if (!a) throw new Error(`unknown compare unit ${unit}`);
  const trained = trainAuraMem({ ...auraTrainOptions, frozenZero: a.frozen });
  const params = training.calibrateGate
    ? scaleGateLogit(
        trained.params,
        fitGateTemperature(
          trained.params,
          trained.backbone,
          calibration().slice(0, 50),
          training.calibrationScales,
        ).scale,
      )
    : trained.params;
  const r = evaluateAuraMem(params, trained.backbone, held, createWriteSchedule({ kind: 'gate', tau }));
  log(`${a.method} trained + evaluated (${took()} s)`);
  return done({
    runs: [],
    supplementary: [
      { ...scheduleRun(a.method, r, stateBytes), detail: a.detail, trainSeconds: (Date.now() - t0) / 1000 },
    ],
  });
}

/** Puts the units' rows together into `compareMemoryMethods`' result (rows in its fixed order). */
export function assembleCompareResult(seed: number, units: CompareUnitResult[]): CompareResult {
  const auraUnit = units.find((u) => u.unit === 'aura');
  if (!auraUnit?.facts) throw new Error(`seed ${seed}: no aura unit`);
  const facts = auraUnit.facts;
  const retrained = units.some((u) => u.unit === 'random-control' || u.unit === 'periodic-control');
  const row = (method: string, from: CompareUnitResult[]) => {
    const r = from.flatMap((u) => u.runs).find((x) => x.method === method);
    if (!r) throw new Error(`seed ${seed}: no ${method} row`);
    return r;
  };
  const sup = (method: string) => units.flatMap((u) => u.supplementary).find((x) => x.method === method);
  const controlsFrom = retrained ? units.filter((u) => u.unit !== 'aura') : [auraUnit];
  const runs: MethodRun[] = [
    row('aura', [auraUnit]),
    row('always', units),
    row('random-budget', controlsFrom),
    row('periodic-budget', controlsFrom),
    row('recon-gate', [auraUnit]),
    row('gru', units),
    row('kv', units),
    row('none', [auraUnit]),
  ];
  const supplementary = [
    ...GATE_ABLATIONS.map((a) => sup(a.method)),
    ...(retrained ? [sup('random-aura-layer'), sup('periodic-aura-layer')] : []),
    sup('oracle'),
    sup('always-aura-layer'),
  ].filter((x): x is MethodRun => x !== undefined);
  return {
    seed,
    runs,
    supplementary,
    oracleWritesPerEpisode: facts.oracleWritesPerEpisode,
    surpriseThreshold: facts.surpriseThreshold,
    episodes: facts.episodes,
    seconds: units.reduce((s, u) => s + u.seconds, 0),
  };
}

/**
 * Trains AURA-Mem, an always-write fast-weight memory, a dense GRU and a KV-cache attention memory on
 * one task and seed, then evaluates all paper methods on held-out episodes (odd seeds, never trained on).
 * `random-budget`, `periodic-budget`, `recon-gate` and `none` run AURA-Mem's trained layer with a different
 * write decision (unless `retrainControls`); `always` is a separately trained layer that writes on every step
 * in training and at inference (its gate is never consulted). Runs the {@link compareUnits} in turn.
 */
export function compareMemoryMethods(options: CompareOptions): CompareResult {
  const log = options.onProgress ?? (() => {});
  const start = Date.now();
  const since = () => `${((Date.now() - start) / 1000).toFixed(1)} s`;
  const units: CompareUnitResult[] = [];
  for (const unit of compareUnits(options.training)) {
    const facts = units.find((u) => u.unit === 'aura')?.facts;
    units.push(runCompareUnit({ ...options, onProgress: (m) => log(`${m} [${since()}]`) }, unit, facts));
  }
  return { ...assembleCompareResult(options.seed, units), seconds: (Date.now() - start) / 1000 };
}
