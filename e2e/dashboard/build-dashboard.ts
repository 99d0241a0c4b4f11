import { buildDashboard } from '@aura/testing/build-dashboard';

/**
 * vitest globalSetup of the e2e project: the dashboard is tested as it ships, a production build, made
 * once per run (every e2e file starts `next start` on it). CI has just built it: reused there.
 * NEXT_DIST_DIR (apps/dashboard/next.config.ts) picks the build directory for build and start alike.
 */
export default function buildE2eDashboard() {
  const { built, seconds } = buildDashboard({ reuse: Boolean(process.env.CI) });
  if (built) console.error(`e2e: dashboard built in ${seconds} s`);
}
