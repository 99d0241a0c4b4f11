import { defineConfig } from 'vitest/config';

// `pnpm test:images` only (not part of `pnpm test`): needs root and the images `pnpm images` built
// (the script builds them first; podman's layer cache makes an unchanged tree quick). One file,
// steps in order: the migrated database serves the API, whose key and URL the later steps use.
export default defineConfig({
  test: {
    name: 'images',
    root: import.meta.dirname,
    include: ['**/*.smoke.ts'],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    bail: 1,
  },
});
