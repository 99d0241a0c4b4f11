import { runCommand } from '@aura/testing';
import { expect, it } from 'vitest';

// `pnpm agent:package` as its user runs it (the root package.json script), up to its command line only
// (parse-script-args.ts): nothing is bundled or packed.
const USAGE = 'usage: pnpm agent:package [--arch amd64|arm64 …] [--out DIR]';
const agentPackage = (...args: string[]) =>
  runCommand([process.execPath, '--import', 'tsx/esm', 'apps/agent/packaging/build-package.ts', ...args]);

it('prints its usage for --help and -h and exits 0', () => {
  for (const flag of ['--help', '-h']) {
    const out = agentPackage('--arch', 'amd64', flag);
    expect(out.status).toBe(0);
    expect(out.stdout.startsWith(USAGE)).toBe(true);
  }
}, 60_000);

it('refuses an unknown option, a missing value and a bad value with exit 2 and the usage, without a stack trace', () => {
  for (const [args, message] of [
    [['--bogus'], "Unknown option '--bogus'"],
    [['--out'], "Option '--out <value>' argument missing"],
    [['--arch', 'sparc'], '--arch sparc: one of amd64, arm64'],
    [['--compress', 'lz4'], '--compress lz4: one of xz, gzip, zstd, none'],
  ] as const) {
    const out = agentPackage(...args);
    expect(out.status).toBe(2);
    expect(out.stderr.startsWith(`agent:package: ${message}\n${USAGE}`)).toBe(true);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  }
}, 60_000);
