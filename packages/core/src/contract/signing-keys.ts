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
