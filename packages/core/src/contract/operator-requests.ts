import { z } from 'zod';
import { ROLLOUT_ROBOT_STATES, ROLLOUT_STATUSES, RolloutSpecSchema } from '../fleet/rollout-spec.js';
import { OperatorRoleSchema } from './operator-roles.js';
import { FLASH_KINDS } from './wire-contract.js';

/**
 * Request bodies and queries of the operator API (bearer operator API key), validated by the API and
 * usable inline by the dashboard's forms. Query values arrive as strings: numbers are coerced.
 */
const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone' });

/** A robot tag: what rollouts, enrolment tokens and filters target. */
export const RobotTagSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._:-]{0,62}$/, 'must be 1-63 lowercase letters, digits, . _ : -');

const page = (max: number, defaultLimit: number) => ({
  limit: z.coerce.number().int().min(1).max(max).default(defaultLimit),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

// ── enrolment ────────────────────────────────────────────────────────────────────────────────────

export const CreateEnrollmentTokenSchema = z
  .object({
    name: z.string().min(1, 'must not be empty').max(200),
    expiresInHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(24),
    maxUses: z.number().int().min(1).max(100_000).default(1),
    groupId: z.uuid().optional(),
    tags: z.array(RobotTagSchema).max(20).default([]),
  })
  .strict();
export type CreateEnrollmentToken = z.infer<typeof CreateEnrollmentTokenSchema>;

/**
 * Enrolment tokens, newest first (created at, then id). Keyset paging: pass the previous page's
 * `nextCursor` as `cursor`, so a token created meanwhile neither repeats nor hides one. `offset` is
 * deprecated (kept for old callers; a token created while paging shifts its pages) and cannot be
 * combined with `cursor`.
 */
export const EnrollmentTokenListQuerySchema = z
  .object({
    ...page(200, 50),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a nextCursor returned by a previous page')
      .optional()
      .describe('nextCursor of the previous page'),
  })
  .strict();
export type EnrollmentTokenListQuery = z.infer<typeof EnrollmentTokenListQuerySchema>;

// ── robots and groups ────────────────────────────────────────────────────────────────────────────

export const ROBOT_STATUSES = ['online', 'offline'] as const;
/** Whether a robot list shows decommissioned robots: not by default. */
export const ROBOT_DECOMMISSIONED_FILTERS = ['exclude', 'include', 'only'] as const;

export const RobotListQuerySchema = z
  .object({
    q: z.string().max(200).optional(),
    groupId: z.uuid().optional(),
    tag: RobotTagSchema.optional(),
    policyVersionId: z.uuid().optional(),
    status: z.enum(ROBOT_STATUSES).optional(),
    agentVersion: z.string().min(1).max(50).optional().describe('the version its agent reports, exactly'),
    arch: z
      .string()
      .min(1)
      .max(50)
      .optional()
      .describe('CPU architecture its agent reports, e.g. x64, arm64'),
    flashKind: z.enum(FLASH_KINDS).optional().describe('the kind of flash holding its agent state'),
    decommissioned: z
      .enum(ROBOT_DECOMMISSIONED_FILTERS)
      .default('exclude')
      .describe('decommissioned robots: left out (default), included, or only them'),
    sort: z.enum(['name', 'lastSeenAt', 'enrolledAt']).default('name'),
    order: z
      .enum(['asc', 'desc'])
      .default('asc')
      .describe('of the sort key, then of the id; robots never seen come last either way'),
    ...page(500, 50),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,400}$/, 'must be a nextCursor returned by a previous page')
      .optional()
      .describe('nextCursor of the previous page (same sort and order); cannot be combined with offset'),
  })
  .strict();
export type RobotListQuery = z.infer<typeof RobotListQuerySchema>;

export const UpdateRobotSchema = z
  .object({ name: z.string().min(1).max(200).optional(), tags: z.array(RobotTagSchema).max(20).optional() })
  .strict();
export type UpdateRobot = z.infer<typeof UpdateRobotSchema>;

/** Decommission a robot or rotate its secret: the reason goes to the audit log. */
export const RobotCredentialActionSchema = z
  .object({ reason: z.string().min(1, 'must not be empty').max(2000) })
  .strict();
export type RobotCredentialAction = z.infer<typeof RobotCredentialActionSchema>;

export const CreateGroupSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'must be 1-100 lowercase letters, digits, . _ -'),
    description: z.string().max(1000).optional(),
  })
  .strict();
export type CreateGroup = z.infer<typeof CreateGroupSchema>;

export const ChangeMembersSchema = z
  .object({
    add: z.array(z.uuid()).max(10_000).default([]),
    remove: z.array(z.uuid()).max(10_000).default([]),
  })
  .strict();
export type ChangeMembers = z.infer<typeof ChangeMembersSchema>;

// ── policies ─────────────────────────────────────────────────────────────────────────────────────

export const SetFleetDefaultSchema = z
  .object({
    policyVersionId: z.uuid({ error: 'must be a policy version id' }),
    reason: z.string().max(2000).optional(),
  })
  .strict();
export type SetFleetDefault = z.infer<typeof SetFleetDefaultSchema>;

// ── operators ────────────────────────────────────────────────────────────────────────────────────

export const CreateOperatorSchema = z
  .object({
    name: z.string().min(1).max(200),
    email: z.email().max(320).optional(),
    role: OperatorRoleSchema,
  })
  .strict();
export type CreateOperator = z.infer<typeof CreateOperatorSchema>;

/** Another API key for an operator (self-service; admins for anyone); without an expiry it works until revoked. */
export const CreateApiKeySchema = z
  .object({
    name: z.string().min(1, 'must not be empty').max(200),
    expiresInDays: z
      .number()
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(3650, 'must be at most 3650 days')
      .optional()
      .describe('The key stops working this many days after creation (none: until revoked)'),
  })
  .strict();
export type CreateApiKey = z.infer<typeof CreateApiKeySchema>;

export const ApiKeyListQuerySchema = z
  .object({
    operatorId: z.uuid().optional().describe('Only this operator’s keys (admins; others see their own)'),
  })
  .strict();
export type ApiKeyListQuery = z.infer<typeof ApiKeyListQuerySchema>;

/** GET /v1/sessions: dashboard sessions, newest first (docs/dashboard.md, "Sessions"). */
export const DashboardSessionListQuerySchema = z
  .object({
    operatorId: z.uuid().optional().describe('Only this operator’s sessions (admins; others see their own)'),
    state: z
      .enum(['active', 'all'])
      .default('active')
      .describe('`active`: sessions that still work (default); `all`: ended ones too'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type DashboardSessionListQuery = z.infer<typeof DashboardSessionListQuerySchema>;

// ── audit ────────────────────────────────────────────────────────────────────────────────────────

/** Who made an audited change: an operator, a robot, or the system itself (e.g. the autopilot). */
export const AUDIT_ACTOR_TYPES = ['operator', 'robot', 'system'] as const;

export const AuditQuerySchema = z
  .object({
    action: z.string().max(100).optional(),
    targetType: z.string().max(100).optional(),
    targetId: z.string().max(100).optional(),
    actorId: z.string().max(100).optional(),
    actorType: z.enum(AUDIT_ACTOR_TYPES).optional(),
    since: isoDateTime.optional(),
    until: isoDateTime.optional(),
    cursor: z
      .string()
      .regex(/^\d{1,18}$/, 'must be a cursor returned by a previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

// ── telemetry reads ──────────────────────────────────────────────────────────────────────────────

/** At most this many buckets per series (a wider range needs wider buckets). */
export const MAX_SERIES_BUCKETS = 2000;

export const SeriesQuerySchema = z
  .object({
    from: isoDateTime.optional().describe('Default: an hour before `to`'),
    to: isoDateTime.optional().describe('Default: now'),
    bucketSeconds: z.coerce.number().int().min(10).max(86_400).default(60),
    groupId: z.uuid().optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    const to = query.to ? Date.parse(query.to) : Date.now();
    const from = query.from ? Date.parse(query.from) : to - 3_600_000;
    if (from >= to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be before to' });
    if ((to - from) / 1000 / query.bucketSeconds > MAX_SERIES_BUCKETS) {
      ctx.addIssue({
        code: 'custom',
        path: ['bucketSeconds'],
        message: `gives more than ${MAX_SERIES_BUCKETS} buckets; widen it`,
      });
    }
  });
export type SeriesQuery = z.infer<typeof SeriesQuerySchema>;

/** Records per page of `GET /v1/telemetry/export` (the default and the most). */
export const TELEMETRY_EXPORT_PAGE = { default: 1000, max: 5000 } as const;

/**
 * `GET /v1/telemetry/export`: raw telemetry records of one robot, a group, or the fleet, with windows
 * starting in [since, until), ordered by (robot, seq) and paged by the cursor of the previous page.
 */
export const TelemetryExportQuerySchema = z
  .object({
    robotId: z.uuid({ error: 'must be a robot id' }).optional(),
    groupId: z.uuid({ error: 'must be a group id' }).optional(),
    since: isoDateTime.describe('Windows starting at or after this instant'),
    until: isoDateTime.optional().describe('Windows starting before this instant (default: now)'),
    cursor: z
      .string()
      .regex(/^[0-9a-f-]{36}:\d{1,18}$/, 'must be a cursor returned by a previous page')
      .optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(TELEMETRY_EXPORT_PAGE.max)
      .default(TELEMETRY_EXPORT_PAGE.default),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.robotId && query.groupId) {
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'give robotId or groupId, not both' });
    }
    if (query.until && Date.parse(query.until) <= Date.parse(query.since)) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be after since' });
    }
  });
export type TelemetryExportQuery = z.infer<typeof TelemetryExportQuerySchema>;

/** A window of telemetry to look back over, in minutes (5 minutes to a week); 60 by default. */
export const WINDOW_MINUTES = { min: 5, max: 7 * 24 * 60, default: 60 } as const;
const windowMinutes = z
  .number()
  .int()
  .min(WINDOW_MINUTES.min)
  .max(WINDOW_MINUTES.max)
  .default(WINDOW_MINUTES.default);
const windowMinutesQuery = z.coerce
  .number()
  .int()
  .min(WINDOW_MINUTES.min)
  .max(WINDOW_MINUTES.max)
  .default(WINDOW_MINUTES.default);

/** A service life of five years: the default flash-life target of the overview. */
export const DEFAULT_FLASH_LIFE_TARGET_DAYS = 5 * 365;

export const FleetSummaryQuerySchema = z
  .object({
    groupId: z.uuid().optional(),
    windowMinutes: windowMinutesQuery,
    lifeTargetDays: z.coerce
      .number()
      .min(1)
      .max(100 * 365)
      .default(DEFAULT_FLASH_LIFE_TARGET_DAYS)
      .describe('projected flash life below this counts as below target (default: a 5-year service life)'),
  })
  .strict();
export type FleetSummaryQuery = z.infer<typeof FleetSummaryQuerySchema>;

// ── rollouts ─────────────────────────────────────────────────────────────────────────────────────

export const CreateRolloutSchema = z
  .object({ name: z.string().min(1, 'must not be empty').max(200), spec: RolloutSpecSchema })
  .strict();
export type CreateRollout = z.infer<typeof CreateRolloutSchema>;

/** Every rollout verb carries the operator's reason (audited). */
export const RolloutVerbRequestSchema = z
  .object({ reason: z.string().min(1, 'is required: say why').max(2000, 'must be at most 2000 characters') })
  .strict();
export type RolloutVerbRequest = z.infer<typeof RolloutVerbRequestSchema>;

export const PreviewSpecRequestSchema = z
  .object({ spec: RolloutSpecSchema, windowMinutes: windowMinutes })
  .strict();
export const PreviewRolloutRequestSchema = z.object({ windowMinutes: windowMinutes }).strict();

/** Rollouts newest first, paged (200 a page unless `limit` says otherwise). */
export const RolloutListQuerySchema = z
  .object({ status: z.enum(ROLLOUT_STATUSES).optional(), ...page(200, 200) })
  .strict();
export type RolloutListQuery = z.infer<typeof RolloutListQuerySchema>;

export const CountTargetsRequestSchema = z.object({ target: RolloutSpecSchema.shape.target }).strict();

export const RolloutMembersQuerySchema = z
  .object({
    step: z.coerce.number().int().min(0).max(19).optional(),
    state: z.enum(ROLLOUT_ROBOT_STATES).optional(),
    ...page(500, 100),
  })
  .strict();
export type RolloutMembersQuery = z.infer<typeof RolloutMembersQuerySchema>;
