import { z } from 'zod';
import { AUDIT_ACTOR_TYPES, RobotTagSchema } from './operator-requests.js';
import { OperatorRoleSchema } from './operator-roles.js';

/**
 * Response shapes of the operator API: who is calling, operators and their keys, enrolment tokens,
 * the audit log, health. Dates travel as ISO-8601 strings.
 */
export const IdSchema = z.uuid();
export const DateTimeSchema = z.iso.datetime({ offset: true });
const id = IdSchema;
const date = DateTimeSchema;

export const MeSchema = z.object({
  operatorId: id,
  name: z.string(),
  role: OperatorRoleSchema,
  apiKeyId: id,
});
export type Me = z.infer<typeof MeSchema>;

export const EnrollmentTokenSchema = z.object({
  id,
  name: z.string(),
  prefix: z.string(),
  expiresAt: date,
  maxUses: z.number().int(),
  uses: z.number().int(),
  groupId: id.nullable(),
  tags: z.array(RobotTagSchema),
  createdAt: date,
  revokedAt: date.nullable(),
});
export const CreatedEnrollmentTokenSchema = EnrollmentTokenSchema.extend({
  token: z.string().describe('The token itself; shown once, only its hash is stored'),
});
export const EnrollmentTokenListSchema = z.object({
  total: z.number().int().describe('Enrolment tokens in all'),
  limit: z.number().int(),
  offset: z.number().int().describe('The offset asked for (deprecated; 0 when paging by cursor)'),
  items: z.array(EnrollmentTokenSchema),
  nextCursor: z
    .string()
    .optional()
    .describe('Pass as `cursor` for the next (older) page; absent on the last page'),
});

export const OperatorSchema = z.object({
  id,
  name: z.string(),
  email: z.string().nullable(),
  role: OperatorRoleSchema,
  createdAt: date,
  disabledAt: date.nullable(),
});
export const CreatedOperatorSchema = z.object({
  operator: OperatorSchema,
  apiKey: z.object({ id, name: z.string(), prefix: z.string(), token: z.string().describe('Shown once') }),
});
/** An operator API key as listed: never its secret. */
export const ApiKeySchema = z.object({
  id,
  operatorId: id,
  name: z.string(),
  prefix: z.string(),
  createdAt: date,
  lastUsedAt: date.nullable(),
  expiresAt: date.nullable().describe('When it stops working; null: until revoked'),
  revokedAt: date.nullable(),
});
export const ApiKeyListSchema = z.object({
  items: z.array(ApiKeySchema.extend({ operatorName: z.string() })),
});
export const CreatedApiKeySchema = ApiKeySchema.extend({
  token: z.string().describe('The key itself; shown once, only its hash is stored'),
});
export const OperatorListSchema = z.object({
  items: z.array(OperatorSchema.extend({ apiKeys: z.array(ApiKeySchema.omit({ operatorId: true })) })),
});
export const RevokedKeySchema = z.object({ id, revokedAt: date.nullable() });

/** A dashboard session (docs/dashboard.md, "Sessions"); the token only when created. */
export const DashboardSessionSchema = z.object({
  id,
  operatorId: id,
  name: z.string().describe('The operator’s name'),
  role: OperatorRoleSchema,
  apiKeyId: id.describe('The API key the session acts with; revoking it ends the session'),
  createdAt: date,
  expiresAt: date.describe('The session ends then at the latest (DASHBOARD_SESSION_MAX_AGE_HOURS)'),
  idleTimeoutSeconds: z
    .number()
    .int()
    .describe('…or this long after its last request (DASHBOARD_SESSION_IDLE_MINUTES)'),
});
export type DashboardSession = z.infer<typeof DashboardSessionSchema>;
export const CreatedDashboardSessionSchema = DashboardSessionSchema.extend({
  token: z.string().describe('The session token (aura_ds_…); shown once, only its hash is stored'),
});
export const RevokedDashboardSessionSchema = z.object({ id, revokedAt: date });

/** Why a listed dashboard session works or not (the first that applies, in this order). */
export const DASHBOARD_SESSION_STATES = [
  'active',
  'signed_out',
  'revoked',
  'expired',
  'idle',
  'key_ended',
  'operator_disabled',
] as const;
/** A dashboard session as listed: never its token. */
export const DashboardSessionListItemSchema = z.object({
  id,
  operatorId: id,
  operatorName: z.string(),
  apiKeyId: id.describe('The API key it acts with'),
  apiKeyName: z.string(),
  prefix: z.string().describe('The token’s lookup prefix (`ds_…`; the token begins `aura_` and this)'),
  createdAt: date.describe('Sign-in'),
  lastSeenAt: date.describe('Its last request (kept to the minute)'),
  expiresAt: date,
  revokedAt: date.nullable(),
  revokedReason: z.string().nullable().describe('`sign_out`, or `revoked` by an operator'),
  state: z.enum(DASHBOARD_SESSION_STATES),
  current: z.boolean().describe('The session making this request'),
});
export const DashboardSessionListSchema = z.object({ items: z.array(DashboardSessionListItemSchema) });

export const AuditEventSchema = z.object({
  id: z.string().describe('Monotonic id (a decimal string)'),
  at: date,
  actorType: z.enum(AUDIT_ACTOR_TYPES),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable().describe('The changed fields before the change (JSON; shape per action)'),
  after: z.unknown().nullable().describe('The changed fields after the change (JSON; shape per action)'),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});
export const AuditListSchema = z.object({
  items: z.array(AuditEventSchema),
  nextCursor: z.string().optional().describe('Pass as `cursor` for the next (older) page'),
});

const dependency = z.union([
  z.object({ status: z.literal('up'), latencyMs: z.number() }),
  z.object({ status: z.literal('down'), error: z.string() }),
]);
export const HealthReportSchema = z.object({
  status: z.enum(['ok', 'error']),
  checks: z.object({ database: dependency, redis: dependency }),
});
export type HealthReport = z.infer<typeof HealthReportSchema>;
export const ReadinessReportSchema = HealthReportSchema.extend({ draining: z.boolean() });
export const LivenessReportSchema = z.object({ status: z.literal('ok'), uptimeSeconds: z.number().int() });
