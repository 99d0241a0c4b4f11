import path from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// One runner for the whole workspace. Projects:
//  - unit tiers run anywhere, no services;
//  - integration tiers use the machine's real PostgreSQL and Redis, each run in its own freshly
//    migrated database and Redis key prefix (see packages/testing/src/vitest-global-setup.ts).
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
        test: {
          name: 'tooling',
          root: '.',
          include: [
            'scripts/**/*.test.ts',
            'tooling/**/*.test.ts',
            'packages/testing/src/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
        },
      },
      {
        // Deployment packaging: Kubernetes manifests rendered offline (kubectl) and schema-checked.
        ...sourceCondition,
        test: { name: 'infra', root: 'infra', include: ['**/*.test.ts'], testTimeout: 60_000 },
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
          globalSetup: ['../../packages/testing/src/vitest-global-setup.ts'],
          // fails a file whose queries overlapped on one pg client (docs/database.md)
          setupFiles: ['test/support/pg-overlap-guard.ts'],
          // Files share the run's database and some change fleet-wide state (the default policy).
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The aura CLI: unit tests, and every command driven against a real API process.
        ...sourceCondition,
        test: {
          name: 'cli',
          root: 'apps/cli',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['../../packages/testing/src/vitest-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
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
        // Tests that span apps (e2e/agent-api): the real agent (in process, through its declared entry
        // points, or its installed Debian package) against real API processes; SQL for what the API stored.
        ...sourceCondition,
        test: {
          name: 'e2e-agent-api',
          root: 'e2e',
          include: ['agent-api/**/*.e2e.test.ts'],
          globalSetup: ['../packages/testing/src/vitest-global-setup.ts'],
          // files share the run's database and change fleet-wide state (the default policy)
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Tests that span apps (e2e/): the dashboard in Chromium against the real API, worker and agent.
        // e2e/multihost has its own config (`pnpm test:multihost`: root, network namespaces).
        ...sourceCondition,
        test: {
          name: 'e2e',
          root: 'e2e',
          include: ['dashboard/**/*.e2e.test.ts'],
          globalSetup: ['../packages/testing/src/vitest-global-setup.ts', './dashboard/build-dashboard.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
          // a page's text follows an API round trip and a render: 1 s (the default) failed at load 30
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
