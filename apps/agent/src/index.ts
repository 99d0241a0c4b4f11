/**
 * `@aura/agent` as a library: the same operations the local socket protocol offers, in process
 * ({@link AuraAgent}), and a client of that socket ({@link AgentClient}). docs/agent.md.
 */
export {
  type AgentStatusReport,
  AuraAgent,
  type AuraAgentOptions,
  type HealthProblem,
} from './agent/aura-agent.js';
export {
  AgentClient,
  type AgentDescription,
  AgentRequestError,
  type StepReply,
} from './client/agent-client.js';
export {
  type AgentConfig,
  AgentConfigError,
  AgentConfigSchema,
  loadAgentConfig,
} from './config/agent-config.js';
export { AGENT_VERSION } from './inventory/collect-inventory.js';
export {
  ExecutionProviderError,
  ModelChecksumError,
  ModelContractError,
} from './model/load-aura-model.js';
export type { StepResult } from './runtime/agent-runtime.js';
export { SyntheticTaskEnvironment } from './runtime/environment.js';
export { driveSyntheticRobot, type SyntheticDriver } from './runtime/synthetic-robot.js';
export { MAX_LINE_BYTES, PROTOCOL_VERSION } from './server/protocol.js';
