import { parseIsoDateTime, type TelemetryBatch, TelemetryBatchSchema } from '@aura/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { z } from 'zod';

/**
 * A compiled validator of the telemetry batch contract, for the ingest path's hot loop: interpreting
 * the zod schema costs far more CPU per record than running code generated once from it.
 *
 * - The JSON Schema is generated from the contract's zod schema (`TelemetryBatchSchema`, the one the
 *   OpenAPI document shows), so types, ranges, required and unknown fields, date-time and UUID
 *   patterns cannot drift from it; ajv (the validator Fastify itself uses) compiles it.
 * - What JSON Schema cannot say — the zod schema's cross-field refinements — is reproduced below
 *   (`refinementsHold`, same comparisons as `TelemetryRecordSchema`'s superRefine).
 *
 * It only decides valid or not. A batch it accepts is handed on as is (the contract has no defaults
 * or transforms); anything else goes through zod, whose issues name each bad field in the 400. A test
 * (telemetry-batch-validator.test.ts) runs both over a generated corpus and asserts they agree.
 */
const jsonSchema = z.toJSONSchema(TelemetryBatchSchema, { io: 'input', unrepresentable: 'throw' });

// Formats are not checked by ajv: zod's own regular expressions for them are in the schema as
// `pattern`s (zod's iso.datetime and uuid checks are those expressions).
const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: false });
const compiled = ajv.compile<TelemetryBatch>(jsonSchema);

/** The cross-field rules of TelemetryRecordSchema (its superRefine), for a record of valid shape. */
function refinementsHold(record: TelemetryBatch['records'][number]): boolean {
  return (
    record.writes <= record.steps &&
    !(parseIsoDateTime(record.windowEnd) < parseIsoDateTime(record.windowStart)) &&
    record.episodes.succeeded <= record.episodes.completed
  );
}

/** True when `TelemetryBatchSchema` accepts `value`, decided by compiled code. */
export function isValidTelemetryBatch(value: unknown): value is TelemetryBatch {
  if (!compiled(value)) return false;
  for (const record of value.records) if (!refinementsHold(record)) return false;
  return true;
}
