import path from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// One runner for the whole workspace. Projects:
//  - unit tiers run anywhere, no services;
//  - integration tiers use the machine's real PostgreSQL and Redis, each run in its own freshly
//    migrated database and Redis key prefix (see tooling/vitest/global-setup.ts).
const sourceCondition = {
  resolve: { conditions: ['@aura/source'] },
  ssr: { resolve: { conditions: ['@aura/source'] } },
};

// NestJS relies on decorator metadata, which esbuild does not emit: API tests compile with SWC.
const nestTransform = () =>
  swc.vite({
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'es6' },
  });

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default'] : ['default'],
    projects: [
      {
        ...sourceCondition,
        test: { name: 'core', root: 'packages/core', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
      },
      {
        ...sourceCondition,
        test: { name: 'agent', root: 'apps/agent', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
      },
      {
        ...sourceCondition,
        test: { name: 'tooling', root: '.', include: ['scripts/**/*.test.ts', 'tooling/**/*.test.ts'] },
      },
      {
        ...sourceCondition,
        plugins: [nestTransform()],
        test: { name: 'api-unit', root: 'apps/api', include: ['src/**/*.test.ts'] },
      },
      {
        ...sourceCondition,
        plugins: [nestTransform()],
        test: {
          name: 'api-integration',
          root: 'apps/api',
          include: ['test/**/*.int.test.ts'],
          globalSetup: ['../../tooling/vitest/global-setup.ts'],
          // Files share the run's database and some change fleet-wide state (the default policy).
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...sourceCondition,
        resolve: {
          ...sourceCondition.resolve,
          alias: { '@': path.resolve(import.meta.dirname, 'apps/dashboard/src') },
        },
        test: { name: 'dashboard-unit', root: 'apps/dashboard', include: ['src/**/*.test.ts'] },
      },
      {
        ...sourceCondition,
        test: {
          name: 'e2e',
          root: 'apps/dashboard',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['../../tooling/vitest/global-setup.ts', './e2e/build-dashboard.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
