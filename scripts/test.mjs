#!/usr/bin/env node
// `pnpm test`: every test tier of the workspace in one run, against the machine's real PostgreSQL
// and Redis (each integration run in its own database and Redis prefix). Ends with the summary line
// `N passed, N failed` and a non-zero exit status on any failure.
//
//   pnpm test                 all tiers, then a short `pnpm chaos` run (AURA_TEST_CHAOS=0 leaves it out)
//   pnpm test -- --project core   pass options through to vitest (no chaos run)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passthrough = process.argv.slice(2).filter((arg) => arg !== '--');

const services = spawnSync('bash', [path.join(root, 'infra/local/ensure-services.sh')], { stdio: 'inherit' });
if (services.status !== 0) {
  console.error('test: PostgreSQL and Redis are needed for the integration tests (see messages above).');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// Browser tests drive Debian's Chromium (never a downloaded browser build). Install it when missing.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.getuid?.() === 0) {
    console.log('test: installing Chromium for the browser tests (apt-get install chromium)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  }
  if (!existsSync(chromium)) {
    console.error(
      `test: Chromium is needed at ${chromium} for the browser tests: sudo apt-get install chromium`,
    );
  }
}

const outDir = mkdtempSync(path.join(tmpdir(), 'aura-test-'));
const report = path.join(outDir, 'vitest.json');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(
  process.execPath,
  [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...passthrough],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  // A suite that fails to load (syntax error, failing hook) has no failed tests of its own: count it.
  if (failed === 0 && (json.numFailedTestSuites ?? 0) > 0) failed = json.numFailedTestSuites;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1); // vitest crashed before writing its report
}
rmSync(outDir, { recursive: true, force: true });
if (run.status !== 0 && failed === 0) failed = 1;

// The whole stack under faults (tooling/chaos, docs/development.md), short and bounded: one minute of
// faults over 30 robots, the run ended by SIGTERM (its resources removed) if it takes over 20 minutes.
// Counted as one test. Every fault kind, the dashboard restart included (its sessions live in
// PostgreSQL behind the API, so the signed-in operator must stay signed in through it).
if (passthrough.length === 0 && process.env.AURA_TEST_CHAOS !== '0') {
  const chaosArgs = ['--quick', '--minutes', '1', '--robots', '30'];
  chaosArgs.push('--faults', 'kill-api,kill-worker,cut-database,flush-redis,restart-dashboard');
  console.log(`\npnpm chaos ${chaosArgs.join(' ')}`);
  const chaos = spawnSync(
    process.execPath,
    ['--conditions=@aura/source', '--import', 'tsx', path.join(root, 'tooling/chaos/chaos.ts'), ...chaosArgs],
    { cwd: root, stdio: 'inherit', timeout: 20 * 60_000, killSignal: 'SIGTERM' },
  );
  if (chaos.status === 0) passed++;
  else {
    failed++;
    if (chaos.error) console.error(`chaos: ${chaos.error.message}`);
  }
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
