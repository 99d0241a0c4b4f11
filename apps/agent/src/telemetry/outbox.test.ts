import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createRng,
  type TelemetryBatchResponse,
  type TelemetryRecord,
  TelemetryRecordSchema,
} from '@aura/core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTelemetryRecord } from './build-telemetry-record.js';
import { Outbox } from './outbox.js';
import {
  CredentialRefusedError,
  PermanentRejectionError,
  type RetryAfter,
  runUploadLoop,
  type TelemetrySink,
  TelemetryUploader,
} from './uploader.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'aura-outbox-'));
  dirs.push(d);
  return d;
}

const T0 = Date.parse('2026-01-01T00:00:00Z');
function record(t: number, steps = 100, writes = 22) {
  return buildTelemetryRecord({
    windowStart: new Date(t - 10_000),
    windowEnd: new Date(t),
    window: {
      steps,
      writes,
      episodesCompleted: 2,
      episodesSucceeded: 1,
      stepLatencyUs: { p50: 61.23456, p99: 140.5 },
    },
    totalSteps: 1000,
    tau: 0.5,
    policyVersionId: '4c1d3a52-8a1e-4a6f-9b0c-2d7e5f6a1b3c',
    dims: { dKey: 32, dVal: 32 },
    flashBytesWritten: 8192,
    wearFraction: 1.5e-10,
  });
}

describe('telemetry record', () => {
  it('matches the wire schema exactly, with KV-equivalent bytes after the total steps', () => {
    const r = { ...record(T0), seq: 1 };
    expect(TelemetryRecordSchema.parse(r)).toEqual(r);
    expect(r.stateBytes).toBe(4224);
    expect(r.kvEquivalentBytes).toBe(256_000);
    expect(r.stepLatencyUs.p50).toBe(61.235);
    expect('deviceWear' in r).toBe(false);
  });
});

describe('Outbox', () => {
  it('assigns increasing seqs that survive restarts, and drops a torn tail', () => {
    const dir = tmp();
    const a = new Outbox({ dir, maxRecords: 100 });
    expect(a.append(record(T0)).seq).toBe(1);
    expect(a.append(record(T0 + 10_000)).seq).toBe(2);
    a.ack(1);
    a.close();
    appendFileSync(path.join(dir, 'outbox.log'), Buffer.from([9, 0, 0, 0, 1, 2]));
    const b = new Outbox({ dir, maxRecords: 100 });
    expect(b.droppedTailBytes).toBe(6);
    expect(b.depth).toBe(1);
    expect(b.peek(10).map((r) => r.seq)).toEqual([2]);
    expect(b.append(record(T0 + 20_000)).seq).toBe(3);
    b.close();
  });

  it('is bounded: drops the oldest pending records and keeps the count across restarts', () => {
    const dir = tmp();
    const a = new Outbox({ dir, maxRecords: 5 });
    for (let i = 0; i < 12; i++) a.append(record(T0 + i * 10_000));
    expect(a.depth).toBe(5);
    expect(a.dropped).toBe(7);
    expect(a.peek(100).map((r) => r.seq)).toEqual([8, 9, 10, 11, 12]);
    a.close();
    const b = new Outbox({ dir, maxRecords: 5 });
    expect(b.dropped).toBe(7);
    expect(b.peek(100).map((r) => r.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(b.counter.bytesWritten).toBe(a.counter.bytesWritten);
  }, 30_000);

  it('skips only a corrupt entry in the middle of the log, counts it once, keeps the records after it', () => {
    const dir = tmp();
    const a = new Outbox({ dir, maxRecords: 100 });
    for (let i = 0; i < 6; i++) a.append(record(T0 + i * 10_000));
    a.ack(1);
    a.close();
    const file = path.join(dir, 'outbox.log');
    const bytes = readFileSync(file);
    // damage record 3's payload (a flipped byte inside its JSON)
    const third = nthEntryOffset(bytes, 2);
    bytes.writeUInt8((bytes.readUInt8(third + 28) ^ 0xff) & 0xff, third + 28);
    // and record 5's length field (so the entry cannot be stepped over)
    const fifth = nthEntryOffset(bytes, 4);
    bytes.writeUInt32LE(0x7fffffff, fifth);
    writeFileSync(file, bytes);
    const b = new Outbox({ dir, maxRecords: 100 });
    expect(b.peek(100).map((r) => r.seq)).toEqual([2, 4, 6]);
    expect(b.corrupt).toBe(2);
    expect(b.corruptRegions).toHaveLength(2);
    expect(b.droppedTailBytes).toBe(0);
    expect(b.append(record(T0 + 60_000)).seq).toBe(7);
    b.close();
    // the log was rewritten without the bad bytes: nothing is counted twice
    const c = new Outbox({ dir, maxRecords: 100 });
    expect(c.corrupt).toBe(2);
    expect(c.corruptRegions).toHaveLength(0);
    expect(c.peek(100).map((r) => r.seq)).toEqual([2, 4, 6, 7]);
    c.close();
  });

  it('quarantines refused records in a file, counted apart from dropped ones', () => {
    const dir = tmp();
    const a = new Outbox({ dir, maxRecords: 100, quarantineMaxBytes: 2000 });
    for (let i = 0; i < 5; i++) a.append(record(T0 + i * 10_000));
    expect(a.quarantineThrough(2, '400 validation_failed: records[1].tau')).toEqual({
      quarantined: 2,
      dropped: 0,
    });
    expect(a.peek(100).map((r) => r.seq)).toEqual([3, 4, 5]);
    const lines = readFileSync(a.quarantineFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry.reason).toContain('records[1].tau');
    expect(entry.records.map((r: TelemetryRecord) => r.seq)).toEqual([1, 2]);
    // the file is bounded: beyond it, refused records are dropped (and counted as such)
    expect(a.quarantineThrough(5, 'x'.repeat(1500))).toEqual({ quarantined: 0, dropped: 3 });
    a.close();
    const b = new Outbox({ dir, maxRecords: 100 });
    expect(b.quarantined).toBe(2);
    expect(b.dropped).toBe(3);
    expect(b.depth).toBe(0);
    b.close();
  });

  it('compacts acknowledged records and counts every byte it wrote', () => {
    const dir = tmp();
    const a = new Outbox({ dir, maxRecords: 1000 });
    for (let i = 0; i < 200; i++) {
      a.append(record(T0 + i * 10_000));
      a.ack(i + 1);
    }
    const size = readdirSync(dir).reduce((s, f) => s + statSync(path.join(dir, f)).size, 0);
    expect(size).toBeLessThan(a.counter.bytesWritten / 10); // compaction keeps the files small
    expect(a.depth).toBe(0);
    expect(a.nextSeq).toBe(201);
    a.close();
    expect(new Outbox({ dir, maxRecords: 1000 }).nextSeq).toBe(201);
  }, 30_000);
});

/** byte offset of the n-th (0-based) entry of an outbox log */
function nthEntryOffset(bytes: Buffer, n: number): number {
  let off = 0;
  for (let i = 0; i < n; i++) off += 8 + bytes.readUInt32LE(off);
  return off;
}

/** An in-memory API: stores by seq, counts duplicates, can be down or lose responses. */
class FakeSink implements TelemetrySink {
  stored = new Map<number, TelemetryRecord>();
  deliveries = 0;
  duplicates = 0;
  down = false;
  loseNextResponse = false;
  retryAfterMs = 0;
  async send(records: TelemetryRecord[]): Promise<TelemetryBatchResponse | RetryAfter> {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:3000');
    if (this.retryAfterMs > 0) return { retryAfterMs: this.retryAfterMs };
    let accepted = 0;
    let duplicates = 0;
    for (const r of records) {
      TelemetryRecordSchema.parse(r);
      this.deliveries++;
      if (this.stored.has(r.seq)) duplicates++;
      else {
        this.stored.set(r.seq, r);
        accepted++;
      }
    }
    this.duplicates += duplicates;
    if (this.loseNextResponse) {
      this.loseNextResponse = false;
      throw new Error('socket hang up'); // stored, but the agent never hears back
    }
    return { accepted, duplicates, lastSeq: Math.max(0, ...this.stored.keys()) };
  }
}

describe('TelemetryUploader', () => {
  it('delivers everything after an hour offline (with a restart in the middle), nothing stored twice', async () => {
    const dir = tmp();
    const sink = new FakeSink();
    const rng = createRng(42);
    let outbox = new Outbox({ dir, maxRecords: 10_000 });
    let uploader = new TelemetryUploader(outbox, sink, { batchSize: 50, random: () => rng.next() });
    // discrete-event simulation over a fake clock: a record every 10 s, the uploader at its own pace
    let now = 0;
    let nextRecord = 0;
    let nextPump = 0;
    const delays: number[] = [];
    const end = 2 * 3600_000;
    while (now < end) {
      now = Math.min(nextRecord, nextPump);
      sink.down = now >= 600_000 && now < 600_000 + 3600_000; // down for an hour from t = 10 min
      if (now === 5000_000) sink.loseNextResponse = true;
      if (now === nextRecord) {
        outbox.append(record(T0 + now));
        nextRecord += 10_000;
        if (now === 3000_000) {
          // the agent restarts while offline: the outbox is reopened from disk
          outbox.close();
          outbox = new Outbox({ dir, maxRecords: 10_000 });
          uploader = new TelemetryUploader(outbox, sink, { batchSize: 50, random: () => rng.next() });
        }
      }
      if (now >= nextPump) {
        const r = await uploader.pump();
        if (r.outcome === 'retry') delays.push(r.delayMs);
        nextPump = now + Math.max(1, r.delayMs);
      }
    }
    // drain what the last pump left
    while (outbox.depth > 0) await uploader.pump();
    const produced = outbox.lastSeq;
    expect(produced).toBe(end / 10_000 + 1); // t = 0 … end inclusive
    expect([...sink.stored.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: produced }, (_, i) => i + 1),
    );
    expect(sink.duplicates).toBeGreaterThan(0); // the lost response was resent ...
    expect(sink.stored.size).toBe(produced); // ... and stored once
    expect(outbox.dropped).toBe(0);
    // backoff grew while offline, with jitter, and stayed under the cap
    expect(Math.max(...delays)).toBeGreaterThan(60_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(300_000);
    expect(new Set(delays).size).toBeGreaterThan(5);
    outbox.close();
  }, 60_000); // fsync-bound: seconds on a busy disk

  it('isolates a refused record by halving the batch: it is quarantined, every other record delivered', async () => {
    const dir = tmp();
    const outbox = new Outbox({ dir, maxRecords: 1000 });
    for (let i = 0; i < 40; i++) outbox.append(record(T0 + i * 10_000));
    const sink = new FakeSink();
    const refusing: TelemetrySink = {
      send: async (records) => {
        if (records.some((r) => r.seq === 23)) {
          throw new PermanentRejectionError('telemetry refused: 400 validation_failed: unknown field');
        }
        return sink.send(records);
      },
    };
    const uploader = new TelemetryUploader(outbox, refusing, { batchSize: 16 });
    const outcomes: string[] = [];
    while (outbox.depth > 0) outcomes.push((await uploader.pump()).outcome);
    expect([...sink.stored.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1).filter((s) => s !== 23),
    );
    expect(outbox.quarantined).toBe(1);
    expect(outbox.dropped).toBe(0);
    expect(outcomes.filter((o) => o === 'quarantined')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'split').length).toBeLessThanOrEqual(5); // log2(16) + 1
    const quarantined = JSON.parse(readFileSync(outbox.quarantineFile, 'utf8'));
    expect(quarantined.records.map((r: TelemetryRecord) => r.seq)).toEqual([23]);
    outbox.close();
  });

  it('quarantines whole batches once the API refuses everything, without a request per record', async () => {
    const dir = tmp();
    const outbox = new Outbox({ dir, maxRecords: 1000 });
    for (let i = 0; i < 300; i++) outbox.append(record(T0 + i * 10_000));
    let requests = 0;
    const refusing: TelemetrySink = {
      send: async () => {
        requests++;
        throw new PermanentRejectionError('telemetry refused: 400 validation_failed: unknown field(s): x');
      },
    };
    const uploader = new TelemetryUploader(outbox, refusing, { batchSize: 100 });
    while (outbox.depth > 0) await uploader.pump();
    expect(outbox.quarantined).toBe(300);
    // three single records isolated by halving (≈ 8 requests each), then whole batches
    expect(requests).toBeLessThan(40);
    outbox.close();
  });

  it('stops on a 401 and keeps every record', async () => {
    const dir = tmp();
    const outbox = new Outbox({ dir, maxRecords: 1000 });
    for (let i = 0; i < 5; i++) outbox.append(record(T0 + i * 10_000));
    let requests = 0;
    const sink: TelemetrySink = {
      send: async () => {
        requests++;
        throw new CredentialRefusedError('telemetry refused: 401 unauthorized: robot decommissioned');
      },
    };
    const uploader = new TelemetryUploader(outbox, sink);
    const controller = new AbortController();
    const last = await runUploadLoop(uploader, controller.signal, async () => {});
    expect(last?.outcome).toBe('unauthorized');
    expect(uploader.stopped).toContain('401');
    expect(await uploader.flush(Date.now() + 1000, async () => {})).toBe(false);
    expect(requests).toBe(1);
    expect(outbox.depth).toBe(5);
    expect(outbox.dropped + outbox.quarantined).toBe(0);
    outbox.close();
  });

  it('honours Retry-After and quarantines a record the API refuses for good', async () => {
    const dir = tmp();
    const outbox = new Outbox({ dir, maxRecords: 100 });
    outbox.append(record(T0));
    const sink = new FakeSink();
    sink.retryAfterMs = 30_000;
    const uploader = new TelemetryUploader(outbox, sink, { random: () => 0.5 });
    const r = await uploader.pump();
    expect(r).toMatchObject({ outcome: 'retry', delayMs: 30_000 });
    const refusing: TelemetrySink = {
      send: async () => {
        throw new PermanentRejectionError('400 records[0].tau: must be ≤ 1');
      },
    };
    const u2 = new TelemetryUploader(outbox, refusing);
    expect((await u2.pump()).outcome).toBe('quarantined');
    expect(outbox.depth).toBe(0);
    expect(outbox.dropped).toBe(0);
    expect(outbox.quarantined).toBe(1);
    outbox.close();
  });
});
