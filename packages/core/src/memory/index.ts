/**
 * Entry point `@aura/core/memory`: the AURA-Mem layer, its baselines (write schedules, GRU, KV
 * attention), synthetic tasks, trainers, evaluation and ONNX export/import.
 */

export {
  chooseGateScale,
  DIAL_TARGETS,
  DIAL_TAUS,
  describeGateScale,
  fitGateTemperature,
  type GateScaleCandidate,
  type GateTemperatureFit,
  maxShareOfRangePer0_1,
  scaleGateLogit,
} from './calibrate-gate-temperature.js';
export { AURA_METADATA_KEYS, checkModelContract, type ExpectedModelDims } from './check-model-contract.js';
export {
  type AuraUnitFacts,
  assembleCompareResult,
  type CompareOptions,
  type CompareResult,
  type CompareUnit,
  type CompareUnitResult,
  calibrateSurpriseThreshold,
  calibrationEpisodes,
  compareMemoryMethods,
  compareUnits,
  evaluateScheduleRows,
  GATE_ABLATIONS,
  type GateAblation,
  type MethodRun,
  O1_BASELINES,
  PAPER_METHODS,
  type PaperMethod,
  runCompareUnit,
  type ScheduleRows,
  type TrainingBudget,
} from './compare-memory-methods.js';
export { computeKeyAux, type KeyAuxResult, keySlotLabels } from './compute-key-aux.js';
export {
  computeWriteCredit,
  type WriteCreditMeasure,
  type WriteCreditOptions,
} from './compute-write-credit.js';
export { createAdam } from './create-adam.js';
export {
  type AuraMemConfig,
  type AuraMemParams,
  type AuraMemState,
  type AuraMemTensors,
  cloneAuraMemState,
  countParams,
  createAuraMemParams,
  createAuraMemState,
  forgetFactor,
  paramsFromData,
  type TensorName,
  tensorShapes,
  viewTensors,
} from './create-aura-mem-params.js';
export { type Backbone, createBackbone } from './create-backbone.js';
export { createRng, type Rng } from './create-rng.js';
export {
  createWriteSchedule,
  matchWriteBudget,
  type WriteSchedule,
  type WriteScheduleSpec,
} from './create-write-schedule.js';
export { describeOnnxModel, type ModelDescription, type ModelValueInfo } from './describe-onnx-model.js';
export { editOnnxModel, type OnnxModelEdit } from './edit-onnx-model.js';
export {
  BACKBONES,
  type BackboneName,
  type BackboneSpec,
  computeKvCacheBytes,
  computeStateBytes,
  type Dtype,
  estimateBackboneKvBytesPerStep,
  type MemoryDims,
} from './estimate-memory-bytes.js';
export {
  argmax,
  EPISODE_SUCCESS_ACCURACY,
  type EvaluateOptions,
  type EvaluationResult,
  evaluateAuraMem,
} from './evaluate-aura-mem.js';
export {
  AURA_ONNX_IR_VERSION,
  AURA_ONNX_OPSET,
  type ExportMetadata,
  exportAuraMemOnnx,
  exportMetadataOf,
} from './export-aura-mem-onnx.js';
export {
  BACKGROUND_PATTERNS,
  CHANNELS,
  continueTaskEpisode,
  createOracleSchedule,
  futureEpisodeSeed,
  generateTaskEpisode,
  getTaskConfig,
  heldOutEpisodeSeed,
  isRelevantStep,
  KEY_SLOTS,
  N_VALUES,
  NOISE_DIMS,
  OBS_DIMS,
  OBS_DIMS_V2,
  obsDimsOf,
  oracleWrites,
  STEP_KINDS,
  type StepKind,
  TASK_CONFIGS,
  type TaskConfig,
  type TaskConfigName,
  type TaskEpisode,
  type TaskStep,
  trainEpisodeSeed,
  V1_OBS_KINDS,
} from './generate-task-episode.js';
export { importAuraMemOnnx } from './import-aura-mem-onnx.js';
export { meanCi95, studentT975 } from './mean-ci95.js';
export {
  type MeasureTauCurveOptions,
  measureTauCurve,
  type TauSeedMeasurement,
} from './measure-tau-curve.js';
export { probeStepRelevance, rocAuc } from './probe-step-relevance.js';
export {
  type AuraMemStepCache,
  type AuraMemStepResult,
  computeWriteKey,
  createStepCache,
  forwardAuraMemStep,
  stepAuraMem,
  type WriteAmount,
} from './step-aura-mem.js';
export {
  countGruParams,
  createGruParams,
  forwardGruStep,
  type GruConfig,
  type GruParams,
  type GruStepCache,
  type GruTensors,
  gruStateBytes,
  gruTensorShapes,
  stepGru,
  viewGruTensors,
} from './step-gru.js';
export { createKvCache, type KvCache, kvCacheBytes, stepKvAttention } from './step-kv-attention.js';
export {
  computeEpisodeGradient,
  createWorkspace,
  type EpisodeData,
  type EpisodeLoss,
  encodeEpisode,
  type GateEstimator,
  type GateMode,
  type LossOptions,
  type TrainOptions,
  type TrainProgress,
  type TrainResult,
  trainAuraMem,
  type Workspace,
} from './train-aura-mem.js';
export {
  computeGruEpisodeGradient,
  computeKvEpisodeGradient,
  evaluateReferenceMemory,
  type ReferenceEvaluation,
  type ReferenceLoss,
  type ReferenceModel,
  type TrainReferenceOptions,
  trainReferenceMemory,
} from './train-reference-memory.js';
export {
  AURA_V2_BACKBONE_SEED,
  AURA_V2_MEMORY,
  AURA_V2_MODEL,
  AURA_V2_TASK,
  AURA_V2_TRAINING,
} from './v2-recipe.js';
