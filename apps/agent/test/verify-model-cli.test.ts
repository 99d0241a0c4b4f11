import { runCommand, tsxCommand } from '@aura/testing';
import { describe, expect, it } from 'vitest';

// `pnpm model:verify` as its user runs it: the script through tsx, from the repository's root.
const verify = (...args: string[]) =>
  runCommand(tsxCommand('apps/agent/scripts/verify-model.ts', ...args), 120_000);

describe('pnpm model:verify', () => {
  it('prints its usage for --help and exits 0', () => {
    const run = verify('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: pnpm model:verify/);
    for (const option of ['--model', '--steps', '--seed', '--tau', '--json'])
      expect(run.stdout).toContain(option);
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--steps', '0'], '--steps must be a positive integer'],
    [['--seed', '1.5'], '--seed must be a non-negative integer'],
    [['--tau', '1.5'], '--tau must be a number between 0 and 1'],
    [['--model', 'models/no-such-model.onnx'], 'cannot read --model models/no-such-model.onnx: ENOENT'],
  ])('refuses %j with exit 2, naming the setting, without a stack trace', (args, message) => {
    const run = verify(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`model:verify: ${message}`);
    expect(run.stderr).toContain('usage: pnpm model:verify');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('passes the committed model on a short stream', () => {
    const run = verify('--steps', '200');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('model models/aura-mem-v2.onnx');
    expect(run.stdout.trim().endsWith('PASS')).toBe(true);
    expect(run.status).toBe(0);
  });
});
