import { z } from 'zod';
import { TauSchema } from './tau.js';
import { PersistModeSchema } from './wire-contract.js';

/**
 * The settings of a gate-policy version, as operators submit them: validated by the API and, with the
 * very same schema, inline by the dashboard's forms (so both name the same fields with the same words).
 */
export const PolicyVersionInputSchema = z
  .object({
    tau: TauSchema,
    persistMode: PersistModeSchema.optional(),
    notes: z.string().max(2000, 'must be at most 2000 characters').optional(),
  })
  .strict();
export type PolicyVersionInput = z.infer<typeof PolicyVersionInputSchema>;

export const PolicyNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,99}$/,
    'must be 1-100 lowercase letters, digits, . _ - (starting with a letter or digit)',
  );

/** A new policy: its name and description, and the settings of its version 1. */
export const CreatePolicySchema = PolicyVersionInputSchema.extend({
  name: PolicyNameSchema,
  description: z.string().max(2000, 'must be at most 2000 characters').optional(),
}).strict();
export type CreatePolicy = z.infer<typeof CreatePolicySchema>;
