import { runCommand, tsxCommand } from '@aura/testing';
import { expect, it } from 'vitest';

// `pnpm chaos` as its user runs it, up to its command line only (parse-script-args.ts): no run starts.
const chaos = (...args: string[]) => runCommand(tsxCommand('tooling/chaos/chaos.ts', ...args));

it('prints its usage for --help and -h and exits 0, also after the arguments scripts/test.mjs passes', () => {
  const ci = ['--quick', '--minutes', '1', '--robots', '30', '--faults', 'kill-api,cut-database'];
  for (const args of [['--help'], ['-h'], [...ci, '--help']]) {
    const out = chaos(...args);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^usage: pnpm chaos \[--minutes M\]/);
  }
}, 60_000);

it('refuses an unknown option, a missing value and a bad value with exit 2 and the usage, without a stack trace', () => {
  for (const [args, message] of [
    [['--bogus'], "Unknown option '--bogus'"],
    [['--minutes'], "Option '--minutes <value>' argument missing"],
    [['--robots', '3'], '--robots 3: a number from 6 to 500'],
    [['--faults', 'kill-api,nope'], '--faults kill-api,nope: a comma-separated list of kill-api,'],
  ] as const) {
    const out = chaos(...args);
    expect(out.status).toBe(2);
    expect(out.stderr.startsWith(`chaos: ${message}`)).toBe(true);
    expect(out.stderr).toContain('\nusage: pnpm chaos');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  }
}, 60_000);
