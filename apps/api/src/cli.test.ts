import { runCommand } from '@aura/testing';
import { expect, it } from 'vitest';

// `pnpm admin` (this app's cli.ts) as its user runs it, up to its command line only: no database is reached.
const USAGE = 'usage: aura-api-admin <command> [options]';
const admin = (...args: string[]) =>
  runCommand([
    process.execPath,
    'node_modules/tsx/dist/cli.mjs',
    '--conditions=@aura/source',
    '--tsconfig',
    'apps/api/tsconfig.json',
    'apps/api/src/cli.ts',
    ...args,
  ]);

it('prints its usage for --help, and for --help/-h after a command, and exits 0', () => {
  for (const args of [['--help'], ['create-admin', '--help'], ['generate-signing-key', '-h']]) {
    const out = admin(...args);
    expect(out.status).toBe(0);
    expect(out.stdout.startsWith(USAGE)).toBe(true);
  }
}, 60_000);

it('refuses an unknown command or option and a missing value with exit 2 and the usage, without a stack trace', () => {
  for (const [args, message] of [
    [['bogus'], 'unknown command "bogus"'],
    [['create-admin', '--bogus'], "Unknown option '--bogus'"],
    [['create-admin', '--name'], "Option '--name <value>' argument missing"],
    [['create-admin'], 'create-admin needs --name'],
  ] as const) {
    const out = admin(...args);
    expect(out.status).toBe(2);
    expect(out.stderr.startsWith(`aura-api-admin: ${message}\n\n${USAGE}`)).toBe(true);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  }
}, 60_000);
