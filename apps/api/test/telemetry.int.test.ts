import { type TelemetryRecord } from '@aura/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/infrastructure/database.js';
import { TelemetryRepository } from '../src/modules/telemetry/telemetry.repository.js';
import { ApiHarness } from './support/api-harness.js';

const POLICY_VERSION_ID = '4c1d3a52-8a1e-4a6f-9b0c-2d7e5f6a1b3c';

function record(seq: number, overrides: Partial<TelemetryRecord> = {}): TelemetryRecord {
  const start = new Date(Date.now() - 60_000 + seq * 10);
  return {
    seq,
    windowStart: start.toISOString(),
    windowEnd: new Date(start.getTime() + 10_000).toISOString(),
    steps: 100,
    writes: 20,
    tau: 0.5,
    policyVersionId: POLICY_VERSION_ID,
    stateBytes: 4224,
    kvEquivalentBytes: 256 * 100 * seq,
    flashBytesWritten: 4096 * 20,
    wearFraction: 0.0001 * seq,
    episodes: { completed: 4, succeeded: 3 },
    stepLatencyUs: { p50: 90, p99: 300 },
    ...overrides,
  };
}

describe('POST /v1/agent/telemetry', () => {
  const { api, keys } = ApiHarness.forSuite(['operator']);
  let robotA: { robotId: string; robotSecret: string };
  let robotB: { robotId: string; robotSecret: string };

  const send = (secret: string, payload: unknown, headers: Record<string, string> = {}) =>
    api.request({
      method: 'POST',
      url: '/v1/agent/telemetry',
      token: secret,
      payload: payload as object,
      headers,
    });
  const partitions = async () =>
    (
      await api.prisma.$queryRaw<{ name: string }[]>`
        SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'telemetry_record' ORDER BY 1`
    ).map((p) => p.name);
  const stored = async (robotId: string) =>
    (await api.prisma.telemetryRecord.findMany({ where: { robotId }, orderBy: { seq: 'asc' } })).map((r) =>
      Number(r.seq),
    );

  beforeAll(async () => {
    robotA = await api.enrollRobot(keys.operator);
    robotB = await api.enrollRobot(keys.operator);
  });

  it('stores a batch and reports accepted, duplicates and lastSeq', async () => {
    const response = await send(robotA.robotSecret, { records: [record(1), record(2), record(3)] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ accepted: 3, duplicates: 0, lastSeq: 3 });
    expect(await stored(robotA.robotId)).toEqual([1, 2, 3]);
  });

  it('ignores records it already has (retries are harmless)', async () => {
    const response = await send(robotA.robotSecret, { records: [record(2), record(3), record(4)] });
    expect(response.json()).toEqual({ accepted: 1, duplicates: 2, lastSeq: 4 });
    expect(await stored(robotA.robotId)).toEqual([1, 2, 3, 4]);
  });

  it('accepts records out of order; lastSeq and the latest state follow the highest seq', async () => {
    expect((await send(robotA.robotSecret, { records: [record(10, { writes: 11 })] })).json().lastSeq).toBe(
      10,
    );
    const late = await send(robotA.robotSecret, { records: [record(7, { writes: 77 })] });
    expect(late.json()).toEqual({ accepted: 1, duplicates: 0, lastSeq: 10 });
    const robot = await api.prisma.robot.findUniqueOrThrow({ where: { id: robotA.robotId } });
    expect(Number(robot.lastSeq)).toBe(10);
    expect((robot.latestTelemetry as { seq: number; writes: number }).writes).toBe(11);
    expect(robot.lastSeenAt).not.toBeNull();
  });

  it('refuses the whole batch when any record is invalid, naming each bad field, storing nothing', async () => {
    const response = await send(robotA.robotSecret, {
      records: [record(20), record(21, { writes: 500 }), { ...record(22), tau: 2, bonus: true }],
    });
    expect(response.statusCode).toBe(400);
    const details = response.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual(expect.arrayContaining(['records[2].tau', 'records[2]']));
    expect(await stored(robotA.robotId)).not.toContain(20);
    const crossField = await send(robotA.robotSecret, { records: [record(23), record(24, { writes: 500 })] });
    expect(crossField.json().error.details).toEqual([
      { path: 'records[1].writes', message: 'must be ≤ steps' },
    ]);
    expect(await stored(robotA.robotId)).not.toContain(23);
  });

  it('keeps each robot to its own data', async () => {
    const response = await send(robotB.robotSecret, { records: [record(1, { writes: 99 })] });
    expect(response.json()).toEqual({ accepted: 1, duplicates: 0, lastSeq: 1 });
    const a1 = await api.prisma.telemetryRecord.findFirstOrThrow({
      where: { robotId: robotA.robotId, seq: 1n },
    });
    expect(a1.writes).toBe(20);
    expect(
      (await api.request({ method: 'GET', url: '/v1/robots', token: robotB.robotSecret })).statusCode,
    ).toBe(401);
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/v1/agent/telemetry',
          token: keys.operator,
          payload: { records: [] },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('answers 4xx, never 500, to hostile input', async () => {
    const cases: [unknown, Record<string, string>, number][] = [
      ['{"records": [', { 'content-type': 'application/json' }, 400],
      ['records=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
      ['hello', { 'content-type': 'text/plain' }, 415],
      ['{"records":[{"seq":1e400}]}', { 'content-type': 'application/json' }, 400],
      [{ records: [record(30, { policyVersion: 'x'.repeat(10_000) })] }, {}, 400],
      [{ records: [record(33, { policyVersionId: 'default@1' })] }, {}, 400],
      [{ records: [record(31, { seq: 2 ** 53 + 2 })] }, {}, 400],
      [{ records: 'all of them' }, {}, 400],
      [{ records: [] }, {}, 400],
      [null, { 'content-type': 'application/json' }, 400],
      [{ records: [record(32, { policyVersion: 'default\u0000x' })] }, {}, 400],
      [{ records: [record(34, { windowStart: '0000-01-01T00:00:00.000Z' })] }, {}, 400],
    ];
    for (const [payload, headers, status] of cases) {
      const response = await send(robotA.robotSecret, payload, headers);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(status);
      expect(response.json().error.code).toEqual(expect.any(String));
    }
    expect(await stored(robotA.robotId)).toEqual([1, 2, 3, 4, 7, 10]);
  });

  it('answers 413 to oversized batches and bodies', async () => {
    const many = { records: Array.from({ length: 501 }, (_, i) => record(1000 + i)) };
    const tooMany = await send(robotA.robotSecret, many);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.code).toBe('payload_too_large');
    const huge = await send(
      robotA.robotSecret,
      JSON.stringify({ records: [record(40)], pad: 'x'.repeat(2_000_000) }),
      {
        'content-type': 'application/json',
      },
    );
    expect(huge.statusCode).toBe(413);
  });

  it('keeps a seq stored once even when the duplicate carries another window, and within one batch', async () => {
    const later = Date.now() - 3 * 3_600_000;
    const moved = record(2, {
      windowStart: new Date(later).toISOString(),
      windowEnd: new Date(later + 10_000).toISOString(),
    });
    expect((await send(robotA.robotSecret, { records: [moved] })).json()).toMatchObject({
      accepted: 0,
      duplicates: 1,
    });
    const twice = await send(robotA.robotSecret, { records: [record(50), record(50)] });
    expect(twice.json()).toMatchObject({ accepted: 1, duplicates: 1 });
    expect((await stored(robotA.robotId)).filter((seq) => seq === 50)).toHaveLength(1);
  });

  it('refuses windows outside [now − retention, now + clock skew] with a 400 naming the field, making no partition', async () => {
    const before = await partitions();
    // The partition flood of issue 13: one batch with windows on 200 days of the year 3000.
    const flood = Array.from({ length: 200 }, (_, i) => {
      const start = Date.parse('3000-01-01T00:00:00.000Z') + i * 86_400_000;
      return record(5000 + i, {
        windowStart: new Date(start).toISOString(),
        windowEnd: new Date(start + 10_000).toISOString(),
      });
    });
    const refused = await send(robotA.robotSecret, { records: flood });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('validation_failed');
    const paths = (refused.json().error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toContain('records[0].windowEnd');
    expect(paths).toContain('records[199].windowEnd');
    expect(await partitions()).toEqual(before);

    const cases: [Partial<TelemetryRecord>, string][] = [
      [{ windowStart: '0000-01-01T00:00:00.000Z', windowEnd: '0000-01-01T00:00:10.000Z' }, 'windowStart'],
      [{ windowStart: '0000-01-01T00:00:00.000Z' }, 'windowStart'],
      [{ windowStart: '2025-03-01T12:00:00.000Z', windowEnd: '2025-03-01T12:00:10.000Z' }, 'windowStart'],
      [
        {
          windowStart: new Date(Date.now() + 600_000).toISOString(),
          windowEnd: new Date(Date.now() + 610_000).toISOString(),
        },
        'windowEnd',
      ],
    ];
    for (const [overrides, field] of cases) {
      const response = await send(robotA.robotSecret, { records: [record(6000), record(6001, overrides)] });
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect((response.json().error.details as { path: string }[]).map((d) => d.path)).toContain(
        `records[1].${field}`,
      );
    }
    expect(await stored(robotA.robotId)).not.toContain(6000);
    expect(await partitions()).toEqual(before);
  });

  it("bounds a record's counts by its window: no billion steps in ten seconds", async () => {
    const response = await send(robotA.robotSecret, {
      records: [
        record(6100, { steps: 1_000_000_000, writes: 0 }),
        record(6101, { episodes: { completed: 500, succeeded: 0 } }),
      ],
    });
    expect(response.statusCode).toBe(400);
    expect((response.json().error.details as { path: string }[]).map((d) => d.path)).toEqual([
      'records[0].steps',
      'records[1].episodes.completed',
    ]);
    expect(await stored(robotA.robotId)).not.toContain(6100);
  });

  it('never makes a partition on ingest: a day without one is a 503 with Retry-After until maintenance makes it', async () => {
    const day = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 10 * 86_400_000);
    const name = `telemetry_record_${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
    await api.prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS ${name}`);
    const late = record(70, {
      windowStart: new Date(day.getTime() + 3_600_000).toISOString(),
      windowEnd: new Date(day.getTime() + 3_610_000).toISOString(),
    });
    const refused = await send(robotA.robotSecret, { records: [late] });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await partitions()).not.toContain(name);

    const result = await api.app.get(TelemetryRepository).maintain(30);
    expect(result.createdPartitions).toBe(1);
    expect((await send(robotA.robotSecret, { records: [late] })).json()).toMatchObject({ accepted: 1 });
  });

  it('maintenance keeps a partition for every day from today − retention to a week ahead, and drops older ones', async () => {
    await api.prisma.$queryRaw`SELECT telemetry_ensure_partition('2025-03-01'::date)`;
    expect(await partitions()).toContain('telemetry_record_20250301');
    const result = await api.app.get(TelemetryRepository).maintain(30);
    expect(result.droppedPartitions).toBeGreaterThanOrEqual(1);
    const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    const expected = Array.from(
      { length: 38 },
      (_, i) =>
        `telemetry_record_${new Date(today + (i - 30) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '')}`,
    );
    expect(await partitions()).toEqual(expected);
  });

  it('looks for a re-sent seq only in the partitions near its window (pruned duplicate check)', async () => {
    const robotG = await api.enrollRobot(keys.operator);
    expect((await send(robotG.robotSecret, { records: [record(1), record(2)] })).json()).toMatchObject({
      accepted: 2,
    });
    // telemetry_ingest called directly inside a transaction, so pg_stat_xact_* count its scans alone.
    const client = await api.app.get(Database).pool.connect();
    try {
      await client.query('BEGIN');
      const r = record(1);
      const { rows } = await client.query(
        `SELECT accepted FROM telemetry_ingest($1::uuid, ARRAY[1]::bigint[], ARRAY[$2]::timestamptz[],
           ARRAY[$3]::timestamptz[], ARRAY[100], ARRAY[20], ARRAY[0.5]::float8[], ARRAY[NULL]::uuid[],
           ARRAY[4224], ARRAY[0]::bigint[], ARRAY[0]::bigint[], ARRAY[0]::float8[], ARRAY[NULL]::text[],
           ARRAY[NULL]::float8[], ARRAY[1], ARRAY[1], ARRAY[1]::float8[], ARRAY[1]::float8[], '{}'::jsonb)`,
        [robotG.robotId, r.windowStart, r.windowEnd],
      );
      expect(rows[0].accepted).toBe(0);
      const scanned = await client.query<{ relname: string }>(
        `SELECT relname FROM pg_stat_xact_user_tables
          WHERE relname ~ '^telemetry_record_[0-9]{8}$' AND (seq_scan > 0 OR idx_scan > 0) ORDER BY relname`,
      );
      expect(scanned.rows.length).toBeGreaterThan(0);
      expect(scanned.rows.length).toBeLessThanOrEqual(3);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('serves time-bucketed series per robot and for the fleet', async () => {
    const series = await api.request({
      method: 'GET',
      url: `/v1/robots/${robotA.robotId}/series`,
      token: keys.operator,
    });
    expect(series.statusCode).toBe(200);
    const { from, to, points } = series.json() as {
      from: string;
      to: string;
      points: { steps: number; writes: number; writesPerStep: number }[];
    };
    const truth = await api.prisma.telemetryRecord.aggregate({
      where: { robotId: robotA.robotId, windowStart: { gte: new Date(from), lt: new Date(to) } },
      _sum: { steps: true, writes: true },
      _count: true,
    });
    expect(truth._count).toBe(7); // seqs 1-4, 7, 10 and 50 fall in the last hour
    expect(points.reduce((sum, p) => sum + p.steps, 0)).toBe(truth._sum.steps);
    expect(points.reduce((sum, p) => sum + p.writes, 0)).toBe(truth._sum.writes);
    const fleet = await api.request({
      method: 'GET',
      url: '/v1/fleet/series?bucketSeconds=3600',
      token: keys.operator,
    });
    expect(fleet.statusCode).toBe(200);
    expect(fleet.json().points.length).toBeGreaterThan(0);
    const bad = await api.request({
      method: 'GET',
      url: '/v1/fleet/series?bucketSeconds=1',
      token: keys.operator,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('bucketSeconds');
  });

  it('stores each seq once under concurrent, overlapping batches of one robot (some re-sent with another window)', async () => {
    const robotC = await api.enrollRobot(keys.operator);
    // Eight batches at once: batch k holds seqs 5k+1 … 5k+20, so neighbours overlap by 15 seqs; odd
    // batches carry other windows for the same seqs, which must still count as duplicates.
    const batches = Array.from({ length: 8 }, (_, k) =>
      Array.from({ length: 20 }, (_, i) => {
        const seq = 5 * k + 1 + i;
        return k % 2 === 0
          ? record(seq)
          : record(seq, {
              windowStart: record(seq + 1000).windowStart,
              windowEnd: record(seq + 1000).windowEnd,
            });
      }).reverse(),
    );
    const results = await Promise.all(batches.map((records) => send(robotC.robotSecret, { records })));
    const bodies = results.map((r) => r.json() as { accepted: number; duplicates: number; lastSeq: number });
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const union = 5 * 7 + 20; // seqs 1 … 55
    expect(bodies.reduce((sum, b) => sum + b.accepted, 0)).toBe(union);
    expect(bodies.reduce((sum, b) => sum + b.duplicates, 0)).toBe(8 * 20 - union);
    expect(await stored(robotC.robotId)).toEqual(Array.from({ length: union }, (_, i) => i + 1));
    const robot = await api.prisma.robot.findUniqueOrThrow({ where: { id: robotC.robotId } });
    expect(Number(robot.lastSeq)).toBe(union);
    expect((robot.latestTelemetry as { seq: number }).seq).toBe(union);
    const again = await send(robotC.robotSecret, {
      records: [
        record(3, { writes: 1 }),
        record(54, {
          windowStart: new Date(Date.now() - 7_200_000).toISOString(),
          windowEnd: new Date(Date.now() - 7_190_000).toISOString(),
        }),
      ],
    });
    expect(again.json()).toEqual({ accepted: 0, duplicates: 2, lastSeq: union });
  });

  it('stores labels with quotes, backslashes and array punctuation verbatim', async () => {
    const robotD = await api.enrollRobot(keys.operator);
    const odd = 'a "b" \\c, {d} NULL';
    const response = await send(robotD.robotSecret, {
      records: [
        record(1, { deviceWear: { source: odd, value: 0.5 } }),
        record(2, { deviceWear: { source: 'NULL', value: 0.25 } }),
        record(3),
      ],
    });
    expect(response.json()).toEqual({ accepted: 3, duplicates: 0, lastSeq: 3 });
    const rows = await api.prisma.telemetryRecord.findMany({
      where: { robotId: robotD.robotId },
      orderBy: { seq: 'asc' },
    });
    expect(rows.map((r) => [r.deviceWearSource, r.deviceWearValue])).toEqual([
      [odd, 0.5],
      ['NULL', 0.25],
      [null, null],
    ]);
  });

  it('refuses a NUL in any string or key of a body, naming it; takes the text \\u0000 (escaped backslash)', async () => {
    const robotN = await api.enrollRobot(keys.operator);
    const inValue = await send(robotN.robotSecret, {
      records: [record(1), record(2, { deviceWear: { source: 'emmc\u0000b', value: 0.5 } })],
    });
    expect(inValue.statusCode).toBe(400);
    expect(inValue.json().error.details).toEqual([
      { path: 'records[1].deviceWear.source', message: 'must not contain NUL (\\u0000) characters' },
    ]);
    const inKey = await send(robotN.robotSecret, '{"records":[{"seq\\u0000":1}]}', {
      'content-type': 'application/json',
    });
    expect(inKey.statusCode).toBe(400);
    expect(inKey.json().error.details[0].path).toBe('records[0].seq\u0000');
    // A backslash followed by the letters u0000 is no NUL: the body's text holds the escape, the walk
    // finds nothing, the record is stored verbatim.
    const lookalike = 'C:\\u0000';
    const stored = await send(robotN.robotSecret, {
      records: [record(3, { deviceWear: { source: lookalike, value: 0.5 } })],
    });
    expect(stored.json()).toEqual({ accepted: 1, duplicates: 0, lastSeq: 3 });
    const row = await api.prisma.telemetryRecord.findFirstOrThrow({
      where: { robotId: robotN.robotId, seq: 3 },
    });
    expect(row.deviceWearSource).toBe(lookalike);
  });

  it('takes the deprecated policyVersion of older agents: a UUID as policyVersionId, anything else as unknown', async () => {
    const robotF = await api.enrollRobot(keys.operator);
    const { policyVersionId: _, ...legacy } = record(1);
    const response = await send(robotF.robotSecret, {
      records: [
        { ...legacy, seq: 1, policyVersion: POLICY_VERSION_ID.toUpperCase() },
        { ...legacy, seq: 2, policyVersion: 'local-default' },
        { ...legacy, seq: 3 },
      ],
    });
    expect(response.json()).toEqual({ accepted: 3, duplicates: 0, lastSeq: 3 });
    const rows = await api.prisma.telemetryRecord.findMany({
      where: { robotId: robotF.robotId },
      orderBy: { seq: 'asc' },
    });
    expect(rows.map((r) => r.policyVersionId)).toEqual([POLICY_VERSION_ID, null, null]);
    const robot = await api.request({
      method: 'GET',
      url: `/v1/robots/${robotF.robotId}`,
      token: keys.operator,
    });
    expect(robot.json().latestTelemetry).not.toHaveProperty('policyVersion');
    await send(robotF.robotSecret, { records: [{ ...legacy, seq: 4, policyVersion: POLICY_VERSION_ID }] });
    const latest = await api.request({
      method: 'GET',
      url: `/v1/robots/${robotF.robotId}`,
      token: keys.operator,
    });
    expect(latest.json().latestTelemetry).toMatchObject({ seq: 4, policyVersionId: POLICY_VERSION_ID });
    expect(latest.json().latestTelemetry).not.toHaveProperty('policyVersion');
  });

  it('files a window given with a UTC offset under its UTC day', async () => {
    const robotE = await api.enrollRobot(keys.operator);
    // 01:00 at +03:00 two days ago is 22:00 UTC three days ago.
    const utcDay = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 3 * 86_400_000);
    const local = new Date(utcDay.getTime() + 86_400_000).toISOString().slice(0, 10);
    const response = await send(robotE.robotSecret, {
      records: [
        record(1, { windowStart: `${local}T01:00:00.000+03:00`, windowEnd: `${local}T01:00:10.000+03:00` }),
      ],
    });
    expect(response.json()).toEqual({ accepted: 1, duplicates: 0, lastSeq: 1 });
    const rows = await api.prisma.$queryRaw<{ partition: string }[]>`
      SELECT tableoid::regclass::text AS partition FROM telemetry_record WHERE robot_id = ${robotE.robotId}::uuid`;
    expect(rows).toEqual([
      { partition: `telemetry_record_${utcDay.toISOString().slice(0, 10).replaceAll('-', '')}` },
    ]);
  });
});
