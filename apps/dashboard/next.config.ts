import path from 'node:path';
import type { NextConfig } from 'next';

// NEXT_OUTPUT=standalone (set by the container build, infra/images/Containerfile) emits
// .next/standalone: server.js plus only the node_modules it traces, so the image needs no install.
// `next start` (demo, tests) does not work with that output, hence opt-in.
const standalone = process.env.NEXT_OUTPUT === 'standalone';

const config: NextConfig = {
  reactStrictMode: true,
  // Build output directory; NEXT_DIST_DIR lets two builds (e.g. two engineers' browser-test runs on one
  // checkout) live side by side. `next start` must see the same value as `next build`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Workspace packages ship TypeScript sources.
  transpilePackages: ['@aura/core', '@aura/api-client'],
  // Trace from the workspace root so workspace packages and pnpm's store links land in the output.
  ...(standalone
    ? { output: 'standalone' as const, outputFileTracingRoot: path.join(import.meta.dirname, '../..') }
    : {}),
};

export default config;
