import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `pnpm model:diagnose`, `pnpm model:curve` and `pnpm model:recalibrate` as their user runs them (parse-script-args.ts).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
function run(script: string, ...args: string[]) {
  const child = spawnSync(
    process.execPath,
    ['--conditions=@aura/source', '--import', 'tsx', `packages/core/scripts/${script}`, ...args],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe.each([
  ['model:diagnose', 'memory-diagnostics.ts'],
  ['model:curve', 'tau-curve.ts'],
  ['model:recalibrate', 'recalibrate-gate.ts'],
])('pnpm %s', (command, script) => {
  it('prints its usage for --help and -h and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const out = run(script, flag);
      expect(out.status).toBe(0);
      expect(out.stdout).toMatch(new RegExp(`^usage: pnpm ${command} --model`));
    }
  }, 60_000);

  it('refuses an unknown option and a missing --model with exit 2 and the usage, without a stack trace', () => {
    for (const [args, message] of [
      [['--bogus'], "Unknown option '--bogus'"],
      [[], '--model is required'],
    ] as const) {
      const out = run(script, ...args);
      expect(out.status).toBe(2);
      expect(out.stderr).toContain(`${command}: ${message}\nusage: pnpm ${command}`);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});

// The other command-line scripts of packages/core, run as their docs show (docs/aura-mem.md).
describe.each([
  ['train', 'train-model.ts', 'usage: pnpm --filter @aura/core run train', '--iterations'],
  ['probe-gate-read', 'probe-gate-read.ts', 'usage: node --conditions=@aura/source', '--seed'],
  ['probe-flip-signal', 'probe-flip-signal.ts', 'usage: node --conditions=@aura/source', '--reference'],
  ['key-addressing-ceiling', 'key-addressing-ceiling.ts', 'usage: node --conditions=@aura/source', '--lr'],
])('%s', (command, script, usage, option) => {
  it('prints its usage for --help and exits 0', () => {
    const out = run(script, '--help');
    expect(out.status).toBe(0);
    expect(out.stdout.startsWith(usage)).toBe(true);
  }, 60_000);

  it('refuses an unknown option and an option missing its value with exit 2 and the usage', () => {
    for (const [args, message] of [
      [['--bogus'], "Unknown option '--bogus'"],
      [[option], `Option '${option} <value>' argument missing`],
    ] as const) {
      const out = run(script, ...args);
      expect(out.status).toBe(2);
      // (where positionals are allowed, node adds how to pass one starting with '-')
      expect(out.stderr.startsWith(`${command}: ${message}`)).toBe(true);
      expect(out.stderr).toContain(`\n${usage}`);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});

it('probe-gate-read wants a model file; train lists every option with its default', () => {
  const probe = run('probe-gate-read.ts', '--seed', '2');
  expect(probe.status).toBe(2);
  expect(probe.stderr).toContain('probe-gate-read: a model file (MODEL.onnx) is required\nusage:');
  const train = run('train-model.ts', '-h');
  expect(train.stdout).toContain('  --config VALUE (default hard)\n');
  expect(train.stdout).toContain('  --v2\n');
}, 60_000);

// train's recipe-trial options (docs/aura-mem.md "Key noise and the straight-through phase"): bad values are
// refused before any training, with exit 2 and the usage
it('train refuses a bad --key-noise, --ste-lr, --relax-final-temp or --validate-at, and --task-json with --config', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aura-train-args-'));
  const taskFile = path.join(dir, 'task.json');
  writeFileSync(taskFile, '{"name": "x"');
  for (const [args, message] of [
    [['--key-noise=-0.1'], '--key-noise must be a number in [0, 10], got -0.1'],
    [['--key-noise', 'lots'], '--key-noise must be a number in [0, 10], got lots'],
    [['--ste-lr', ''], '--ste-lr must be a number'],
    [['--relax-final-temp', '0'], '--relax-final-temp must be a number'],
    [['--validate-at', '179,x'], '--validate-at wants iteration numbers, got x'],
    [['--config', 'hard-v2', '--task-json', taskFile], 'give --task-json or --config, not both'],
    [['--task-json', taskFile], `--task-json ${taskFile}: `],
  ] as const) {
    const out = run('train-model.ts', ...args);
    expect(out.status).toBe(2);
    expect(out.stderr.startsWith(`train: ${message}`)).toBe(true);
    expect(out.stderr).toContain('\nusage: pnpm --filter @aura/core run train');
    expect(out.stderr).not.toContain('training ');
  }
  const help = run('train-model.ts', '--help').stdout;
  for (const option of [
    '--task-json',
    '--key-noise',
    '--relax-final-temp',
    '--ste-lr',
    '--validate-at',
    '--trial-json',
  ])
    expect(help).toContain(`  ${option} VALUE\n`);
}, 120_000);

describe('pnpm --filter @aura/core run train', () => {
  it('--help describes every option on a line below it', () => {
    const out = run('train-model.ts', '--help');
    expect(out.status).toBe(0);
    const lines = out.stdout.split('\n');
    const options = lines.filter((l) => /^ {2}(-\w, )?--[a-z]/.test(l));
    expect(options.length).toBeGreaterThan(50);
    for (const l of options.filter((o) => !o.includes('--help'))) {
      const next = lines[lines.indexOf(l) + 1] ?? '';
      expect(next, `no help line below ${l.trim()}`).toMatch(/^ {6}\S/);
    }
    expect(out.stdout).toContain('--gate-estimator VALUE\n      how the gate learns');
  }, 60_000);

  it('refuses a bad gate estimator and a flip option without it, naming the option', () => {
    for (const [args, message] of [
      [['--v2', '--gate-estimator', 'nope'], '--gate-estimator must be straight-through, flip or flip-label'],
      [['--v2', '--flip-reference', 'gate'], '--flip-reference needs --gate-estimator flip or flip-label'],
      [
        ['--v2', '--gate-estimator', 'flip', '--flip-weighting', 'x'],
        '--flip-weighting must be probability or logit',
      ],
    ] as const) {
      const out = run('train-model.ts', ...args);
      expect(out.status).toBe(2);
      expect(out.stderr).toContain(`train: ${message}`);
    }
  }, 60_000);
});
