import { z } from 'zod';
import { ConfigKeySetSchema } from './wire-contract.js';

/**
 * The operator API of config-signing keys (docs/api.md, "Signing keys"): list, create, activate,
 * retire, revoke. A key is `standby` (robots trust it, it does not sign), `active` (signs envelopes;
 * exactly one), `retired` (left the key set) or `revoked` (never trusted again, on every robot that
 * follows the key-set chain).
 */
export const CONFIG_SIGNING_KEY_STATUSES = ['standby', 'active', 'retired', 'revoked'] as const;
export const ConfigSigningKeyStatusSchema = z.enum(CONFIG_SIGNING_KEY_STATUSES);
export type ConfigSigningKeyStatus = z.infer<typeof ConfigSigningKeyStatusSchema>;

const date = z.iso.datetime({ offset: true });

export const ConfigSigningKeySchema = z.object({
  id: z.uuid(),
  keyId: z.string(),
  publicKey: z.string().describe('base64 SPKI DER of the Ed25519 public key'),
  status: ConfigSigningKeyStatusSchema,
  /** where the private half lives: encrypted in the database, or only in CONFIG_SIGNING_KEYS */
  storage: z.enum(['database', 'environment']),
  development: z.boolean(),
  createdAt: date,
  activatedAt: date.nullable(),
  retiredAt: date.nullable(),
  revokedAt: date.nullable(),
  /** when an admin plans to retire it (alert kind `signing_key_retirement`); null: not planned */
  plannedRetirementAt: date.nullable(),
});
export type ConfigSigningKeyView = z.infer<typeof ConfigSigningKeySchema>;

export const ConfigSigningKeyListSchema = z.object({
  items: z.array(ConfigSigningKeySchema),
  /** the newest key set robots are moved to (null before the first) */
  keySet: ConfigKeySetSchema.nullable(),
});

export const CreateConfigSigningKeySchema = z
  .object({
    keyId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1-100 letters, digits, . _ -')
      .optional()
      .describe('default: cfg-<date>-<random>'),
    reason: z.string().max(2000).optional(),
  })
  .strict();
export type CreateConfigSigningKey = z.infer<typeof CreateConfigSigningKeySchema>;

export const ConfigSigningKeyActionSchema = z
  .object({ reason: z.string().min(1, 'must not be empty').max(2000) })
  .strict();
export type ConfigSigningKeyAction = z.infer<typeof ConfigSigningKeyActionSchema>;

/** Retirements are planned at most this far ahead. */
export const MAX_PLANNED_RETIREMENT_DAYS = 3650;

/**
 * `PUT /v1/config-signing-keys/{id}/planned-retirement`: plan (or, with null, clear) when a trusted key
 * should retire. The API also refuses a time that is not in the future, naming `plannedRetirementAt`.
 * Planning does not retire anything by itself; `signing_key_retirement` alert rules remind people.
 */
export const PlanConfigSigningKeyRetirementSchema = z
  .object({
    plannedRetirementAt: z.iso
      .datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone, or null to clear' })
      .nullable(),
    reason: z.string().trim().min(1, 'is required: say why').max(2000, 'must be at most 2000 characters'),
  })
  .strict();
export type PlanConfigSigningKeyRetirement = z.infer<typeof PlanConfigSigningKeyRetirementSchema>;
