import { runServiceEnv } from '@aura/testing/vitest';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';

/** Configuration pointing at this run's own database and Redis prefix (see @aura/testing's global setup). */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    ...runServiceEnv(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HEALTH_CHECK_TIMEOUT_MS: '1000',
    // the run's database holds one development signing key that every test process shares
    CONFIG_SIGNING_DEV_KEYS: 'true',
    ...overrides,
  });
}
