/**
 * `@aura/agent/control-plane`: the agent's robot and its link to the API, in process — what a test
 * that spans apps (e2e/agent-api) drives against real API processes: `RobotAgent` (the robot: runtime,
 * outbox, config store), `RobotControlPlane` (enrolment, telemetry upload, config polling and acks),
 * `simCommand` (`aura-agent sim`: a fleet of them) and the config schema they are opened with.
 */
export { RobotAgent } from '../agent/robot-agent.js';
export { simCommand } from '../commands/sim-command.js';
export { type AgentConfig, AgentConfigSchema } from '../config/agent-config.js';
export { RobotControlPlane, type RobotControlPlaneOptions } from './robot-control-plane.js';
