import { z } from 'zod';

/**
 * The agent ↔ API wire contract, version v1 (DESIGN.md §5), as zod schemas shared by the API (which
 * validates), the agent (which produces) and the dashboard. Every object refuses unknown fields.
 */

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
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

export const HardwareInfoSchema = z
  .object({
    model: label(200).optional(),
    storage: z.enum(['emmc', 'nvme', 'sd', 'ssd', 'other']).optional(),
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
    tau: fraction,
    policyVersion: label(100),
    stateBytes: count(1_000_000_000),
    kvEquivalentBytes: count(),
    flashBytesWritten: count(),
    wearFraction: fraction,
    deviceWear: DeviceWearSchema.optional(),
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

export const PERSIST_MODES = ['none', 'snapshot', 'delta-log'] as const;
export const PersistModeSchema = z.enum(PERSIST_MODES);
export type PersistMode = z.infer<typeof PersistModeSchema>;

/** The fields a signature covers. */
export const UnsignedConfigEnvelopeSchema = z
  .object({
    robotId: z.uuid(),
    policyVersionId: z.uuid(),
    version: z.number().int().min(1).max(MAX_SAFE),
    tau: fraction,
    persistMode: PersistModeSchema.optional(),
    issuedAt: isoDateTime,
    rolloutId: z.uuid().optional(),
    keyId: label(100),
  })
  .strict();
export type UnsignedConfigEnvelope = z.infer<typeof UnsignedConfigEnvelopeSchema>;

export const ConfigEnvelopeSchema = UnsignedConfigEnvelopeSchema.extend({ signature: label(200) }).strict();
export type ConfigEnvelope = z.infer<typeof ConfigEnvelopeSchema>;

export const ConfigAckSchema = z
  .object({
    version: z.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(MAX_SAFE),
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
