import { z } from 'zod';
import { TauSchema } from './tau.js';
import { PERSIST_MODES, PersistModeSchema } from './wire-contract.js';

/**
 * The flash-life autopilot's settings (docs/autopilot.md), as operators submit them: a fleet-wide
 * flash-life target, per-group overrides and the guard rails every proposal stays inside. Validated by
 * the API and, with the same schema, inline by the dashboard.
 */

/** Fifty years: no flash target beyond it is meaningful (and the arithmetic stays in range). */
export const MAX_LIFE_TARGET_DAYS = Math.floor(50 * 365.25);
export const DEFAULT_LIFE_TARGET_DAYS = Math.round(5 * 365.25);

export const LifeTargetDaysSchema = z
  .number({ error: 'must be a number of days' })
  .gt(0, 'must be more than 0 days')
  .max(MAX_LIFE_TARGET_DAYS, `must be at most ${MAX_LIFE_TARGET_DAYS} days (50 years)`);

export const AutopilotGuardRailsSchema = z
  .object({
    /** The lowest τ the autopilot may propose. */
    tauMin: TauSchema.default(0.05),
    /** The highest τ the autopilot may propose. */
    tauMax: TauSchema.default(0.95),
    /** Largest τ change one rollout may make (larger moves take several rollouts). */
    maxTauChange: z
      .number({ error: 'must be a number' })
      .gt(0, 'must be more than 0')
      .max(1, 'must be at most 1')
      .default(0.1),
    /**
     * The success floor relative to the control cohort: a proposal's predicted success may fall at
     * most this far (0.05 = 5 points) below the robot's current setting's, and its rollout's health
     * gate fails when the cohort falls further below its control cohort.
     */
    maxSuccessDrop: z
      .number({ error: 'must be a number' })
      .min(0, 'must be between 0 and 1')
      .max(1, 'must be between 0 and 1')
      .default(0.05),
    /**
     * Persistence modes the autopilot may move robots to when τ alone cannot meet the target, in the
     * order it tries them (a robot's own mode is always allowed to stay). `none` loses the memory on a
     * restart: allow it on purpose.
     */
    persistModes: z
      .array(PersistModeSchema)
      .min(1, 'must allow at least one persistence mode')
      .max(PERSIST_MODES.length)
      .refine((modes) => new Set(modes).size === modes.length, 'must not repeat a mode')
      .default(['snapshot', 'delta-log']),
  })
  .strict()
  .superRefine((rails, ctx) => {
    if (rails.tauMin > rails.tauMax) {
      ctx.addIssue({
        code: 'custom',
        path: ['tauMax'],
        message: `the τ range is empty: must be ≥ tauMin (${rails.tauMin})`,
      });
    }
  });
export type AutopilotGuardRails = z.infer<typeof AutopilotGuardRailsSchema>;

export const AutopilotGroupTargetSchema = z
  .object({ groupId: z.uuid({ error: 'must be a group id' }), lifeTargetDays: LifeTargetDaysSchema })
  .strict();

export const AutopilotSettingsSchema = z
  .object({
    /** Off: no recommendations are computed and nothing is proposed. */
    enabled: z.boolean().default(false),
    /** Start the autopilot's rollouts without an operator's approval (they stay inside the guard rails). */
    autoStart: z.boolean().default(false),
    /** How long every robot's flash must last, in days from the robot's enrolment. */
    lifeTargetDays: LifeTargetDaysSchema.default(DEFAULT_LIFE_TARGET_DAYS),
    /** Per-group targets; a robot in several groups takes the longest. */
    groupTargets: z
      .array(AutopilotGroupTargetSchema)
      .max(200, 'must hold at most 200 groups')
      .refine((t) => new Set(t.map((g) => g.groupId)).size === t.length, 'must not name a group twice')
      .default([]),
    guardRails: AutopilotGuardRailsSchema.default(AutopilotGuardRailsSchema.parse({})),
    /** Recompute every this many minutes (the worker's schedule). */
    intervalMinutes: z
      .number({ error: 'must be a number of minutes' })
      .int('must be whole minutes')
      .min(1, 'must be at least 1 minute')
      .max(7 * 24 * 60, 'must be at most 7 days')
      .default(60),
    /** A robot needs telemetry spanning at least this long (under its current policy) for a recommendation. */
    minTelemetryMinutes: z
      .number({ error: 'must be a number of minutes' })
      .int('must be whole minutes')
      .min(1, 'must be at least 1 minute')
      .max(7 * 24 * 60, 'must be at most 7 days')
      .default(60),
    /** Bake time of each step of the autopilot's rollouts. */
    bakeSeconds: z
      .number({ error: 'must be a number of seconds' })
      .int('must be whole seconds')
      .min(0, 'must be ≥ 0')
      .max(7 * 86_400, 'must be at most 7 days')
      .default(3600),
    /** At most this many policy versions (one rollout each) per proposal round. */
    maxPolicyVersions: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(20, 'must be at most 20')
      .default(4),
  })
  .strict();
export type AutopilotSettings = z.infer<typeof AutopilotSettingsSchema>;
export type AutopilotSettingsInput = z.input<typeof AutopilotSettingsSchema>;

/** The recommendation states (docs/autopilot.md). */
export const AUTOPILOT_RECOMMENDATION_STATUSES = [
  'change',
  'hold',
  'unreachable',
  'insufficient-data',
] as const;
export type AutopilotRecommendationStatus = (typeof AUTOPILOT_RECOMMENDATION_STATUSES)[number];

/** A proposal is a draft rollout the autopilot made; these are its states. */
export const AUTOPILOT_PROPOSAL_STATUSES = [
  'pending',
  'started',
  'succeeded',
  'failed',
  'dismissed',
  'superseded',
] as const;
export type AutopilotProposalStatus = (typeof AUTOPILOT_PROPOSAL_STATUSES)[number];
