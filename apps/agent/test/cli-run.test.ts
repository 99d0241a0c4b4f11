import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TelemetryRecordSchema } from '@aura/core';
import { buildBackboneGraph } from '@aura/testing/onnx-graphs';
import { afterAll, describe, expect, it } from 'vitest';
import { FLEET_HARDWARE_MIX, type FleetVariant, stepsInRound } from '../src/commands/fleet-mix.js';
import { Outbox } from '../src/telemetry/outbox.js';

// The real CLI in a real process (node + tsx, workspace sources).
const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules/tsx/dist/esm/index.mjs');
const main = path.join(root, 'apps/agent/src/main.ts');
const modelPath = path.join(root, 'models/aura-mem-hard-v1.onnx');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'aura-cli-'));
  dirs.push(d);
  return d;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function cli(
  args: string[],
  opts: { env?: Record<string, string>; onStderr?: (s: string, kill: () => void) => void } = {},
) {
  return new Promise<Run>((resolve) => {
    const proc = spawn(process.execPath, ['--conditions=@aura/source', '--import', tsx, main, ...args], {
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    proc.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      opts.onStderr?.(stderr, () => proc.kill('SIGTERM'));
    });
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function configFile(dir: string, extra: Record<string, unknown> = {}): string {
  const file = path.join(dir, 'agent.json');
  writeFileSync(
    file,
    JSON.stringify({
      model: { path: modelPath },
      stateDir: 'state',
      persistence: { mode: 'snapshot' },
      telemetry: { windowSeconds: 0.1 },
      ...extra,
    }),
  );
  return file;
}

function outboxRecords(dir: string) {
  const outbox = new Outbox({ dir: path.join(dir, 'state/outbox'), maxRecords: 100_000 });
  const records = outbox.peek(100_000);
  outbox.close();
  return records;
}

describe('aura-agent run', () => {
  it('runs offline, fills the outbox with valid records, and resumes state and seq on restart', async () => {
    const dir = tmp();
    const config = configFile(dir);
    const first = await cli(['run', '--config', config, '--synthetic', '--status', '--steps', '1500']);
    expect(first.stderr).toContain('offline (no api.url)');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/steps 1500 .*writes .*τ 0\.500 .*flash .*wear .*outbox \d+/);
    const a = outboxRecords(dir);
    expect(a.length).toBeGreaterThan(0);
    for (const r of a) expect(TelemetryRecordSchema.parse(r)).toEqual(r);
    expect(a.map((r) => r.seq)).toEqual(a.map((_, i) => i + 1));
    expect(a.reduce((s, r) => s + r.steps, 0)).toBe(1500);
    const second = await cli(['run', '--config', config, '--synthetic', '--steps', '2000']);
    expect(second.code).toBe(0);
    // snapshot persistence: resumes at the step of the last write
    const resumed = Number(/resumed at step (\d+)/.exec(second.stderr)?.[1]);
    expect(resumed).toBeGreaterThan(1400);
    expect(resumed).toBeLessThanOrEqual(1500);
    const b = outboxRecords(dir);
    expect(b.map((r) => r.seq)).toEqual(b.map((_, i) => i + 1));
    expect(b.length).toBeGreaterThan(a.length);
    const last = b[b.length - 1];
    expect(last?.kvEquivalentBytes).toBe(2000 * 256);
    expect(last?.flashBytesWritten).toBeGreaterThan(a[a.length - 1]?.flashBytesWritten ?? 0);
  }, 60_000);

  it('SIGTERM finishes the step, writes the last window and exits 0', async () => {
    const dir = tmp();
    const config = configFile(dir, { telemetry: { windowSeconds: 60 } });
    let sent = false;
    const run = await cli(['run', '--config', config, '--synthetic'], {
      onStderr: (text, kill) => {
        if (!sent && text.includes('telemetry stays in the outbox')) {
          sent = true;
          setTimeout(kill, 700);
        }
      },
    });
    expect(run.stderr).toContain('SIGTERM: finishing the step');
    expect(run.code).toBe(0);
    const records = outboxRecords(dir);
    expect(records).toHaveLength(1); // the 60 s window, closed at shutdown
    expect(records[0]?.steps).toBeGreaterThan(0);
  }, 60_000);

  it('kill -9: telemetry already in the outbox survives, seqs stay contiguous, the next run continues them', async () => {
    const dir = tmp();
    const config = configFile(dir, {
      telemetry: { windowSeconds: 0.05 },
      persistence: { mode: 'delta-log' },
    });
    const killed = await new Promise<{ signal: string | null }>((resolve) => {
      const proc = spawn(
        process.execPath,
        [
          '--conditions=@aura/source',
          '--import',
          tsx,
          main,
          'run',
          '--config',
          config,
          '--synthetic',
          '--status',
        ],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let lines = 0;
      proc.stdout.on('data', (d: Buffer) => {
        lines += d.toString().split('\n').length - 1; // one status line per closed window
        if (lines >= 8) proc.kill('SIGKILL');
      });
      proc.on('exit', (_code, signal) => resolve({ signal }));
    });
    expect(killed.signal).toBe('SIGKILL');
    const before = outboxRecords(dir);
    expect(before.length).toBeGreaterThanOrEqual(8);
    expect(before.map((r) => r.seq)).toEqual(before.map((_, i) => i + 1));
    const next = await cli(['run', '--config', config, '--synthetic', '--duration', '1']);
    expect(next.code).toBe(0);
    const after = outboxRecords(dir);
    expect(after.map((r) => r.seq)).toEqual(after.map((_, i) => i + 1));
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.slice(0, before.length)).toEqual(before);
  }, 60_000);

  it('stops on a bad config with exit 78, naming the setting', async () => {
    const dir = tmp();
    const config = configFile(dir, { persistence: { mode: 'sometimes' } });
    const run = await cli(['run', '--config', config], { env: { AURA_AGENT_TAU: '2' } });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('persistence.mode');
    expect(run.stderr).toContain('tau (from AURA_AGENT_TAU)');
  }, 30_000);

  it('has --help, and usage errors exit 2', async () => {
    const run = await cli(['run', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--config <file>');
    expect(run.stdout).toContain('--offline');
    const missing = await cli(['run']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '-c, --config <file>' not specified");
  }, 30_000);
});

describe('aura-agent sim', () => {
  it('runs N robots with their own identity, state and outbox', async () => {
    const dir = tmp();
    const config = configFile(dir, { telemetry: { windowSeconds: 0.05 } });
    const run = await cli([
      'sim',
      '--config',
      config,
      '--robots',
      '3',
      '--hz',
      '0',
      '--steps',
      '414',
      '--no-status',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('3 robots, one session');
    expect(run.stdout).toContain('robots 3 steps 1242');
    const ids = new Set<string>();
    const states = new Set<string>();
    for (const name of ['sim-0001', 'sim-0002', 'sim-0003']) {
      const robotDir = path.join(dir, 'state/robots', name);
      ids.add(JSON.parse(readFileSync(path.join(robotDir, 'identity.json'), 'utf8')).localId);
      const outbox = new Outbox({ dir: path.join(robotDir, 'outbox'), maxRecords: 1000 });
      const records = outbox.peek(1000);
      outbox.close();
      expect(records.length).toBeGreaterThan(0);
      expect(records.reduce((s, r) => s + r.steps, 0)).toBe(414);
      expect(existsSync(path.join(robotDir, 'state/state.snap'))).toBe(true);
      states.add(readFileSync(path.join(robotDir, 'state/state.snap')).toString('hex'));
    }
    expect(ids.size).toBe(3);
    // different seeds, different episodes: 414 steps end mid-episode (the memory is cleared at each
    // episode's end), each robot's memory holds its own episode's events
    expect(states.size).toBe(3);
  }, 60_000);

  it('--mix gives each robot its own flash device, persistence mode, rate and duty', async () => {
    const dir = tmp();
    const config = configFile(dir, { telemetry: { windowSeconds: 0.05 } });
    const rounds = 300;
    const run = await cli([
      'sim',
      '--config',
      config,
      '--robots',
      '6',
      '--hz',
      '0',
      '--steps',
      String(rounds),
      '--mix',
      '--no-status',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('mixed hardware');
    const mix = JSON.parse(readFileSync(path.join(dir, 'state/fleet-mix.json'), 'utf8'))
      .robots as (FleetVariant & {
      name: string;
    })[];
    expect(mix.map((r) => r.hardware)).toEqual(FLEET_HARDWARE_MIX.map((h) => h.hardware));
    const wearPerByte = new Map<string, number>();
    for (const [index, robot] of mix.entries()) {
      const outbox = new Outbox({
        dir: path.join(dir, 'state/robots', robot.name, 'outbox'),
        maxRecords: 10_000,
      });
      const records = outbox.peek(10_000);
      outbox.close();
      let expected = 0;
      for (let round = 0; round < rounds; round++) expected += stepsInRound(robot, round, index * 37);
      expect(records.reduce((s, r) => s + r.steps, 0)).toBe(expected);
      expect(new Set(records.map((r) => r.persistMode))).toEqual(new Set([robot.persistence]));
      const last = records.at(-1);
      if (last?.wearFraction && last.flashBytesWritten)
        wearPerByte.set(robot.hardware, last.wearFraction / last.flashBytesWritten);
    }
    // an SD card rated 500 P/E at write amplification 8 wears per byte far faster than NVMe
    expect(wearPerByte.get('sd-16g')).toBeGreaterThan(
      50 * (wearPerByte.get('nvme-256g') ?? Number.POSITIVE_INFINITY),
    );
  }, 90_000);
});

describe('aura-agent inspect-model', () => {
  it('prints dims, metadata and interface, and the contract result', async () => {
    const ok = await cli(['inspect-model', modelPath]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('dims: dModel 48, dKey 32, dVal 32, dAction 8; state 4224 B');
    expect(ok.stdout).toContain('aura.version = aura-mem-hard-v1');
    expect(ok.stdout).toMatch(/W_next\s+float32\s+\[1, 32, 32\]/);
    expect(ok.stdout).toContain('contract: OK');
  }, 30_000);

  it('exits non-zero naming each mismatch', async () => {
    const file = path.join(tmp(), 'backbone.onnx');
    writeFileSync(file, buildBackboneGraph(28, 48));
    const bad = await cli(['inspect-model', file]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('contract: MISMATCH');
    expect(bad.stdout).toContain('metadata "aura.dModel" is missing');
  }, 30_000);
});
