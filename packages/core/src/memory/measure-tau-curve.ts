import type { AuraMemParams } from './create-aura-mem-params.js';
import type { Backbone } from './create-backbone.js';
import { createWriteSchedule } from './create-write-schedule.js';
import { EPISODE_SUCCESS_ACCURACY, evaluateAuraMem } from './evaluate-aura-mem.js';
import type { TaskEpisode } from './generate-task-episode.js';

export interface TauSeedMeasurement {
  writesPerStep: number;
  accuracy: number;
  successRate: number;
}

export interface MeasureTauCurveOptions {
  /** carry the memory across the episodes of a seed (one stream per seed) instead of resetting per episode */
  carryState?: boolean;
  successThreshold?: number;
}

/**
 * Runs a trained layer with the learned gate at every τ of `taus` over each seed's held-out episodes
 * and reports, per τ and seed, the write fraction, query accuracy and episode success rate: the raw
 * material of a τ curve (`buildTauCurve` in @aura/core/fleet turns it into the file format).
 */
export function measureTauCurve(
  params: AuraMemParams,
  backbone: Backbone,
  episodesBySeed: TaskEpisode[][],
  taus: readonly number[],
  options: MeasureTauCurveOptions = {},
): { tau: number; perSeed: TauSeedMeasurement[] }[] {
  const evalOptions = {
    carryState: options.carryState ?? false,
    successThreshold: options.successThreshold ?? EPISODE_SUCCESS_ACCURACY,
  };
  return taus.map((tau) => ({
    tau,
    perSeed: episodesBySeed.map((episodes) => {
      const r = evaluateAuraMem(
        params,
        backbone,
        episodes,
        createWriteSchedule({ kind: 'gate', tau }),
        evalOptions,
      );
      return { writesPerStep: r.writeFraction, accuracy: r.accuracy, successRate: r.successRate };
    }),
  }));
}
