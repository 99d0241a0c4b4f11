import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  // Build output directory; NEXT_DIST_DIR lets two builds (e.g. two engineers' browser-test runs on one
  // checkout) live side by side. `next start` must see the same value as `next build`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Workspace packages ship TypeScript sources.
  transpilePackages: ['@aura/core', '@aura/api-client'],
};

export default config;
