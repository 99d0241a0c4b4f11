import type { AuraMemConfig } from './create-aura-mem-params.js';
import type { TrainOptions } from './train-aura-mem.js';

/**
 * The v2 training recipe, in one place: `train-model.ts --v2` (the committed models/aura-mem-v2) and
 * `pnpm bench paper` (every seed, and the controls' shared options) both read it. Chosen on training-seed
 * validation episodes only (docs/aura-mem.md, "v2"); never changed after looking at held-out results.
 */
export const AURA_V2_MODEL: AuraMemConfig = {
  dModel: 48,
  dKey: 32,
  dVal: 32,
  dAction: 8,
  dGate: 16,
  dHidden: 48,
  gateRead: true,
};

export const AURA_V2_TRAINING = {
  iterations: 1400,
  softIterations: 500,
  relaxIterations: 500,
  relaxFinalTemp: 0.05,
  batchSize: 16,
  learningRate: 0.01,
  /** starting value of the Lagrange multiplier */
  sparsity: 0.05,
  softSparsity: 0,
  tauTrain: 0.5,
  tauRange: [0.1, 0.9] as [number, number],
  clipNorm: 5,
  streamEpisodes: 2,
  actionIb: 0.05,
  writeRateTarget: 0.3,
  lagrangeLr: 0.005,
  lambdaMax: 1,
} satisfies Partial<TrainOptions>;

export const AURA_V2_TASK = 'hard-v2';
export const AURA_V2_BACKBONE_SEED = 7;
/** memory regime the v2 model is trained and shipped for */
export const AURA_V2_MEMORY = 'carried' as const;
