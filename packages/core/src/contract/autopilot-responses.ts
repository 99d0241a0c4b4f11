import { z } from 'zod';
import {
  AUTOPILOT_PROPOSAL_STATUSES,
  AUTOPILOT_RECOMMENDATION_STATUSES,
  AutopilotSettingsSchema,
} from './autopilot-settings.js';
import { PersistModeSchema } from './wire-contract.js';

/**
 * What the operator API answers about the flash-life autopilot (docs/autopilot.md), shared by the API
 * (OpenAPI document) and the dashboard. Dates travel as ISO-8601 strings; a life that is unbounded
 * (nothing wears) travels as null.
 */
const date = z.iso.datetime({ offset: true });
const days = z.number().nullable().describe('days; null = unbounded (no wear)');

export const AutopilotModelSchema = z.object({
  curve: z
    .enum(['ok', 'missing', 'invalid', 'mismatch'])
    .describe('ok, or why the model’s τ curve cannot be used (the autopilot is then disabled)'),
  message: z.string().nullable(),
  modelPath: z.string(),
  curvePath: z.string(),
  name: z.string().nullable(),
  version: z.string().nullable(),
  sha256: z.string().nullable(),
  defaultTau: z.number().nullable(),
  /** the curve's τ points with writes per step and success (for the dashboard's plot) */
  points: z.array(z.object({ tau: z.number(), writesPerStep: z.number(), successRate: z.number() })),
});

export const AutopilotRunSchema = z.object({
  id: z.uuid(),
  trigger: z.enum(['schedule', 'manual']),
  startedAt: date,
  finishedAt: date.nullable(),
  outcome: z.enum(['running', 'completed', 'disabled', 'failed']),
  message: z.string().nullable(),
  modelName: z.string().nullable(),
  curveSha256: z.string().nullable(),
  counts: z.record(z.string(), z.number()),
});
export type AutopilotRun = z.infer<typeof AutopilotRunSchema>;

export const AutopilotStatusSchema = z.object({
  settings: AutopilotSettingsSchema,
  updatedAt: date.nullable(),
  updatedByName: z.string().nullable(),
  /** enabled and the model's curve usable */
  active: z.boolean(),
  /** why it is not active (off, or the curve's problem), null when active */
  inactiveReason: z.string().nullable(),
  model: AutopilotModelSchema,
  lastRun: AutopilotRunSchema.nullable(),
  /** when the worker recomputes next (null when off) */
  nextRunAt: date.nullable(),
  recommendations: z.object({
    change: z.number().int(),
    hold: z.number().int(),
    unreachable: z.number().int(),
    insufficientData: z.number().int(),
    belowTarget: z.number().int(),
  }),
  proposals: z.object({
    pending: z.number().int(),
    oldestPendingAt: date.nullable(),
  }),
});
export type AutopilotStatus = z.infer<typeof AutopilotStatusSchema>;

const setting = z.object({ tau: z.number(), persistMode: PersistModeSchema });

export const AutopilotRecommendationSchema = z.object({
  robotId: z.uuid(),
  robotName: z.string(),
  status: z.enum(AUTOPILOT_RECOMMENDATION_STATUSES),
  reason: z.string(),
  belowTarget: z.boolean().nullable(),
  current: setting
    .extend({
      lifeDays: days,
      successRate: z.number().nullable(),
      persistModeSource: z.enum(['reported', 'policy', 'inferred']).nullable(),
    })
    .nullable(),
  requiredLifeDays: z.number().nullable(),
  targetDays: z.number().nullable(),
  goal: setting.extend({ lifeDays: days, successRate: z.number() }).nullable(),
  step: setting
    .extend({
      lifeDays: days,
      successRate: z.number(),
      successChange: z.number(),
      writesRatio: z.number().nullable(),
    })
    .nullable(),
  rolloutsToGoal: z.number().int(),
  bestAchievableLifeDays: days,
  measured: z
    .object({
      wearSource: z.enum(['device', 'device-calibrated', 'estimate']),
      deviceSource: z.string().nullable(),
      wearPerDay: z.number(),
      remaining: z.number(),
      stepsPerSecond: z.number(),
      writesPerStep: z.number(),
      hostBytesPerDay: z.number(),
      spanDays: z.number(),
      notes: z.array(z.string()),
    })
    .nullable(),
  computedAt: date,
});
export type AutopilotRecommendation = z.infer<typeof AutopilotRecommendationSchema>;

export const AutopilotRecommendationListSchema = z.object({
  total: z.number().int(),
  items: z.array(AutopilotRecommendationSchema),
});

export const AutopilotProposalRobotSchema = z.object({
  robotId: z.uuid(),
  name: z.string().nullable(),
  fromTau: z.number(),
  fromPersistMode: PersistModeSchema,
  belowTarget: z.boolean(),
  lifeBefore: days,
  lifeAfter: days,
  successChange: z.number(),
  wearPerDay: z.number(),
});

export const AutopilotProposalSchema = z.object({
  id: z.uuid(),
  status: z.enum(AUTOPILOT_PROPOSAL_STATUSES),
  rolloutId: z.uuid().nullable(),
  rolloutStatus: z.string().nullable(),
  policyVersionId: z.uuid(),
  tau: z.number(),
  persistMode: PersistModeSchema,
  robots: z.number().int(),
  belowTarget: z.number().int(),
  predicted: z.object({
    meanSuccessChange: z.number(),
    minLifeBefore: days,
    minLifeAfter: days,
    maxWritesRatio: z.number().nullable(),
    reachingTarget: z.number().int(),
    robots: z.array(AutopilotProposalRobotSchema),
  }),
  reason: z.string(),
  outcomeReason: z.string().nullable(),
  createdAt: date,
  decidedAt: date.nullable(),
  decidedByName: z.string().nullable(),
});
export type AutopilotProposal = z.infer<typeof AutopilotProposalSchema>;

export const AutopilotProposalListSchema = z.object({ items: z.array(AutopilotProposalSchema) });
export const AutopilotRunListSchema = z.object({ items: z.array(AutopilotRunSchema) });
export const AutopilotRunRequestSchema = z.object({
  queued: z.boolean(),
  message: z.string(),
});
