import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkSupport } from './netns.js';

const root = path.resolve(import.meta.dirname, '../..');

/** What the hosts run: the built API/worker, agent and dashboard, as they ship. */
export const BUILT = {
  api: 'apps/api/dist/main.js',
  worker: 'apps/api/dist/worker.js',
  cli: 'apps/api/dist/cli.js',
  agent: 'apps/agent/dist/main.js',
  dashboard: 'apps/dashboard/.next/BUILD_ID',
};

function build(packages: string[]) {
  const started = Date.now();
  const result = spawnSync('pnpm', [...packages.flatMap((p) => ['--filter', p]), 'run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`multihost: building ${packages.join(', ')} failed (see above)`);
  console.log(`multihost: built ${packages.join(', ')} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * Builds what the hosts run before the scenario's clock starts. Under CI, `pnpm build` has just
 * made everything and it is reused; elsewhere the API and agent are rebuilt (a stale build would
 * test old code) and the dashboard is built when missing.
 */
export default function setup() {
  if (!checkSupport().ok) return;
  const have = (file: string) => existsSync(path.join(root, file));
  if (process.env.CI && Object.values(BUILT).every(have)) return;
  build(['@aura/core', '@aura/api-client', '@aura/api', '@aura/agent']);
  if (!have(BUILT.dashboard)) build(['@aura/dashboard']);
  else console.log('multihost: reusing the existing dashboard build (apps/dashboard/.next)');
}
