export { assignRolloutCohorts, cohortStep, rolloutBucket } from './assign-rollout-cohorts.js';
export { canonicalizeJson } from './canonicalize-json.js';
export { AURA_METADATA_KEYS, checkModelContract, type ExpectedModelDims } from './check-model-contract.js';
export {
  type CompareOptions,
  type CompareResult,
  calibrateSurpriseThreshold,
  calibrationEpisodes,
  compareMemoryMethods,
  evaluateScheduleRows,
  type MethodRun,
  meanCi95,
  O1_BASELINES,
  PAPER_METHODS,
  type PaperMethod,
  type ScheduleRows,
  type TrainingBudget,
} from './compare-memory-methods.js';
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
  type BytesPerWriteOptions,
  computeRatedHostBytes,
  computeWearFraction,
  DEFAULT_DEVICE_PROFILE,
  type DeviceProfile,
  type DeviceProfileInput,
  DeviceProfileSchema,
  estimateBytesPerWrite,
  estimateFlashWear,
  type FlashWearEstimate,
  type PersistModeName,
  pagesTouched,
  roundUpToPages,
} from './estimate-flash-wear.js';
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
export { argmax, type EvaluationResult, evaluateAuraMem } from './evaluate-aura-mem.js';
export {
  type CohortStats,
  evaluateRolloutHealth,
  type HealthVerdict,
  type VerdictResult,
} from './evaluate-rollout-health.js';
export {
  AURA_ONNX_IR_VERSION,
  AURA_ONNX_OPSET,
  type ExportMetadata,
  exportAuraMemOnnx,
} from './export-aura-mem-onnx.js';
export {
  BACKGROUND_PATTERNS,
  createOracleSchedule,
  generateTaskEpisode,
  getTaskConfig,
  heldOutEpisodeSeed,
  KEY_SLOTS,
  N_VALUES,
  NOISE_DIMS,
  OBS_DIMS,
  oracleWrites,
  STEP_KINDS,
  type StepKind,
  TASK_CONFIGS,
  type TaskConfig,
  type TaskConfigName,
  type TaskEpisode,
  type TaskStep,
  trainEpisodeSeed,
} from './generate-task-episode.js';
export { importAuraMemOnnx } from './import-aura-mem-onnx.js';
export * from './policy-settings.js';
export {
  type HealthGates,
  HealthGatesSchema,
  insideApplyWindow,
  ROLLOUT_ROBOT_STATES,
  ROLLOUT_STATUSES,
  type RolloutRobotState,
  type RolloutSpec,
  type RolloutSpecInput,
  RolloutSpecSchema,
  type RolloutStatus,
  RolloutStepSchema,
} from './rollout-spec.js';
export {
  type EnvelopeVerdict,
  publicConfigKey,
  type SigningKey,
  signConfigEnvelope,
  signingKeyFromBase64,
  verifyConfigEnvelope,
} from './sign-config-envelope.js';
export { createWriteRateSimulator, type WriteRateSimulator } from './simulate-write-rate.js';
export {
  type AuraMemStepCache,
  type AuraMemStepResult,
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
export { CORE_VERSION, WIRE_CONTRACT_VERSION } from './version.js';
export * from './wire-contract.js';
