import { MAX_TELEMETRY_BATCH, TelemetryBatchSchema } from '@aura/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContractPipe } from '../../common/api-contract.js';
import { AppError } from '../../common/app-error.js';
import { isValidTelemetryBatch } from './telemetry-batch-validator.js';

/**
 * The compiled telemetry validator must accept exactly what the contract's zod schema accepts. Both
 * run over a generated corpus — valid records (date-times in every accepted form, boundaries of
 * every range) and each of them broken in one place (edge values, wrong types, missing and unknown
 * fields, cross-field rules) — and must agree on every case.
 */
const SEED = 15_2026;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** An ISO-8601 date-time as agents (and others) may write it: Z or an offset, 0-9 fraction digits. */
const isoDateTime = fc
  .record({
    ms: fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) }),
    fraction: fc.constantFrom('', '.0', '.123', '.5', '.123456', '.999999999'),
    offset: fc.constantFrom('Z', '+00:00', '+05:30', '-08:00', '+23:59', '-00:00'),
  })
  .map(({ ms, fraction, offset }) => {
    const d = new Date(ms);
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction}${offset}`;
  });
const count = (max: number) => fc.oneof(fc.constantFrom(0, 1, max), fc.integer({ min: 0, max }));
const fraction = fc.oneof(fc.constantFrom(0, 1, -0, 0.5), fc.double({ min: 0, max: 1, noNaN: true }));
const uuid = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '4C1D3A52-8A1E-4A6F-9B0C-2D7E5F6A1B3C',
  ),
);

const validRecord = fc
  .record(
    {
      seq: fc.oneof(fc.constantFrom(1, 2, MAX_SAFE), fc.integer({ min: 1, max: MAX_SAFE })),
      windowStart: isoDateTime,
      windowEnd: isoDateTime,
      steps: count(1_000_000_000),
      writes: count(1_000_000_000),
      tau: fraction,
      policyVersionId: uuid,
      policyVersion: fc.string({ minLength: 1, maxLength: 100 }),
      stateBytes: count(1_000_000_000),
      kvEquivalentBytes: count(MAX_SAFE),
      flashBytesWritten: count(MAX_SAFE),
      wearFraction: fraction,
      deviceWear: fc.record({
        source: fc.string({ minLength: 1, maxLength: 100 }),
        value: fc.oneof(fc.constantFrom(0, 2.55), fc.double({ min: 0, max: 2.55, noNaN: true })),
      }),
      persistMode: fc.constantFrom('none', 'snapshot', 'delta-log'),
      episodes: fc.record({ completed: count(1_000_000_000), succeeded: count(1_000_000_000) }),
      stepLatencyUs: fc.record({
        p50: fc.double({ min: 0, max: 1e9, noNaN: true }),
        p99: fc.constantFrom(0, 1e9, 250.5),
      }),
    },
    {
      requiredKeys: [
        'seq',
        'windowStart',
        'windowEnd',
        'steps',
        'writes',
        'tau',
        'stateBytes',
        'kvEquivalentBytes',
        'flashBytesWritten',
        'wearFraction',
        'episodes',
        'stepLatencyUs',
      ],
    },
  )
  // Mostly records that hold the cross-field rules (as agents send them), sometimes not.
  .chain((r) =>
    fc.nat({ max: 9 }).map((n) => {
      const fix = n > 0;
      if (!fix) return r;
      const [start, end] = [r.windowStart, r.windowEnd].sort((a, b) => Date.parse(a) - Date.parse(b));
      return {
        ...r,
        windowStart: start!,
        windowEnd: end!,
        writes: Math.min(r.writes, r.steps),
        episodes: { ...r.episodes, succeeded: Math.min(r.episodes.succeeded, r.episodes.completed) },
      };
    }),
  );

/** Values that break (or test the edge of) a field of any type. */
const edgeValue = fc.constantFrom<unknown>(
  0,
  -0,
  -1,
  1,
  0.5,
  1.0000001,
  2.55,
  2.5500001,
  1e9,
  1e9 + 1,
  MAX_SAFE,
  MAX_SAFE + 1,
  2 ** 53 + 2,
  -MAX_SAFE,
  1e308,
  -1e-300,
  1.5,
  '1',
  '',
  'x'.repeat(101),
  null,
  true,
  false,
  [],
  {},
  [1],
  '2024-02-29T00:00:00Z',
  '2023-02-29T00:00:00Z',
  '2024-02-30T00:00:00Z',
  '2024-13-01T00:00:00Z',
  '2024-01-01T24:00:00Z',
  '2024-01-01T00:00:60Z',
  '2024-01-01T00:00:00',
  '2024-01-01T00:00:00z',
  '2024-01-01 00:00:00Z',
  '2024-01-01T00:00:00+0530',
  '2024-01-01T00:00:00+24:00',
  '2024-01-01T00:00Z',
  '2024-01-01T00:00:00.Z',
  '+012024-01-01T00:00:00Z',
  '2024-01-01',
  '4c1d3a52-8a1e-4a6f-9b0c-2d7e5f6a1b3c',
  '4c1d3a52-8a1e-9a6f-9b0c-2d7e5f6a1b3c',
  '4c1d3a52-8a1e-4a6f-7b0c-2d7e5f6a1b3c',
  '4c1d3a528a1e4a6f9b0c2d7e5f6a1b3c',
  '{4c1d3a52-8a1e-4a6f-9b0c-2d7e5f6a1b3c}',
  'none',
  'snapshot',
  'delta-log',
  'Snapshot',
  'other',
  { completed: 1, succeeded: 2 },
  { completed: 2, succeeded: 1 },
  { completed: 2, succeeded: 1, extra: 1 },
  { p50: 1, p99: 2 },
  { p50: -1, p99: 2 },
  { source: 'emmc', value: 0.2 },
  { source: '', value: 0.2 },
);
const FIELDS = [
  'seq',
  'windowStart',
  'windowEnd',
  'steps',
  'writes',
  'tau',
  'policyVersionId',
  'policyVersion',
  'stateBytes',
  'kvEquivalentBytes',
  'flashBytesWritten',
  'wearFraction',
  'deviceWear',
  'persistMode',
  'episodes',
  'stepLatencyUs',
  'episodes.completed',
  'episodes.succeeded',
  'stepLatencyUs.p50',
  'stepLatencyUs.p99',
  'deviceWear.source',
  'deviceWear.value',
  'unknownField',
  'episodes.unknown',
] as const;

type Mutation =
  | { kind: 'set'; field: string; value: unknown }
  | { kind: 'delete'; field: string }
  | { kind: 'cross'; rule: 'writes' | 'window' | 'succeeded' };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom(...FIELDS), value: edgeValue }),
  fc.record({ kind: fc.constant('delete' as const), field: fc.constantFrom(...FIELDS) }),
  fc.record({
    kind: fc.constant('cross' as const),
    rule: fc.constantFrom('writes' as const, 'window' as const, 'succeeded' as const),
  }),
);

function mutate(record: Record<string, unknown>, m: Mutation): Record<string, unknown> {
  const copy = structuredClone(record) as Record<string, Record<string, unknown> | unknown>;
  if (m.kind === 'cross') {
    if (m.rule === 'writes') return { ...copy, steps: 10, writes: 11 };
    if (m.rule === 'succeeded') return { ...copy, episodes: { completed: 3, succeeded: 4 } };
    // one millisecond apart, written in different offsets
    return { ...copy, windowStart: '2026-11-24T10:00:00.001Z', windowEnd: '2026-11-24T11:00:00.000+01:00' };
  }
  const [head, tail] = m.field.split('.') as [string, string | undefined];
  let target = copy as Record<string, unknown>;
  let key = head;
  if (tail) {
    if (typeof copy[head] !== 'object' || copy[head] === null) copy[head] = {};
    target = copy[head] as Record<string, unknown>;
    key = tail;
  }
  if (m.kind === 'delete') delete target[key];
  else target[key] = m.value;
  return copy;
}

/** A body as it arrives: JSON text parsed (no undefined, -0 kept, no functions). */
const wire = (body: unknown) => JSON.parse(JSON.stringify(body)) as unknown;

function agree(body: unknown) {
  const zod = TelemetryBatchSchema.safeParse(body);
  const compiled = isValidTelemetryBatch(body);
  expect(compiled, JSON.stringify(body).slice(0, 600)).toBe(zod.success);
  // what the compiled path hands on as is, zod would have handed on unchanged
  if (zod.success) expect(zod.data).toEqual(body);
  return zod.success;
}

describe('compiled telemetry validator vs the zod contract', () => {
  it('agrees on generated valid records and batches', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.array(validRecord, { minLength: 1, maxLength: 5 }), (records) => {
        if (agree(wire({ records }))) valid++;
      }),
      { seed: SEED, numRuns: 1500 },
    );
    expect(valid).toBeGreaterThan(500); // the corpus is not all refusals
  }, 120_000);

  it('agrees on every record broken (or pushed to an edge) in one or two places', () => {
    let refused = 0;
    fc.assert(
      fc.property(
        validRecord,
        fc.array(mutation, { minLength: 1, maxLength: 2 }),
        fc.nat({ max: 3 }),
        (record, mutations, goodBefore) => {
          const broken = mutations.reduce((r, m) => mutate(r, m), record as Record<string, unknown>);
          const records = [...Array.from({ length: goodBefore }, () => record), broken];
          if (!agree(wire({ records }))) refused++;
        },
      ),
      { seed: SEED, numRuns: 4000 },
    );
    expect(refused).toBeGreaterThan(2000);
  }, 120_000);

  it('agrees on malformed batches', () => {
    const record = fc.sample(validRecord, { seed: SEED, numRuns: 1 })[0]!;
    for (const body of [
      null,
      [],
      'records',
      1,
      {},
      { records: [] },
      { records: {} },
      { records: null },
      { records: [null] },
      { records: [record], extra: 1 },
      { records: [record, 1] },
      { records: Array.from({ length: MAX_TELEMETRY_BATCH }, () => record) },
      { records: Array.from({ length: MAX_TELEMETRY_BATCH + 1 }, () => record) },
    ]) {
      agree(wire(body));
    }
  });

  it('a refused batch still gets the 400 naming each bad field (zod’s issues, through ContractPipe)', () => {
    const pipe = new ContractPipe({
      summary: 't',
      tag: 't',
      auth: 'robot',
      body: TelemetryBatchSchema,
      bodyCheck: isValidTelemetryBatch,
    });
    const record = fc.sample(validRecord, { seed: SEED + 1, numRuns: 1 })[0]!;
    const good = wire({
      records: [
        {
          ...record,
          steps: 0,
          writes: 0,
          windowEnd: record.windowStart,
          episodes: { completed: 0, succeeded: 0 },
        },
      ],
    });
    expect(pipe.transform(good, { type: 'body' })).toBe(good); // handed on as is
    const cases: [Record<string, unknown>, string][] = [
      [{ ...(good as { records: object[] }).records[0], writes: 1 }, 'records[1].writes'],
      [{ ...(good as { records: object[] }).records[0], seq: MAX_SAFE + 1 }, 'records[1].seq'],
      [
        { ...(good as { records: object[] }).records[0], windowEnd: '1970-01-01T00:00:00Z' },
        'records[1].windowEnd',
      ],
      [
        { ...(good as { records: object[] }).records[0], episodes: { completed: 0, succeeded: 1 } },
        'records[1].episodes.succeeded',
      ],
      [{ ...(good as { records: object[] }).records[0], tau: 1.5 }, 'records[1].tau'],
    ];
    for (const [bad, path] of cases) {
      const body = wire({ records: [(good as { records: object[] }).records[0], bad] });
      let error: unknown;
      try {
        pipe.transform(body, { type: 'body' });
      } catch (e) {
        error = e;
      }
      expect(error, `${path}: ${JSON.stringify(bad)}`).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation_failed');
      expect((error as AppError).details?.map((d) => d.path)).toContain(path);
      expect((error as AppError).message).toContain(path);
    }
  });
});
