/**
 * `@aura/agent/runtime`: the parts of the agent's step loop, in process and without the agent around
 * them (no control plane, outbox or socket) — what `pnpm bench step` times. The agent itself is the
 * `@aura/agent` entry point.
 */
export { Tensor } from 'onnxruntime-node';
export { type AuraModel, createSession, loadAuraModel } from '../model/load-aura-model.js';
export { openStateStore, type StateStore } from '../persistence/state-store.js';
export { AgentRuntime, type AgentRuntimeOptions, type StepResult } from './agent-runtime.js';
export { featuresFromModelMetadata, SyntheticTaskEnvironment } from './environment.js';
