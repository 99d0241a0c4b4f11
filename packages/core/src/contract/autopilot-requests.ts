import { z } from 'zod';
import {
  AUTOPILOT_PROPOSAL_STATUSES,
  AUTOPILOT_RECOMMENDATION_STATUSES,
  AutopilotSettingsSchema,
} from './autopilot-settings.js';

/** Request bodies and queries of the autopilot's operator API (docs/autopilot.md). */

/** The whole settings object (missing fields take their defaults) and an optional reason for the audit log. */
export const UpdateAutopilotSettingsSchema = AutopilotSettingsSchema.extend({
  reason: z.string().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters').optional(),
}).strict();
export type UpdateAutopilotSettings = z.infer<typeof UpdateAutopilotSettingsSchema>;

/** Approve or dismiss a proposal: a reason is required (audited). */
export const AutopilotDecisionSchema = z
  .object({ reason: z.string().min(1, 'is required: say why').max(2000, 'must be at most 2000 characters') })
  .strict();
export type AutopilotDecision = z.infer<typeof AutopilotDecisionSchema>;

export const AutopilotDecisionResultSchema = z.object({
  id: z.uuid(),
  status: z.enum(AUTOPILOT_PROPOSAL_STATUSES),
});

export const AutopilotRecommendationQuerySchema = z
  .object({
    status: z.enum(AUTOPILOT_RECOMMENDATION_STATUSES).optional(),
    belowTarget: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('only robots whose projected life is short of (true) or meets (false) their target'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type AutopilotRecommendationQuery = z.infer<typeof AutopilotRecommendationQuerySchema>;

export const AutopilotProposalQuerySchema = z
  .object({
    status: z.enum(AUTOPILOT_PROPOSAL_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AutopilotProposalQuery = z.infer<typeof AutopilotProposalQuerySchema>;

export const AutopilotRunQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(20) })
  .strict();
