#!/usr/bin/env node
// `pnpm bench <name> [args]`: runs bench/<name>.ts with the workspace's TypeScript sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const names = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...args] = process.argv.slice(2);

if (!name || name === '--help' || name === '-h') {
  console.log(
    `usage: pnpm bench <name> [--quick] [--json FILE]\n\nbenchmarks: ${names.join(', ') || '(none yet)'}`,
  );
  process.exit(name ? 0 : 1);
}
const file = path.join(here, `${name}.ts`);
if (!existsSync(file)) {
  console.error(`bench: unknown benchmark "${name}". Known: ${names.join(', ') || '(none yet)'}`);
  process.exit(2);
}
// Workspace packages resolve to their TypeScript sources (the @aura/source export condition).
const result = spawnSync(process.execPath, ['--conditions=@aura/source', '--import', 'tsx', file, ...args], {
  cwd: path.join(here, '..'),
  stdio: 'inherit',
  env: process.env,
});
process.exit(result.status ?? 1);
