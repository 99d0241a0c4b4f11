import { defineConfig } from 'vitest/config';

// `pnpm test:multihost` only (not part of `pnpm test`): needs root for network namespaces and runs
// for a few minutes. One file, one fleet, steps in order.
export default defineConfig({
  test: {
    name: 'multihost',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 360_000,
    hookTimeout: 300_000,
    reporters: ['default'],
    // The scenario's steps build on each other: stop at the first failure.
    bail: 1,
  },
});
