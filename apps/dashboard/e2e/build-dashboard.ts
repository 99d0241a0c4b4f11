import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * vitest globalSetup of the e2e project: the dashboard is tested as it ships, a production build, made
 * once per run (every e2e file starts `next start` on it). CI has just built it: reused there.
 * NEXT_DIST_DIR (apps/dashboard/next.config.ts) picks the build directory for build and start alike.
 */
export default function buildDashboard() {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (process.env.CI && existsSync(path.join(root, 'apps/dashboard', distDir, 'BUILD_ID'))) return;
  const started = Date.now();
  const build = spawnSync(
    'pnpm',
    ['--filter', '@aura/api-client', '--filter', '@aura/core', '--filter', '@aura/dashboard', 'run', 'build'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } },
  );
  if (build.status !== 0) throw new Error(`dashboard build failed: ${build.stdout}${build.stderr}`);
  console.error(`e2e: dashboard built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
