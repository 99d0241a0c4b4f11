import { inject } from 'vitest';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';

/** Configuration pointing at this run's own database and Redis prefix (see tooling/vitest/global-setup.ts). */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: inject('redisPrefix'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HEALTH_CHECK_TIMEOUT_MS: '1000',
    ...overrides,
  });
}
