// @aura/testing: what every test tier and benchmark needs to stand up the real thing and clean it up.

export { confirmInDialog, signIn } from './browser.js';
export { buildDashboard } from './build-dashboard.js';

export { uniqueName } from './fixtures/names.js';
export { enrollRobot, SimRobot } from './fixtures/robots.js';
export { createPolicyVersion, createRollout, rolloutSpec } from './fixtures/rollouts.js';
export { type TelemetryWindow, telemetryRecord } from './fixtures/telemetry.js';
export {
  type ApiRequest,
  type ApiResponse,
  type ApiTransport,
  expectStatus,
  httpTransport,
} from './fixtures/transport.js';
export { freePort, sleep } from './ports.js';
export { type ProcessOptions, type Readiness, TestProcess, tsxCommand } from './processes.js';
export {
  haveRedisCluster,
  type RedisCluster,
  type RedisServer,
  startRedisCluster,
  startRedisServer,
} from './redis-cluster.js';
export {
  checkServices,
  createRunResources,
  createTestDatabase,
  dropDatabase,
  migrate,
  type RunResources,
  removeRedisKeys,
  runId,
  type TestDatabase,
  testDatabaseServerUrl,
  testRedisUrl,
} from './resources.js';
export { runCommand } from './run-command.js';
export {
  CHROMIUM,
  createAdminKey,
  createOperatorKey,
  launchChromium,
  type RunningService,
  SCREENSHOTS,
  type ServiceEnv,
  type Stack,
  type StackOptions,
  startApi,
  startDashboard,
  startStack,
  startWorker,
  WORKSPACE_ROOT,
} from './stack.js';
export { TcpProxy } from './tcp-proxy.js';
