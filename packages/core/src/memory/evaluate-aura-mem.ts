import { type AuraMemParams, createAuraMemState } from './create-aura-mem-params.js';
import type { Backbone } from './create-backbone.js';
import type { WriteSchedule } from './create-write-schedule.js';
import { STEP_KINDS, type StepKind, type TaskEpisode } from './generate-task-episode.js';
import { createStepCache, forwardAuraMemStep } from './step-aura-mem.js';

export interface EvaluationResult {
  schedule: string;
  episodes: number;
  steps: number;
  writes: number;
  writeFraction: number;
  queries: number;
  correct: number;
  /** fraction of query steps whose argmax action is the target */
  accuracy: number;
  stepsByKind: Record<StepKind, number>;
  writesByKind: Record<StepKind, number>;
  /** mean gate probability per step kind */
  meanGateByKind: Record<StepKind, number>;
  /** episodes whose query accuracy reached `successThreshold` (episodes without queries never succeed) */
  successes: number;
  /** successes / episodes */
  successRate: number;
}

/** Fraction of an episode's queries that must be answered right for the episode to count as a success. */
export const EPISODE_SUCCESS_ACCURACY = 0.75;

export interface EvaluateOptions {
  /**
   * Carry the memory state from one episode into the next (a robot that never resets), instead of
   * starting every episode from zero (default false).
   */
  carryState?: boolean;
  /** per-episode query accuracy that counts as a success (default {@link EPISODE_SUCCESS_ACCURACY}) */
  successThreshold?: number;
}

const zeroByKind = (): Record<StepKind, number> => ({
  background: 0,
  event: 0,
  distractor: 0,
  query: 0,
  cue: 0,
  repeat: 0,
});

export function argmax(x: Float32Array): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if ((x[i] as number) > (x[best] as number)) best = i;
  return best;
}

/**
 * Runs the AURA-Mem layer over episodes under a write schedule. The state starts at zero for each
 * episode unless `carryState` is set (then only the first episode starts from zero); the schedule's
 * step counter runs across the whole evaluation.
 */
export function evaluateAuraMem(
  params: AuraMemParams,
  backbone: Backbone,
  episodes: TaskEpisode[],
  schedule: WriteSchedule,
  options: EvaluateOptions = {},
): EvaluationResult {
  const threshold = options.successThreshold ?? EPISODE_SUCCESS_ACCURACY;
  let successes = 0;
  let { W, b } = createAuraMemState(params.config);
  const cache = createStepCache(params);
  const z = new Float32Array(backbone.dModel);
  const stepsByKind = zeroByKind();
  const writesByKind = zeroByKind();
  const gateSum = zeroByKind();
  let t = 0;
  let queries = 0;
  let correct = 0;
  for (const ep of episodes) {
    if (!options.carryState) ({ W, b } = createAuraMemState(params.config));
    let epQueries = 0;
    let epCorrect = 0;
    for (const step of ep.steps) {
      backbone.encode(step.obs, z);
      const stepIndex = t;
      forwardAuraMemStep(
        params,
        W,
        b,
        z,
        (gate, surprise) => (schedule.shouldWrite(stepIndex, gate, surprise) ? 1 : 0),
        cache,
      );
      W = cache.Wnext.slice();
      b = cache.bnext.slice();
      stepsByKind[step.kind]++;
      gateSum[step.kind] += cache.gate;
      if (cache.g === 1) writesByKind[step.kind]++;
      if (step.target >= 0) {
        epQueries++;
        if (argmax(cache.action) === step.target) epCorrect++;
      }
      t++;
    }
    queries += epQueries;
    correct += epCorrect;
    if (epQueries > 0 && epCorrect / epQueries >= threshold) successes++;
  }
  const writes = STEP_KINDS.reduce((n, k) => n + writesByKind[k], 0);
  const meanGateByKind = zeroByKind();
  for (const k of STEP_KINDS) meanGateByKind[k] = stepsByKind[k] ? gateSum[k] / stepsByKind[k] : 0;
  return {
    schedule: schedule.name,
    episodes: episodes.length,
    steps: t,
    writes,
    writeFraction: t ? writes / t : 0,
    queries,
    correct,
    accuracy: queries ? correct / queries : 0,
    stepsByKind,
    writesByKind,
    meanGateByKind,
    successes,
    successRate: episodes.length ? successes / episodes.length : 0,
  };
}
