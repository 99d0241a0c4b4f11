/**
 * Entry point `@aura/core/contract`: the wire and operator contract — zod schemas of the agent and
 * operator APIs, policy settings, config-envelope signing and canonical JSON, versions.
 */

export * from './alert-responses.js';
export * from './alert-rules.js';
export * from './autopilot-requests.js';
export * from './autopilot-responses.js';
export * from './autopilot-settings.js';
export { canonicalizeJson } from './canonicalize-json.js';
export {
  checkTelemetryBounds,
  MAX_TELEMETRY_WINDOW_SECONDS,
  type TelemetryBounds,
} from './check-telemetry-bounds.js';
export * from './config-etag.js';
export * from './error-envelope.js';
export * from './operator-requests.js';
export * from './operator-responses.js';
export * from './operator-roles.js';
export { parseIsoDateTime } from './parse-iso-date-time.js';
export * from './policy-responses.js';
export * from './policy-settings.js';
export * from './robot-responses.js';
export * from './rollout-responses.js';
export {
  type EnvelopeVerdict,
  publicConfigKey,
  type SigningKey,
  signConfigEnvelope,
  signingKeyFromBase64,
  signingKeyFromSeed,
  verifyConfigEnvelope,
} from './sign-config-envelope.js';
export {
  advanceTrustedKeys,
  type KeyUpdateOutcome,
  keySetSignedBy,
  publicConfigKeys,
  signConfigKeySet,
  type TrustedKeys,
} from './sign-config-key-set.js';
export {
  signWebhook,
  verifyWebhook,
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type WebhookVerdict,
} from './sign-webhook.js';
export * from './signing-keys.js';
export * from './tau.js';
export { CORE_VERSION, WIRE_CONTRACT_VERSION } from './version.js';
export * from './wire-contract.js';
