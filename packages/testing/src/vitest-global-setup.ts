import type { TestProject } from 'vitest/node';
import { createRunResources } from './resources.js';
import './vitest-context.js';

/**
 * vitest globalSetup of the integration and browser projects: the run gets its own freshly migrated
 * PostgreSQL database `aura_test_<run id>` and Redis key prefix `aura-test-<run id>`, provided to the
 * tests as `databaseUrl`, `redisUrl`, `redisPrefix`, and removed afterwards. The servers come from
 * TEST_DATABASE_SERVER_URL / REDIS_URL (default localhost).
 */
export default async function setup(project: TestProject) {
  const run = await createRunResources('aura_test');
  project.provide('databaseUrl', run.databaseUrl);
  project.provide('redisUrl', run.redisUrl);
  project.provide('redisPrefix', run.redisPrefix);
  return () => run.remove();
}
