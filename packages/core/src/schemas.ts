/**
 * Entry point `@aura/core/schemas`: the contract schemas only (zod, no Node built-ins, no ONNX), for
 * code that runs in a browser — the dashboard's forms validate inline with the API's own schemas.
 */
export * from './policy-settings.js';
export * from './rollout-spec.js';
export * from './wire-contract.js';
