import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

// Its own entry point (@aura/testing/build-dashboard) with nothing but Node built-ins: vitest loads
// globalSetup files without the @aura/source condition, where @aura/api-client would need its dist/.
const WORKSPACE_ROOT = path.resolve(import.meta.dirname, '../../..');
const DASHBOARD_DIR = path.join(WORKSPACE_ROOT, 'apps/dashboard');

/**
 * Makes the dashboard's production build in NEXT_DIST_DIR (default `.next`), with the packages it is
 * built from (@aura/core and @aura/api-client: their `dist/`, which a fresh checkout lacks). With
 * `reuse`, a build already there is kept. Throws with the build's output when it fails.
 */
export function buildDashboard(options: { reuse?: boolean } = {}): { built: boolean; seconds: number } {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (options.reuse && existsSync(path.join(DASHBOARD_DIR, distDir, 'BUILD_ID'))) {
    return { built: false, seconds: 0 };
  }
  const started = Date.now();
  const build = spawnSync(
    'pnpm',
    ['--filter', '@aura/api-client', '--filter', '@aura/core', '--filter', '@aura/dashboard', 'run', 'build'],
    {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    },
  );
  if (build.status !== 0) throw new Error(`dashboard build failed: ${build.stdout}${build.stderr}`);
  return { built: true, seconds: Math.round((Date.now() - started) / 1000) };
}
