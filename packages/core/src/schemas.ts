/**
 * Entry point `@aura/core/schemas`: the contract schemas only (zod, no Node built-ins, no ONNX), for
 * code that runs in a browser — the dashboard's forms validate inline with the API's own schemas.
 */

export * from './contract/alert-responses.js';
export * from './contract/alert-rules.js';
export * from './contract/autopilot-requests.js';
export * from './contract/autopilot-responses.js';
export * from './contract/autopilot-settings.js';
export * from './contract/config-etag.js';
export * from './contract/error-envelope.js';
export * from './contract/operator-requests.js';
export * from './contract/operator-responses.js';
export * from './contract/operator-roles.js';
export * from './contract/policy-responses.js';
export * from './contract/policy-settings.js';
export * from './contract/robot-responses.js';
export * from './contract/rollout-responses.js';
export * from './contract/signing-keys.js';
export * from './contract/tau.js';
export * from './contract/wire-contract.js';
export * from './fleet/rollout-spec.js';
