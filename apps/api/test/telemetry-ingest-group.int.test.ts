import type { TelemetryRecord } from '@aura/core';
import { telemetryRecord } from '@aura/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IngestBatch,
  type IngestGroupRow,
  ingestGroupQuery,
} from '../src/modules/telemetry/ingest-group-query.js';
import { ApiHarness } from './support/api-harness.js';

/**
 * telemetry_ingest_group (migration 20261203141000), the set-based statement of a whole ingest group,
 * called straight from several connections: groups of overlapping robots (the API keeps two groups in
 * flight, and a robot's next batch may be in the other one) named in different orders, with seqs
 * re-sent in other windows, never deadlock and store each seq once with the right per-batch counts;
 * the robots are locked in id order; a group naming a robot twice, or a robot that does not exist, is
 * refused whole.
 */
describe('telemetry_ingest_group', () => {
  const { api, keys } = ApiHarness.forSuite(['operator']);
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 4; i++) {
      const client = new pg.Client({ connectionString: api.config.database.url });
      await client.connect();
      clients.push(client);
    }
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
  });

  const records = (from: number, count: number, start: Date, shiftMs = 0): TelemetryRecord[] =>
    Array.from({ length: count }, (_, i) =>
      telemetryRecord(from + i, {}, { start: new Date(start.getTime() + (from + i) * 10_000 + shiftMs) }),
    );
  const call = async (client: pg.Client, batches: IngestBatch[]) =>
    (await client.query<IngestGroupRow>(ingestGroupQuery(batches))).rows;
  const robots = async (n: number) =>
    (await Promise.all(Array.from({ length: n }, () => api.enrollRobot(keys.operator)))).map(
      (r) => r.robotId,
    );

  it('stores each seq once under concurrent groups of overlapping robots, with per-batch counts', async () => {
    const ids = await robots(5);
    const start = new Date(Date.now() - 3_600_000);
    // 4 connections × 6 rounds; every group holds all 5 robots, each connection in its own order; each
    // robot's batch covers seqs [10k+1, 10k+20] for a round-dependent k, so groups overlap by robot and
    // by seq, and half of them re-send seqs with windows shifted by a minute (still duplicates).
    const results: { robot: string; sent: number[]; row: IngestGroupRow }[] = [];
    await Promise.all(
      clients.map(async (client, c) => {
        for (let round = 0; round < 6; round++) {
          const order = [...ids].sort((x, y) => (x < y ? -1 : 1) * (c % 2 === 0 ? 1 : -1));
          if (c >= 2) order.push(order.shift()!);
          const from = ((round + c) % 4) * 10 + 1;
          const batches = order.map((robotId) => ({
            robotId,
            records: records(from, 20, start, c % 2 === 1 ? 60_000 : 0),
          }));
          const rows = await call(client, batches);
          expect(rows.map((row) => row.batch)).toEqual(batches.map((_, i) => i + 1));
          for (const [i, batch] of batches.entries())
            results.push({ robot: batch.robotId, sent: batch.records.map((r) => r.seq), row: rows[i]! });
        }
      }),
    );
    for (const robotId of ids) {
      const mine = results.filter((r) => r.robot === robotId);
      const { rows } = await clients[0]!.query<{ seq: string }>(
        'SELECT seq FROM telemetry_record WHERE robot_id = $1 ORDER BY seq',
        [robotId],
      );
      const stored = rows.map((row) => Number(row.seq));
      expect(stored).toEqual(Array.from({ length: 50 }, (_, i) => i + 1)); // seqs 1-50, once each
      expect(mine.reduce((sum, r) => sum + r.row.accepted, 0)).toBe(50);
      expect(Math.max(...mine.map((r) => Number(r.row.last_seq)))).toBe(50);
      // Each answer's last_seq is at least its own batch's highest seq.
      for (const r of mine) expect(Number(r.row.last_seq)).toBeGreaterThanOrEqual(Math.max(...r.sent));
      const robot = await clients[0]!.query(
        `SELECT r.last_seq, (r.latest_telemetry->>'seq')::int AS latest,
                (SELECT sum(records)::int FROM telemetry_rollup u WHERE u.robot_id = r.id) AS rolled
           FROM robot r WHERE r.id = $1`,
        [robotId],
      );
      expect(robot.rows[0]).toEqual({ last_seq: '50', latest: 50, rolled: 50 });
    }
  }, 60_000);

  it('locks the robots of a group in id order, whatever order the batches name them in', async () => {
    const [a, b, c] = (await robots(3)).sort() as [string, string, string];
    const start = new Date(Date.now() - 1_800_000);
    const holder = clients[0]!;
    const observer = clients[2]!;
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM robot WHERE id = $1 FOR UPDATE', [b]);
    const group = call(
      clients[1]!,
      [c, a, b].map((robotId) => ({ robotId, records: records(1, 3, start) })),
    );
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await observer.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      );
      if (rows[0].n > 0) break;
      if (Date.now() > deadline) throw new Error('the group never waited on the locked robot');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Waiting at b, the group holds a (below it) and not c (above it).
    await expect(
      observer.query('SELECT 1 FROM robot WHERE id = $1 FOR UPDATE NOWAIT', [a]),
    ).rejects.toThrow();
    await observer.query('BEGIN');
    await expect(
      observer.query('SELECT 1 FROM robot WHERE id = $1 FOR UPDATE NOWAIT', [c]),
    ).resolves.toBeTruthy();
    await observer.query('ROLLBACK');
    await holder.query('COMMIT');
    expect((await group).map((row) => [row.batch, row.accepted, row.last_seq])).toEqual([
      [1, 3, '3'],
      [2, 3, '3'],
      [3, 3, '3'],
    ]);
  }, 60_000);

  it('refuses a group that names a robot twice or a robot that does not exist, storing nothing', async () => {
    const [a, b] = await robots(2);
    const start = new Date(Date.now() - 900_000);
    await expect(
      call(clients[0]!, [
        { robotId: a!, records: records(1, 2, start) },
        { robotId: a!, records: records(3, 2, start) },
      ]),
    ).rejects.toMatchObject({ code: '22023' });
    await expect(
      call(clients[0]!, [
        { robotId: b!, records: records(1, 2, start) },
        { robotId: '00000000-0000-4000-8000-000000000000', records: records(1, 2, start) },
      ]),
    ).rejects.toMatchObject({ code: '23503' });
    const { rows } = await clients[0]!.query(
      'SELECT count(*)::int AS n FROM telemetry_record WHERE robot_id = ANY($1::uuid[])',
      [[a, b]],
    );
    expect(rows[0].n).toBe(0);
  }, 60_000);
});
