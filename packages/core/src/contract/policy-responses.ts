import { z } from 'zod';
import { DateTimeSchema, IdSchema } from './operator-responses.js';
import { TauSchema } from './tau.js';
import { PersistModeSchema } from './wire-contract.js';

/** Gate policies, their immutable versions and the fleet default, as the operator API answers. */
const id = IdSchema;
const date = DateTimeSchema;

export const PolicyVersionSchema = z.object({
  id,
  policyId: id,
  version: z.number().int(),
  tau: TauSchema,
  persistMode: PersistModeSchema.nullable(),
  notes: z.string().nullable(),
  createdById: id.nullable(),
  createdAt: date,
});
export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;

export const PolicySchema = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  createdAt: date,
  archivedAt: date.nullable(),
  versions: z.array(PolicyVersionSchema),
});

/** A version as listed, with how many robots run it now (applied) and are told to (desired). */
export const PolicyVersionWithRobotsSchema = PolicyVersionSchema.extend({
  robots: z.object({
    applied: z.number().int().describe('Robots whose last acknowledged config is this version'),
    desired: z.number().int().describe('Robots whose desired config is this version'),
  }),
});
export const PolicyWithRobotsSchema = PolicySchema.extend({
  versions: z.array(PolicyVersionWithRobotsSchema),
});
export const PolicyListSchema = z.object({ items: z.array(PolicyWithRobotsSchema) });

export const FleetDefaultSchema = z.object({
  policyVersion: PolicyVersionSchema.nullable(),
  policy: PolicySchema.omit({ versions: true }).nullable(),
  updatedAt: date.nullable(),
});
export const SetFleetDefaultResultSchema = z.object({
  policyVersion: PolicyVersionSchema,
  robotsMoved: z.number().int(),
});

/** A policy version named for people: `default v3 (τ 0.55)`. */
export const PolicyVersionLabelSchema = z.object({
  id,
  policyId: id,
  policyName: z.string(),
  version: z.number().int(),
  tau: TauSchema,
});
export type PolicyVersionLabel = z.infer<typeof PolicyVersionLabelSchema>;
