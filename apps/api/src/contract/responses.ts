import { ROLLOUT_ROBOT_STATES, ROLLOUT_STATUSES } from '@aura/core';
import { z } from 'zod';

/**
 * Response shapes of the operator API, as documented in the OpenAPI spec (and so in the generated
 * client). Dates travel as ISO-8601 strings.
 */
const id = z.uuid();
const date = z.iso.datetime({ offset: true });
const persistMode = z.enum(['none', 'snapshot', 'delta-log']).nullable();

export const MeSchema = z.object({
  operatorId: id,
  name: z.string(),
  role: z.enum(['viewer', 'operator', 'admin']),
  apiKeyId: id,
});

export const EnrollmentTokenSchema = z.object({
  id,
  name: z.string(),
  prefix: z.string(),
  expiresAt: date,
  maxUses: z.number().int(),
  uses: z.number().int(),
  groupId: id.nullable(),
  tags: z.array(z.string()),
  createdAt: date,
  revokedAt: date.nullable(),
});
export const CreatedEnrollmentTokenSchema = EnrollmentTokenSchema.extend({
  token: z.string().describe('The token itself; shown once, only its hash is stored'),
});
export const EnrollmentTokenListSchema = z.object({ items: z.array(EnrollmentTokenSchema) });

export const PolicyVersionSchema = z.object({
  id,
  policyId: id,
  version: z.number().int(),
  tau: z.number(),
  persistMode,
  notes: z.string().nullable(),
  createdById: id.nullable(),
  createdAt: date,
});
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

export const RobotSchema = z.object({
  id,
  name: z.string(),
  tags: z.array(z.string()),
  hardware: z.record(z.string(), z.unknown()).nullable(),
  enrolledAt: date,
  lastSeenAt: date.nullable(),
  status: z.enum(['online', 'offline']),
  desiredPolicyVersionId: id.nullable(),
  desiredConfigVersion: z.number().int(),
  desiredRolloutId: id.nullable(),
  appliedPolicyVersionId: id.nullable(),
  appliedConfigVersion: z.number().int(),
  appliedAt: date.nullable(),
  lastSeq: z.number().int(),
  latestTelemetry: z.record(z.string(), z.unknown()).nullable(),
  groups: z.array(z.object({ id, name: z.string() })),
});
export const RobotListSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(RobotSchema),
});
export const RobotDetailSchema = RobotSchema.extend({
  configs: z.array(
    z.object({
      robotId: id,
      version: z.number().int(),
      policyVersionId: id,
      rolloutId: id.nullable(),
      issuedAt: date,
      deliveredAt: date.nullable(),
      ackedAt: date.nullable(),
      ackStatus: z.enum(['applied', 'rejected']).nullable(),
      ackReason: z.string().nullable(),
    }),
  ),
});
export const RobotRolloutHistorySchema = z.object({
  items: z.array(
    z.object({
      rolloutId: id,
      name: z.string(),
      status: z.enum(ROLLOUT_STATUSES),
      policyVersion: z.object({ id, version: z.number().int(), tau: z.number(), policyName: z.string() }),
      stepIndex: z.number().int().describe('The rollout step (cohort) this robot belongs to'),
      state: z.enum(ROLLOUT_ROBOT_STATES),
      stateReason: z.string().nullable(),
      active: z.boolean().describe('False once the rollout has ended'),
      issuedAt: date.nullable().describe('When the rollout first issued this robot a config'),
      ackedAt: date.nullable().describe('When the robot last acknowledged a config of this rollout'),
      updatedAt: date.describe('Last change of the per-robot state'),
      rolloutStartedAt: date.nullable(),
      rolloutEndedAt: date.nullable(),
    }),
  ),
});
export const GroupSchema = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  createdAt: date,
});
export const GroupListSchema = z.object({
  items: z.array(GroupSchema.extend({ robotCount: z.number().int() })),
});
export const GroupMembersResultSchema = z.object({ groupId: id, robotCount: z.number().int() });

export const SeriesPointSchema = z.object({
  bucket: date,
  robots: z.number().int(),
  steps: z.number(),
  writes: z.number(),
  writesPerStep: z.number().nullable(),
  writeRatePerSecond: z.number(),
  tau: z.number().nullable(),
  flashBytes: z.number(),
  maxWearFraction: z.number(),
  avgWearFraction: z.number(),
  maxDeviceWear: z.number().nullable(),
  episodesCompleted: z.number(),
  successRate: z.number().nullable(),
  latencyP50Us: z.number().nullable(),
  latencyP99Us: z.number().nullable(),
});
export const SeriesSchema = z.object({
  robotId: id.optional(),
  groupId: id.nullable().optional(),
  from: date,
  to: date,
  bucketSeconds: z.number().int(),
  points: z.array(SeriesPointSchema),
});

export const AuditEventSchema = z.object({
  id: z.string().describe('Monotonic id (a decimal string)'),
  at: date,
  actorType: z.enum(['operator', 'robot', 'system']),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});
export const AuditListSchema = z.object({
  items: z.array(AuditEventSchema),
  nextCursor: z.string().optional().describe('Pass as `cursor` for the next (older) page'),
});

export const OperatorSchema = z.object({
  id,
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(['viewer', 'operator', 'admin']),
  createdAt: date,
  disabledAt: date.nullable(),
});
export const CreatedOperatorSchema = z.object({
  operator: OperatorSchema,
  apiKey: z.object({ id, name: z.string(), prefix: z.string(), token: z.string().describe('Shown once') }),
});
export const OperatorListSchema = z.object({
  items: z.array(
    OperatorSchema.extend({
      apiKeys: z.array(
        z.object({
          id,
          name: z.string(),
          prefix: z.string(),
          createdAt: date,
          lastUsedAt: date.nullable(),
          revokedAt: date.nullable(),
        }),
      ),
    }),
  ),
});
export const RevokedKeySchema = z.object({ id, revokedAt: date.nullable() });
export const ConfigAckResultSchema = z.object({
  version: z.number().int(),
  status: z.enum(['applied', 'rejected']),
});

const dependency = z.union([
  z.object({ status: z.literal('up'), latencyMs: z.number() }),
  z.object({ status: z.literal('down'), error: z.string() }),
]);
export const HealthReportSchema = z.object({
  status: z.enum(['ok', 'error']),
  checks: z.object({ database: dependency, redis: dependency }),
});

export const RolloutSchema = z.object({
  id,
  name: z.string(),
  policyVersionId: id,
  status: z.enum(ROLLOUT_STATUSES),
  spec: z.record(z.string(), z.unknown()),
  currentStep: z.number().int(),
  stepStartedAt: date.nullable(),
  evaluateAfter: date.nullable(),
  revision: z.number().int(),
  statusReason: z.string().nullable(),
  createdById: id.nullable(),
  createdAt: date,
  startedAt: date.nullable(),
  endedAt: date.nullable(),
});
export const RolloutListSchema = z.object({ items: z.array(RolloutSchema) });
export const RolloutVerdictSchema = z.object({
  id: z.string(),
  rolloutId: id,
  stepIndex: z.number().int(),
  result: z.enum(['pass', 'fail', 'inconclusive']),
  comparison: z.enum(['control', 'baseline']),
  reason: z.string(),
  numbers: z.record(z.string(), z.unknown()),
  createdAt: date,
});
export const RolloutDetailSchema = RolloutSchema.extend({
  steps: z.array(
    z.object({
      index: z.number().int(),
      percent: z.number().int(),
      bakeSeconds: z.number().int(),
      robots: z.record(z.string(), z.number().int()).describe('Robots of this step by assignment state'),
    }),
  ),
  verdicts: z.array(RolloutVerdictSchema),
  revert: z.object({ reverted: z.number().int(), confirmed: z.number().int() }),
});

const nullableNumber = z.number().nullable();
export const RolloutPreviewSchema = z.object({
  targets: z.number().int(),
  policyVersion: z.object({ id, tau: z.number() }),
  model: z.object({ version: z.string(), task: z.string(), writeRateAtNewTau: z.number() }),
  windowMinutes: z.number().int(),
  cohortsProvisional: z
    .boolean()
    .describe('True for a spec not yet created: real cohorts depend on the rollout id'),
  lifeTargetDays: z.number(),
  cohorts: z.array(
    z.object({
      step: z.number().int(),
      percent: z.number().int(),
      robots: z.number().int(),
      withData: z.number().int(),
      currentWritesPerStep: nullableNumber,
      predictedWritesPerStep: nullableNumber,
      medianProjectedLifeDays: nullableNumber.describe('null = unbounded (no wear growth seen)'),
      minProjectedLifeDays: nullableNumber,
      belowTarget: z.number().int(),
    }),
  ),
  robotsWithoutData: z.number().int(),
  robotsBelowTarget: z.array(
    z.object({
      robotId: id,
      name: z.string(),
      step: z.number().int(),
      currentLifeDays: nullableNumber,
      projectedLifeDays: nullableNumber,
      predictedWritesPerStep: z.number(),
    }),
  ),
});
