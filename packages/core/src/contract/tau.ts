import { z } from 'zod';

/**
 * τ, the gate threshold: a memory write happens when the gate's probability exceeds it. A runtime
 * input of every model (never baked into weights), so a rollout changes it without shipping a model.
 * Its range and default are defined here once; every schema and form that takes a τ uses these.
 */
export const TAU_RANGE = { min: 0, max: 1 } as const;

/** The τ an agent runs before it has a config and a model card names no other. */
export const DEFAULT_TAU = 0.5;

export const TauSchema = z
  .number({ error: `must be a number between ${TAU_RANGE.min} and ${TAU_RANGE.max}` })
  .min(TAU_RANGE.min, `must be between ${TAU_RANGE.min} and ${TAU_RANGE.max}`)
  .max(TAU_RANGE.max, `must be between ${TAU_RANGE.min} and ${TAU_RANGE.max}`);
