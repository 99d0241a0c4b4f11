import { z } from 'zod';
import { ROLLOUT_ROBOT_STATES, ROLLOUT_STATUSES } from '../fleet/rollout-spec.js';
import { ROBOT_STATUSES, RobotTagSchema } from './operator-requests.js';
import { DateTimeSchema, IdSchema } from './operator-responses.js';
import { PolicyVersionLabelSchema } from './policy-responses.js';
import {
  AgentInventorySchema,
  HardwareInfoSchema,
  OutboxCountersSchema,
  TelemetryRecordSchema,
} from './wire-contract.js';

/** Robots, groups and telemetry reads of the operator API. */
const id = IdSchema;
const date = DateTimeSchema;

/** A robot counts as online while it called the API within this window. */
export const ONLINE_WINDOW_MS = 60_000;

/** What the robot's agent last reported about itself (`PUT /v1/agent/report`). */
export const RobotAgentSchema = z.object({
  inventory: AgentInventorySchema,
  outbox: OutboxCountersSchema,
  reportedAt: DateTimeSchema,
});
export type RobotAgent = z.infer<typeof RobotAgentSchema>;

export const RobotSchema = z.object({
  id,
  name: z.string(),
  tags: z.array(RobotTagSchema),
  hardware: HardwareInfoSchema.nullable().describe('As the robot reported it at enrolment'),
  enrolledAt: date,
  lastSeenAt: date.nullable(),
  status: z.enum(ROBOT_STATUSES).describe('online: called the API within the last 60 s'),
  desiredPolicyVersionId: id.nullable(),
  desiredConfigVersion: z.number().int(),
  desiredRolloutId: id.nullable(),
  desiredPolicy: PolicyVersionLabelSchema.nullable().describe('The policy version the robot is told to run'),
  appliedPolicyVersionId: id.nullable(),
  appliedConfigVersion: z.number().int(),
  appliedAt: date.nullable(),
  appliedPolicy: PolicyVersionLabelSchema.nullable().describe(
    'The policy version the robot last acknowledged',
  ),
  lastSeq: z.number().int(),
  latestTelemetry: TelemetryRecordSchema.nullable().describe('Its telemetry record with the highest seq'),
  groups: z.array(z.object({ id, name: z.string() })),
  decommissionedAt: date.nullable().describe('Set once decommissioned: its secret is refused'),
  agent: RobotAgentSchema.nullable().describe(
    'What its agent last reported: software, hardware and outbox counters (null: no report yet, or an agent older than the report)',
  ),
});
export type Robot = z.infer<typeof RobotSchema>;

/** `POST /v1/robots/{id}/rotate-secret`: the robot's new secret, shown once (the old one is refused at once). */
export const RotatedRobotSecretSchema = z.object({
  robotId: id,
  robotSecret: z.string().describe('Shown once; install it as the robot’s credential'),
  rotatedAt: date,
});

export const RobotListSchema = z.object({
  total: z
    .number()
    .int()
    .describe(
      'robots matching the query: exact when totalExact, else the planner’s estimate (over 10,000 matches)',
    ),
  totalExact: z.boolean().describe('false when total is an estimate'),
  limit: z.number().int(),
  offset: z.number().int().describe('the offset asked for (deprecated; 0 when paging by cursor)'),
  items: z.array(RobotSchema),
  nextCursor: z
    .string()
    .optional()
    .describe('Pass as `cursor` (same sort and order) for the next page; absent on the last page'),
});

export const RobotConfigSchema = z.object({
  robotId: id,
  version: z.number().int(),
  policyVersionId: id,
  rolloutId: id.nullable(),
  issuedAt: date,
  deliveredAt: date.nullable(),
  ackedAt: date.nullable(),
  ackStatus: z.enum(['applied', 'rejected']).nullable(),
  ackReason: z.string().nullable(),
  policyVersion: PolicyVersionLabelSchema,
});
export const RobotDetailSchema = RobotSchema.extend({ configs: z.array(RobotConfigSchema) });

export const RobotRolloutHistorySchema = z.object({
  items: z.array(
    z.object({
      rolloutId: id,
      name: z.string(),
      status: z.enum(ROLLOUT_STATUSES),
      policyVersion: PolicyVersionLabelSchema,
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
  latencyP50Us: z
    .number()
    .nullable()
    .describe(
      "µs; the median of the bucket's windows' p50 step latency, except a fleet or group series with bucketSeconds a multiple of 300, read from the rollup: there the mean of those p50s (docs/api.md, Fleet series)",
    ),
  latencyP99Us: z.number().nullable().describe("µs; the maximum of the bucket's windows' p99 step latency"),
});
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;
export const SeriesSchema = z.object({
  robotId: id.optional(),
  groupId: id.nullable().optional(),
  from: date,
  to: date,
  bucketSeconds: z.number().int(),
  points: z.array(SeriesPointSchema),
});

/** One stored telemetry window, flat (one column each), as `GET /v1/telemetry/export` returns it. */
export const TelemetryExportRecordSchema = z.object({
  robotId: id,
  seq: z.number().int(),
  windowStart: date,
  windowEnd: date,
  steps: z.number().int(),
  writes: z.number().int(),
  tau: z.number(),
  policyVersionId: id.nullable().describe('null: unknown (before the robot’s first config, or an old agent)'),
  stateBytes: z.number().int(),
  kvEquivalentBytes: z.number().int(),
  flashBytesWritten: z.number().int(),
  wearFraction: z.number(),
  deviceWearSource: z.string().nullable(),
  deviceWearValue: z.number().nullable(),
  episodesCompleted: z.number().int(),
  episodesSucceeded: z.number().int(),
  latencyP50Us: z.number(),
  latencyP99Us: z.number(),
  receivedAt: date,
});
export type TelemetryExportRecord = z.infer<typeof TelemetryExportRecordSchema>;
/** The columns of an export, in order (the CSV header). */
export const TELEMETRY_EXPORT_COLUMNS = Object.keys(
  TelemetryExportRecordSchema.shape,
) as (keyof TelemetryExportRecord)[];
export const TelemetryExportPageSchema = z.object({
  items: z.array(TelemetryExportRecordSchema),
  nextCursor: z.string().optional().describe('Pass as `cursor` for the next page; absent on the last'),
});

const days = z.number().nullable().describe('days; null = unbounded (no wear growth seen in the window)');

/** `GET /v1/fleet/summary`: the numbers of the dashboard's overview, computed over the whole fleet. */
export const FleetSummarySchema = z.object({
  groupId: id.nullable(),
  at: date,
  windowMinutes: z.number().int(),
  robots: z.object({
    total: z.number().int(),
    online: z.number().int().describe('seen in the last 60 s'),
    offline: z.number().int(),
    reporting: z.number().int().describe('robots with telemetry in the window'),
  }),
  window: z.object({
    steps: z.number(),
    writes: z.number(),
    writesPerStep: z.number().nullable(),
    writesPerHour: z.number(),
    flashBytes: z.number(),
  }),
  memory: z.object({
    stateBytesPerRobot: z.number().int().describe('AURA-Mem state, constant: 4,224 B'),
    maxKvEquivalentBytes: z
      .number()
      .describe("what a same-dimension KV-cache would hold at the longest-running robot's step count"),
  }),
  flashLife: z.object({
    lifeTargetDays: z.number(),
    medianDays: days,
    worstDays: days,
    belowTarget: z.number().int().describe('reporting robots whose projected flash life is below the target'),
    worst: z
      .array(z.object({ robotId: id, name: z.string(), projectedLifeDays: z.number() }))
      .describe('up to 5 robots with the shortest finite projected life'),
  }),
  wear: z.object({
    medianFraction: z
      .number()
      .nullable()
      .describe('estimated fraction of rated endurance used, latest report'),
    worstFraction: z.number().nullable(),
    worstDeviceFraction: z
      .number()
      .nullable()
      .describe(
        'highest wear a device reported itself (eMMC life_time, NVMe percentage used), as a fraction',
      ),
  }),
});
export type FleetSummary = z.infer<typeof FleetSummarySchema>;
