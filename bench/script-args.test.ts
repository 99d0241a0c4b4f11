import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '@aura/testing';
import { describe, expect, it } from 'vitest';

// `pnpm bench <name> …` as its user runs it (bench/run.mjs), each benchmark's command line read by
// parseScriptArgs (@aura/core/script-args): usage on --help, exit 2 naming the problem otherwise.
const here = path.dirname(fileURLToPath(import.meta.url));
const bench = (...args: string[]) =>
  runCommand([process.execPath, path.join(here, 'run.mjs'), ...args], 120_000);
const benchmarks = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));

describe('pnpm bench <name>', () => {
  it('knows the benchmarks the docs name', () => {
    expect(benchmarks).toEqual(expect.arrayContaining(['memory', 'paper', 'step', 'ingest', 'rollout']));
  });

  it.each(benchmarks)(
    '%s refuses an unknown option with exit 2, its name and usage, without a stack trace',
    (name) => {
      const out = bench(name, '--bogus');
      expect(out.status, out.stderr).toBe(2);
      expect(out.stderr).toContain(`bench ${name}: Unknown option '--bogus'\nusage: pnpm bench ${name}`);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    },
    120_000,
  );

  it.each([
    ['memory', '--json'],
    ['step', '--model'],
    ['autopilot', '--robots'],
  ])(
    '%s prints its usage for --help and -h, and names an option missing its value',
    (name, option) => {
      for (const flag of ['--help', '-h']) {
        const out = bench(name, flag);
        expect(out.status, out.stderr).toBe(0);
        expect(out.stdout).toMatch(new RegExp(`^usage: pnpm bench ${name} \\[`));
      }
      const missing = bench(name, option);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain(`bench ${name}: Option '${option} <value>' argument missing\nusage:`);
    },
    120_000,
  );
});
