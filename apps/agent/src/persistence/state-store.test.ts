import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRng } from '@aura/core';
import { afterAll, describe, expect, it } from 'vitest';
import { CorruptStateError, snapshotBytes } from './state-format.js';
import { openStateStore, type PersistedState } from './state-store.js';

const dims = { dKey: 8, dVal: 4 };
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'aura-store-'));
  dirs.push(d);
  return d;
}
const dirBytes = (dir: string) => readdirSync(dir).reduce((s, f) => s + statSync(path.join(dir, f)).size, 0);

/** a delta-rule-like sequence of states: W += k·eᵀ, b += e/4 */
function states(n: number, seed = 3): PersistedState[] {
  const rng = createRng(seed);
  const W = new Float32Array(dims.dKey * dims.dVal);
  const b = new Float32Array(dims.dVal);
  const out: PersistedState[] = [];
  for (let t = 1; t <= n; t++) {
    const k = Array.from({ length: dims.dKey }, () => rng.normal());
    const e = Array.from({ length: dims.dVal }, () => rng.normal() * 0.3);
    for (let i = 0; i < dims.dKey; i++)
      for (let j = 0; j < dims.dVal; j++)
        W[i * dims.dVal + j] = (W[i * dims.dVal + j] as number) + (k[i] as number) * (e[j] as number);
    for (let j = 0; j < dims.dVal; j++) b[j] = (b[j] as number) + (e[j] as number) / 4;
    out.push({ W: W.slice(), b: b.slice(), steps: t * 3, writes: t });
  }
  return out;
}

const maxDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] ?? 0))), 0);

describe('snapshot store', () => {
  it('restores the last snapshot bit-exact and counts header, checksum and temp bytes', () => {
    const dir = tmp();
    const seq = states(5);
    const s1 = openStateStore({ mode: 'snapshot', dir, dims });
    for (const s of seq) s1.persist(s);
    expect(s1.stats().bytesWritten).toBe(5 * snapshotBytes(dims));
    expect(s1.stats().flashBytes).toBe(5 * 4096);
    s1.close();
    writeFileSync(path.join(dir, 'state.snap.tmp'), Buffer.alloc(100)); // an interrupted write
    const s2 = openStateStore({ mode: 'snapshot', dir, dims });
    const last = seq[4] as PersistedState;
    expect(s2.initial).toEqual(last);
    expect(s2.recovery.reclaimedTempBytes).toBe(100);
    expect(s2.stats().bytesWritten).toBe(5 * snapshotBytes(dims) + 100);
  });

  it('refuses a corrupt snapshot and one with other dimensions', () => {
    const dir = tmp();
    const s = openStateStore({ mode: 'snapshot', dir, dims });
    s.persist(states(1)[0] as PersistedState);
    expect(() => openStateStore({ mode: 'snapshot', dir, dims: { dKey: 4, dVal: 4 } })).toThrow(/dims 8×4/);
    const file = path.join(dir, 'state.snap');
    truncateSync(file, statSync(file).size - 1);
    appendFileSync(file, Buffer.from([0x5a]));
    expect(() => openStateStore({ mode: 'snapshot', dir, dims })).toThrow(CorruptStateError);
  });
});

describe('delta-log store', () => {
  it('replays rank-1 records within 1e-6, checkpoints and rotates, and counts every byte', () => {
    const dir = tmp();
    const seq = states(23);
    const s1 = openStateStore({ mode: 'delta-log', dir, dims, checkpointEvery: 10, keepHistory: true });
    for (const s of seq) s1.persist(s);
    const stats = s1.stats();
    expect(stats.snapshots).toBe(2); // writes 10 and 20
    expect(stats.records).toBe(21);
    expect(stats.fullRecords).toBe(0);
    expect(stats.bytesWritten).toBe(dirBytes(dir));
    s1.close();
    const s2 = openStateStore({ mode: 'delta-log', dir, dims, checkpointEvery: 10 });
    const last = seq[22] as PersistedState;
    expect(s2.initial.writes).toBe(23);
    expect(s2.initial.steps).toBe(69);
    expect(s2.recovery.replayedRecords).toBe(3);
    expect(maxDiff(s2.initial.W, last.W)).toBeLessThanOrEqual(1e-6);
    expect(maxDiff(s2.initial.b, last.b)).toBeLessThanOrEqual(1e-6);
    expect(s2.stats().bytesWritten).toBe(stats.bytesWritten);
  });

  it('drops a torn tail and keeps appending after the last good record', () => {
    const dir = tmp();
    const seq = states(6);
    const s1 = openStateStore({ mode: 'delta-log', dir, dims, checkpointEvery: 100 });
    for (const s of seq) s1.persist(s);
    s1.close();
    const log = path.join(dir, 'state.log');
    const size = statSync(log).size;
    truncateSync(log, size - 5); // the last record is torn
    const s2 = openStateStore({ mode: 'delta-log', dir, dims, checkpointEvery: 100 });
    expect(s2.initial.writes).toBe(5);
    expect(s2.recovery.droppedTailBytes).toBeGreaterThan(0);
    expect(maxDiff(s2.initial.W, (seq[4] as PersistedState).W)).toBeLessThanOrEqual(1e-6);
    s2.persist(seq[5] as PersistedState);
    s2.close();
    appendFileSync(log, Buffer.from('garbage that is not a record'));
    const s3 = openStateStore({ mode: 'delta-log', dir, dims, checkpointEvery: 100 });
    expect(s3.initial.writes).toBe(6);
    expect(maxDiff(s3.initial.W, (seq[5] as PersistedState).W)).toBeLessThanOrEqual(1e-6);
  });

  it('falls back to a full record when an update is not rank-1', () => {
    const dir = tmp();
    const s = openStateStore({ mode: 'delta-log', dir, dims, checkpointEvery: 100 });
    const W = Float32Array.from({ length: 32 }, (_, i) => Math.sin(i * 1.7));
    s.persist({ W, b: new Float32Array(4), steps: 1, writes: 1 });
    expect(s.stats().fullRecords).toBe(1);
    s.close();
    const again = openStateStore({ mode: 'delta-log', dir, dims, checkpointEvery: 100 });
    expect(again.initial.W).toEqual(W);
  });
});

describe('switching persistence mode', () => {
  it('delta-log → snapshot keeps the replayed state and the byte count, and removes the log', () => {
    const dir = tmp();
    const seq = states(12);
    const a = openStateStore({ mode: 'delta-log', dir, dims, checkpointEvery: 100 });
    for (const s of seq) a.persist(s);
    const before = a.stats().bytesWritten;
    a.close();
    const b = openStateStore({ mode: 'snapshot', dir, dims });
    expect(b.initial.writes).toBe(12);
    expect(maxDiff(b.initial.W, (seq[11] as PersistedState).W)).toBeLessThanOrEqual(1e-6);
    expect(readdirSync(dir)).toEqual(['state.snap']);
    expect(b.stats().bytesWritten).toBe(before + snapshotBytes(dims));
    b.close();
    const c = openStateStore({ mode: 'delta-log', dir, dims, checkpointEvery: 100 });
    expect(c.initial.writes).toBe(12);
    expect(c.initial.W).toEqual(b.initial.W);
  });
});
