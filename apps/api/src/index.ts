/**
 * `@aura/api` as a library. The API and the worker are processes (`src/main.ts`, `src/worker.ts`); this
 * entry point only gives other workspace code (the benchmarks) the formats it must share with them to
 * stand a fleet up straight in the database: bearer secrets as the API stores them, an entry of
 * CONFIG_SIGNING_KEYS, the compiled validator the telemetry ingest path runs, and the statement it sends
 * to PostgreSQL for an ingest group.
 */
export { hashToken, type IssuedSecret, issueSecret, type SecretKind } from './common/secrets.js';
export { generateSigningKeyEntry } from './config/setting-formats.js';
export {
  type IngestBatch,
  ingestGroupQuery,
} from './modules/telemetry/ingest-group-query.js';
export { isValidTelemetryBatch } from './modules/telemetry/telemetry-batch-validator.js';
