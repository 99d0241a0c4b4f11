import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TelemetryRecord } from '@aura/core';
import { afterAll, describe, expect, it } from 'vitest';
import { Outbox } from '../telemetry/outbox.js';
import type { TelemetrySink } from '../telemetry/uploader.js';
import { runCommand } from './run-command.js';

const modelPath = path.resolve(import.meta.dirname, '../../../../models/aura-mem-hard-v1.onnx');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'aura-run-'));
  dirs.push(dir);
  const config = path.join(dir, 'agent.json');
  writeFileSync(
    config,
    JSON.stringify({
      model: { path: modelPath },
      stateDir: 'state',
      persistence: { mode: 'none' },
      telemetry: { windowSeconds: 0.05, batchSize: 3 },
      development: true,
      api: { url: 'http://127.0.0.1:9' },
    }),
  );
  let out = '';
  let err = '';
  const io = {
    env: {},
    out: { write: (s: string) => (out += s), isTTY: false } as unknown as NodeJS.WriteStream,
    err: { write: (s: string) => (err += s) } as unknown as NodeJS.WriteStream,
  };
  const logDestination = { write: (s: string) => (err += s) } as unknown as NodeJS.WritableStream;
  return { dir, config, io, logDestination, text: () => ({ out, err }) };
}

describe('run with a telemetry sink (unit: in-memory sink)', () => {
  it('uploads while running and flushes the outbox at shutdown', async () => {
    const { dir, config, io } = setup();
    const stored = new Map<number, TelemetryRecord>();
    let sends = 0;
    const sink: TelemetrySink = {
      async send(records) {
        sends++;
        for (const r of records) stored.set(r.seq, r);
        return { accepted: records.length, duplicates: 0, lastSeq: Math.max(...stored.keys()) };
      },
    };
    const code = await runCommand({ config, synthetic: true, steps: 3000, status: false }, io, {
      createSink: async () => sink,
    });
    expect(code).toBe(0);
    const outbox = new Outbox({ dir: path.join(dir, 'state/outbox'), maxRecords: 1000 });
    expect(outbox.depth).toBe(0);
    expect(stored.size).toBe(outbox.lastSeq);
    expect(stored.size).toBeGreaterThan(0);
    expect([...stored.values()].reduce((s, r) => s + r.steps, 0)).toBe(3000);
    expect(sends).toBeGreaterThan(0);
    outbox.close();
  }, 60_000);

  it('keeps undelivered telemetry in the outbox when the API stays down past the flush deadline', async () => {
    const { dir, config, io, text, logDestination } = setup();
    const sink: TelemetrySink = {
      send: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    };
    const code = await runCommand({ config, synthetic: true, steps: 300, status: false }, io, {
      logDestination,
      createSink: async () => sink,
      flushTimeoutMs: 100,
    });
    expect(code).toBe(0);
    expect(text().err).toMatch(
      /could not deliver \d+ record\(s\) before the deadline \(connect ECONNREFUSED\)/,
    );
    const outbox = new Outbox({ dir: path.join(dir, 'state/outbox'), maxRecords: 1000 });
    expect(outbox.depth).toBe(outbox.lastSeq);
    expect(outbox.depth).toBeGreaterThan(0);
    outbox.close();
  }, 60_000);
});

describe('run with api.url and the default control plane', () => {
  it('refuses to start without an enrolment token when no credential is stored (exit 78)', async () => {
    const { config, io, text } = setup();
    const code = await runCommand({ config, synthetic: true, steps: 10, status: false }, io);
    expect(code).toBe(78);
    expect(text().err).toMatch(
      /api\.enrollmentToken: required to enrol \(no credential in .*credential\.json\)/,
    );
  });
});
