// Training budgets of `pnpm bench paper` and the units one configuration × seed consists of.
import { AURA_V2_TRAINING, type AuraMemConfig, compareUnits, type TaskConfig } from '@aura/core';
import type { Budget } from './_paper-aggregate.js';
import type { UnitOptions } from './_paper-cache.js';

// Every method trains for the same number of iterations × episodes (AURA, always-write, the retrained random
// and periodic controls, GRU, KV and the ablations); AURA follows the v2 recipe with its phases scaled to the
// budget. Full run: designed for ≤ 60 min on this 2-core machine (docs/paper-reproduction.md, "Time budget");
// that is far less than the committed model's 1,400 iterations, so the bench's AURA is weaker than the model
// card's — a limit of the time budget, stated in the results, not a different recipe.
export function budget(
  iterations: number,
  evalEpisodes: number,
  calibration: number,
  scales?: number[],
): Budget {
  const r = AURA_V2_TRAINING;
  const scale = iterations / r.iterations;
  return {
    batchSize: r.batchSize,
    learningRate: r.learningRate,
    sparsity: r.sparsity,
    clipNorm: r.clipNorm,
    iterations,
    softIterations: Math.round(r.softIterations * scale),
    referenceIterations: iterations,
    alwaysIterations: iterations,
    gruIterations: iterations,
    kvIterations: iterations,
    recipe: {
      relaxIterations: Math.round(r.relaxIterations * scale),
      relaxFinalTemp: r.relaxFinalTemp,
      tauRange: r.tauRange,
      streamEpisodes: r.streamEpisodes,
      actionIb: r.actionIb,
      writeRateTarget: r.writeRateTarget,
      lagrangeLr: r.lagrangeLr,
      lambdaMax: r.lambdaMax,
    },
    calibrateGate: true,
    ...(scales ? { calibrationScales: scales } : {}),
    retrainControls: true,
    ablations: true,
    evalEpisodes,
    calibrationEpisodes: calibration,
  };
}
export const FULL_BUDGET: Budget = budget(500, 300, 60);
// Quick: a smoke test of structure and sanity in < 3 minutes, not of the paper's numbers.
export const QUICK_BUDGET: Budget = budget(8, 24, 8, [1, 0.25]);

/** The units of one configuration and seed, in run order (aura first: the controls need its facts). */
export function paperUnits(
  config: string,
  task: TaskConfig,
  seed: number,
  budget: Budget,
  run: { model: AuraMemConfig; backboneSeed: number; tau: number; evalSeedOffset: number },
): UnitOptions[] {
  const { evalEpisodes, calibrationEpisodes, ...training } = budget;
  return compareUnits(training).map((unit) => ({
    config,
    task,
    seed,
    unit,
    ...run,
    training,
    evalEpisodes,
    calibrationEpisodes,
  }));
}
