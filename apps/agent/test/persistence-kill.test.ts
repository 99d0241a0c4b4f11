import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PersistMode } from '@aura/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuraModel, loadAuraModel } from '../src/model/load-aura-model.js';
import { openStateStore } from '../src/persistence/state-store.js';
import { AgentRuntime } from '../src/runtime/agent-runtime.js';
import { featuresFromModelMetadata, SyntheticTaskEnvironment } from '../src/runtime/environment.js';

// kill -9 tests (issue 6): a real child process runs the agent loop with persistence in a temp
// directory, is SIGKILLed mid-run, and the state is recovered in this process. The expected state
// comes from an uninterrupted in-process run of the same seeded loop (same model, same τ).

const root = path.resolve(import.meta.dirname, '../../..');
const modelPath = path.join(root, 'models/aura-mem-hard-v1.onnx');
// `--import tsx/esm` (not tsx's cli, which drops node's --conditions when it relaunches node)
const tsx = path.join(root, 'node_modules/tsx/dist/esm/index.mjs');
const child = path.join(import.meta.dirname, 'support/persist-child.ts');
const dirs: string[] = [];

let model: AuraModel;
let reference: AgentRuntime;
const referenceStates: { W: Float32Array; b: Float32Array; steps: number }[] = [];

beforeAll(async () => {
  model = await loadAuraModel(modelPath);
  const features = featuresFromModelMetadata(model.metadata, model.dims.dModel);
  if (!features) throw new Error('no backbone metadata');
  const store = openStateStore({ mode: 'none', dir: tmp(), dims: model.dims });
  reference = new AgentRuntime({
    model,
    features,
    env: new SyntheticTaskEnvironment('hard', 1),
    store,
    tau: 0.5,
  });
  referenceStates.push({ W: reference.W.slice(), b: reference.b.slice(), steps: 0 });
});
afterAll(async () => {
  await model?.release();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'aura-kill-'));
  dirs.push(d);
  return d;
}

/** the uninterrupted run's state right after its `writes`-th write */
async function referenceAt(writes: number) {
  while (referenceStates.length <= writes) {
    const r = await reference.step();
    if (r.wrote) {
      referenceStates.push({ W: reference.W.slice(), b: reference.b.slice(), steps: reference.totals.steps });
    }
  }
  return referenceStates[writes] as { W: Float32Array; b: Float32Array; steps: number };
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
}

/** runs the child until it has persisted at least `minWrites` more writes, then SIGKILLs it */
async function runAndKill(dir: string, mode: PersistMode, minWrites: number): Promise<number> {
  const proc: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@aura/source', '--import', tsx, child, dir, mode, '16'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  let lastSeen = -1;
  let start = -1;
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`child made no progress: ${stderr}`)), 30_000);
    proc.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        const [tag, a, b] = line.split(' ');
        if (tag === 'ready') start = Number(b);
        if (tag === 'w') lastSeen = Number(a);
      }
      if (start >= 0 && lastSeen >= start + minWrites) {
        clearTimeout(timer);
        proc.kill('SIGKILL');
        resolve();
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      if (lastSeen < start + minWrites) reject(new Error(`child exited early (${code}): ${stderr}`));
    });
  });
  await exited;
  expect(proc.signalCode).toBe('SIGKILL');
  return lastSeen;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

describe.each([
  ['snapshot', 0],
  ['delta-log', 1e-6],
] as const)('kill -9 with %s persistence', (mode, tolerance) => {
  it('resumes the last persisted state and has counted every byte on disk', async () => {
    const dir = tmp();
    for (const [cycle, minWrites] of [37, 53].entries()) {
      const lastSeen = await runAndKill(dir, mode, minWrites);
      const onDisk = dirBytes(dir); // measured before recovery touches anything
      const store = openStateStore({ mode, dir, dims: model.dims, checkpointEvery: 16, keepHistory: true });
      try {
        const got = store.initial;
        // the kill may land after a write became durable but before the child reported it
        expect(got.writes).toBeGreaterThanOrEqual(lastSeen);
        expect(got.writes).toBeLessThanOrEqual(lastSeen + 1);
        const want = await referenceAt(got.writes);
        expect(got.steps).toBe(want.steps);
        if (tolerance === 0) {
          expect(Buffer.from(got.W.buffer).equals(Buffer.from(want.W.buffer))).toBe(true);
          expect(Buffer.from(got.b.buffer).equals(Buffer.from(want.b.buffer))).toBe(true);
        } else {
          // after the second kill the child had itself resumed from a replayed state, so its run
          // carries the first replay's error (≤ 5e-7) on top of this replay's
          const bound = cycle === 0 ? tolerance : 2 * tolerance;
          expect(maxDiff(got.W, want.W)).toBeLessThanOrEqual(bound);
          expect(maxDiff(got.b, want.b)).toBeLessThanOrEqual(bound);
        }
        expect(store.stats().bytesWritten).toBe(onDisk);
        expect(store.stats().bytesWritten).toBeGreaterThan(0);
      } finally {
        store.close();
      }
    }
  }, 90_000);
});

describe('kill -9 with no persistence', () => {
  it('restarts from the initial state and wrote nothing', async () => {
    const dir = tmp();
    await runAndKill(dir, 'none', 5);
    expect(dirBytes(dir)).toBe(0);
    const store = openStateStore({ mode: 'none', dir, dims: model.dims });
    expect(store.initial.writes).toBe(0);
    expect(store.initial.W.every((x) => x === 0)).toBe(true);
    expect(store.stats().bytesWritten).toBe(0);
  }, 60_000);
});
