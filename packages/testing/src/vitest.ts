// @aura/testing/vitest: helpers that only work inside a vitest run (they read what global setup provides).
import { inject } from 'vitest';
import type { ServiceEnv } from './stack.js';
import './vitest-context.js';

/** The run's database, Redis and Redis prefix (see vitest-global-setup.ts) as a process environment. */
export function runServiceEnv(): ServiceEnv {
  return {
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: inject('redisPrefix'),
  };
}
