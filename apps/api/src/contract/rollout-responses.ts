import { ROLLOUT_ROBOT_STATES } from '@aura/core';
import { z } from 'zod';
import { RolloutDetailSchema, RolloutSchema } from './responses.js';

/**
 * Rollout read shapes the dashboard needs beyond responses.ts: who created a rollout, its members one
 * by one, and the live target count of the create form. Dates travel as ISO-8601 strings.
 */
const id = z.uuid();
const date = z.iso.datetime({ offset: true });

const creator = {
  createdByName: z.string().nullable().describe('Name of the operator who created it (null if deleted)'),
};
export const RolloutWithCreatorListSchema = z.object({ items: z.array(RolloutSchema.extend(creator)) });
export const RolloutDetailWithCreatorSchema = RolloutDetailSchema.extend(creator);

export const RolloutRobotListSchema = z.object({
  total: z.number().int().describe('Members matching the filters'),
  items: z.array(
    z.object({
      robotId: id,
      name: z.string(),
      stepIndex: z.number().int(),
      state: z.enum(ROLLOUT_ROBOT_STATES),
      stateReason: z.string().nullable(),
      configVersion: z.number().int().nullable().describe('Config version that carried the new policy'),
      revertConfigVersion: z.number().int().nullable().describe('Config version that reverted the robot'),
      revertConfirmed: z.boolean().describe('The robot acknowledged its revert config as applied'),
      updatedAt: date,
    }),
  ),
});
export const RolloutTargetCountSchema = z.object({
  robots: z.number().int().describe('Robots in groups ∪ tags ∪ ids, each counted once'),
});
