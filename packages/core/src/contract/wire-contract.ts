import { z } from 'zod';
import { TauSchema } from './tau.js';

/**
 * The agent ↔ API wire contract, version v1 (DESIGN.md §5), as zod schemas shared by the API (which
 * validates), the agent (which produces) and the dashboard. Every object refuses unknown fields.
 */

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Config and key-set versions are 32-bit in the database; a larger one can never have been issued. */
export const MAX_CONFIG_VERSION = 2_147_483_647;
const count = (max = MAX_SAFE) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be ≥ 0')
    .max(max, `must be ≤ ${max}`);
const fraction = z.number({ error: 'must be a number' }).min(0, 'must be ≥ 0').max(1, 'must be ≤ 1');
const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone' });
const label = (max: number) =>
  z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const SECRET_MAX_LENGTH = 200;

/** The kinds of flash storage a robot can report (the device profile's `kind`). */
export const FLASH_KINDS = ['emmc', 'nvme', 'sd', 'ssd', 'other'] as const;
export type FlashKind = (typeof FLASH_KINDS)[number];

export const HardwareInfoSchema = z
  .object({
    model: label(200).optional(),
    storage: z.enum(FLASH_KINDS).optional(),
    storageCapacityBytes: count().optional(),
    agentVersion: label(50).optional(),
  })
  .strict();
export type HardwareInfo = z.infer<typeof HardwareInfoSchema>;

export const EnrollRequestSchema = z
  .object({
    enrollmentToken: label(SECRET_MAX_LENGTH),
    name: label(200).optional(),
    hardware: HardwareInfoSchema.optional(),
  })
  .strict();
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const ConfigKeySchema = z.object({ keyId: label(100), publicKey: label(2000) }).strict();
export type ConfigKey = z.infer<typeof ConfigKeySchema>;

export const EnrollResponseSchema = z
  .object({ robotId: z.uuid(), robotSecret: label(SECRET_MAX_LENGTH), configKeys: z.array(ConfigKeySchema) })
  .strict();
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

/** How the agent persists its memory state (DESIGN.md §4). */
export const PERSIST_MODES = ['none', 'snapshot', 'delta-log'] as const;
export const PersistModeSchema = z.enum(PERSIST_MODES);
export type PersistMode = z.infer<typeof PersistModeSchema>;

export const DeviceWearSchema = z
  .object({
    /** Where the measurement came from, e.g. `emmc.life_time_b`, `nvme.percentage_used`. */
    source: label(100),
    /** Fraction of rated endurance used (may exceed 1 for NVMe, capped at 2.55). */
    value: z.number({ error: 'must be a number' }).min(0, 'must be ≥ 0').max(2.55, 'must be ≤ 2.55'),
  })
  .strict();

export const TelemetryRecordSchema = z
  .object({
    seq: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be a positive integer')
      .max(MAX_SAFE, 'must be a safe integer'),
    windowStart: isoDateTime,
    windowEnd: isoDateTime,
    steps: count(1_000_000_000),
    writes: count(1_000_000_000),
    tau: TauSchema,
    policyVersionId: z
      .uuid({ error: 'must be the id of a policy version (a UUID)' })
      .optional()
      .describe(
        'The policy version the robot ran in this window (its applied config’s policyVersionId); omitted before its first config',
      ),
    policyVersion: label(100)
      .optional()
      .meta({ deprecated: true })
      .describe(
        'Deprecated, accepted until the next release: what agents before policyVersionId sent. A UUID here counts as policyVersionId; anything else as unknown',
      ),
    stateBytes: count(1_000_000_000),
    kvEquivalentBytes: count(),
    flashBytesWritten: count(),
    wearFraction: fraction,
    deviceWear: DeviceWearSchema.optional(),
    /** The persistence mode the agent runs with (a config's mode takes effect at its next start). */
    persistMode: PersistModeSchema.optional(),
    episodes: z.object({ completed: count(1_000_000_000), succeeded: count(1_000_000_000) }).strict(),
    stepLatencyUs: z
      .object({
        p50: z.number().min(0, 'must be ≥ 0').max(1e9),
        p99: z.number().min(0, 'must be ≥ 0').max(1e9),
      })
      .strict(),
  })
  .strict()
  .superRefine((record, ctx) => {
    if (record.writes > record.steps) {
      ctx.addIssue({ code: 'custom', path: ['writes'], message: 'must be ≤ steps' });
    }
    if (Date.parse(record.windowEnd) < Date.parse(record.windowStart)) {
      ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'must not be before windowStart' });
    }
    if (record.episodes.succeeded > record.episodes.completed) {
      ctx.addIssue({
        code: 'custom',
        path: ['episodes', 'succeeded'],
        message: 'must be ≤ episodes.completed',
      });
    }
  });
export type TelemetryRecord = z.infer<typeof TelemetryRecordSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The policy version a record names: `policyVersionId`, else the deprecated `policyVersion` of
 * older agents when it holds a UUID (what they sent once configured), else null (unknown).
 */
export function telemetryPolicyVersionId(record: Pick<TelemetryRecord, 'policyVersionId' | 'policyVersion'>) {
  if (record.policyVersionId) return record.policyVersionId;
  return record.policyVersion && UUID.test(record.policyVersion) ? record.policyVersion.toLowerCase() : null;
}

export const MAX_TELEMETRY_BATCH = 500;

export const TelemetryBatchSchema = z
  .object({
    records: z
      .array(TelemetryRecordSchema)
      .min(1, 'must hold at least one record')
      .max(MAX_TELEMETRY_BATCH, `must hold at most ${MAX_TELEMETRY_BATCH} records`),
  })
  .strict();
export type TelemetryBatch = z.infer<typeof TelemetryBatchSchema>;

export const TelemetryBatchResponseSchema = z
  .object({ accepted: count(), duplicates: count(), lastSeq: count() })
  .strict();
export type TelemetryBatchResponse = z.infer<typeof TelemetryBatchResponseSchema>;

/**
 * A version of the fleet's config-signing key set (docs/api.md, "Signing-key rotation"). Robots
 * trust the keys of the newest set they accepted; a set is accepted only when a key the robot
 * already trusts signed it (a rotation chain), and `revoked` key ids are never trusted again.
 */
export const ConfigKeySetSchema = z
  .object({
    version: z.number({ error: 'must be a number' }).int().min(1).max(MAX_CONFIG_VERSION),
    /** The keys robots trust once they hold this set. */
    keys: z.array(ConfigKeySchema).min(1, 'must list at least one key').max(20),
    /** Key ids never to trust again (leaked keys), accumulated over every version. */
    revoked: z.array(label(100)).max(1000),
    issuedAt: isoDateTime,
    /** Ed25519 signatures over the canonical JSON of every other field, by the keys named. */
    signatures: z
      .array(z.object({ keyId: label(100), signature: label(200) }).strict())
      .min(1, 'must carry at least one signature')
      .max(20),
  })
  .strict();
export type ConfigKeySet = z.infer<typeof ConfigKeySetSchema>;
export type UnsignedConfigKeySet = Omit<ConfigKeySet, 'signatures'>;

/**
 * Request header of `GET /v1/agent/config`: the version of the key set the robot trusts (0 = the keys
 * it was enrolled or provisioned with). An agent that sends it gets `keyUpdates` in the envelope when
 * the fleet's key set is newer; one that does not (older agents) never does.
 */
export const KEY_SET_VERSION_HEADER = 'x-aura-key-set-version';

/** What a robot runs, as its agent reports it (`PUT /v1/agent/report`; backward-compatible addition to v1). */
export const AgentInventorySchema = z
  .object({
    agentVersion: label(50),
    model: z
      .object({
        /** the model's `aura.version` metadata */
        name: label(200).optional(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256'),
        executionProviders: z.array(label(50)).max(10),
      })
      .strict(),
    onnxruntimeVersion: label(50),
    nodeVersion: label(50),
    os: z
      .object({ platform: label(50), release: label(200), arch: label(50), distro: label(200).optional() })
      .strict(),
    /** the flash device holding the agent's state, and its rated endurance from the robot's profile */
    flash: z
      .object({
        /** kernel name, e.g. `mmcblk0` */
        device: label(200).optional(),
        model: label(200).optional(),
        kind: z.enum(FLASH_KINDS).optional(),
        capacityBytes: count().optional(),
        ratedPeCycles: count().optional(),
        tbwBytes: count().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type AgentInventory = z.infer<typeof AgentInventorySchema>;

/** The agent's outbox counters: records waiting, and records it could not deliver (ever). */
export const OutboxCountersSchema = z
  .object({
    pending: count(),
    /** lost: the outbox bound was exceeded, a log entry was corrupt, or the quarantine file was full */
    dropped: count(),
    /** refused by the API for good (400/413) and kept aside on the robot */
    quarantined: count(),
  })
  .strict();
export type OutboxCounters = z.infer<typeof OutboxCountersSchema>;

/** `PUT /v1/agent/report`: sent at start and whenever either part changes. */
export const AgentReportSchema = z
  .object({ inventory: AgentInventorySchema, outbox: OutboxCountersSchema })
  .strict();
export type AgentReport = z.infer<typeof AgentReportSchema>;

export const AgentReportResultSchema = z.object({ reportedAt: isoDateTime }).strict();
export type AgentReportResult = z.infer<typeof AgentReportResultSchema>;

/** The fields a signature covers. */
export const UnsignedConfigEnvelopeSchema = z
  .object({
    robotId: z.uuid(),
    policyVersionId: z.uuid(),
    version: z.number().int().min(1).max(MAX_CONFIG_VERSION),
    tau: TauSchema,
    persistMode: PersistModeSchema.optional(),
    issuedAt: isoDateTime,
    rolloutId: z.uuid().optional(),
    keyId: label(100),
    /**
     * The key-set versions after the one the robot reported (KEY_SET_VERSION_HEADER), oldest first:
     * apply them (each verified by the keys trusted before it) before checking this envelope.
     */
    keyUpdates: z.array(ConfigKeySetSchema).max(100).optional(),
  })
  .strict();
export type UnsignedConfigEnvelope = z.infer<typeof UnsignedConfigEnvelopeSchema>;

export const ConfigEnvelopeSchema = UnsignedConfigEnvelopeSchema.extend({ signature: label(200) }).strict();
export type ConfigEnvelope = z.infer<typeof ConfigEnvelopeSchema>;

export const ConfigAckSchema = z
  .object({
    version: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be ≥ 1')
      .max(MAX_CONFIG_VERSION, `must be ≤ ${MAX_CONFIG_VERSION}`),
    status: z.enum(['applied', 'rejected']),
    reason: z.string().max(1000, 'must be at most 1000 characters').optional(),
  })
  .strict()
  .superRefine((ack, ctx) => {
    if (ack.status === 'rejected' && !ack.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when status is "rejected"' });
    }
  });
export type ConfigAck = z.infer<typeof ConfigAckSchema>;

export const ConfigAckResultSchema = z.object({
  version: z.number().int(),
  status: z.enum(['applied', 'rejected']),
});

/** The longest a robot may ask `GET /v1/agent/config` to wait for a change (long-poll), in seconds. */
export const MAX_CONFIG_WAIT_SECONDS = 30;

export const ConfigPollQuerySchema = z
  .object({
    wait: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(0, 'must be ≥ 0')
      .max(MAX_CONFIG_WAIT_SECONDS, `must be ≤ ${MAX_CONFIG_WAIT_SECONDS}`)
      .default(0),
  })
  .strict();

/** Flattens zod issues into `{path, message}` pairs with dotted/indexed paths (`records[3].writes`). */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part, index) =>
        typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
      )
      .join('');
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field(s): ${issue.keys.join(', ')}`;
    return { path: path || '(body)', message };
  });
}
