import type { TelemetryRecord } from '@aura/core';
import { telemetryRecord } from '@aura/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestGroupQuery } from '../src/modules/telemetry/ingest-group-query.js';
import { ApiHarness } from './support/api-harness.js';

/**
 * telemetry_record's reference to robot, kept by triggers since migration 20261203170000 (its foreign
 * key's per-row check cost about a fifth of the ingest backends' CPU): no telemetry row can name a
 * robot that does not exist — not by a plain INSERT, not by an UPDATE, not by an insert that races a
 * robot's deletion — and deleting or renaming a robot carries to its telemetry, as ON DELETE / ON
 * UPDATE CASCADE did.
 */
describe('telemetry_record → robot integrity', () => {
  const { api, keys } = ApiHarness.forSuite(['operator']);
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const client = new pg.Client({ connectionString: api.config.database.url });
      await client.connect();
      clients.push(client);
    }
  });
  afterAll(async () => {
    // Rows inserted by plain SQL have no telemetry_rollup row (only telemetry_ingest keeps it), and the
    // run's files share this database: deleting the robots takes their rows along, so no fleet-wide
    // rollup read of a later file (fleet-series-rollup.int) meets records no rollup counts.
    await clients[2]?.query('DELETE FROM robot WHERE id = ANY($1::uuid[])', [enrolled]);
    for (const client of clients) await client.end();
  });

  const records = (from: number, count: number): TelemetryRecord[] => {
    const start = Date.now() - 3_600_000;
    return Array.from({ length: count }, (_, i) =>
      telemetryRecord(from + i, {}, { start: new Date(start + (from + i) * 10_000) }),
    );
  };
  const enrolled: string[] = [];
  const robot = async () => {
    const { robotId } = await api.enrollRobot(keys.operator);
    enrolled.push(robotId);
    return robotId;
  };
  /** A plain INSERT of `count` telemetry rows for `robotId`, as any SQL client could write one. */
  const insertRows = (client: pg.Client, robotId: string, count: number) =>
    client.query(
      `INSERT INTO telemetry_record (robot_id, seq, window_start, window_end, steps, writes, tau, state_bytes,
              kv_equivalent_bytes, flash_bytes_written, wear_fraction, episodes_completed, episodes_succeeded,
              latency_p50_us, latency_p99_us)
       SELECT $1::uuid, g, now() - interval '1 hour', now() - interval '50 minutes', 10, 1, 0.5, 4224, 0, 0, 0.1,
              0, 0, 1, 2
         FROM generate_series(1, $2::int) g`,
      [robotId, count],
    );
  const count = async (robotId: string) =>
    Number(
      (
        await clients[2]!.query<{ n: string }>(
          'SELECT count(*) AS n FROM telemetry_record WHERE robot_id = $1',
          [robotId],
        )
      ).rows[0]!.n,
    );
  const sqlState = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: unknown) => (error as { code?: string }).code,
    );

  it('refuses an insert naming a robot that does not exist, whole statement, with 23503', async () => {
    const real = await robot();
    const ghost = '00000000-0000-4000-8000-00000000dead';
    const [db] = clients as [pg.Client];
    expect(await sqlState(insertRows(db, ghost, 3))).toBe('23503');
    // A statement mixing a real and a missing robot stores nothing either.
    expect(
      await sqlState(
        db.query(
          `INSERT INTO telemetry_record (robot_id, seq, window_start, window_end, steps, writes, tau, state_bytes,
                  kv_equivalent_bytes, flash_bytes_written, wear_fraction, episodes_completed, episodes_succeeded,
                  latency_p50_us, latency_p99_us)
           SELECT r::uuid, 1, now() - interval '1 hour', now(), 10, 1, 0.5, 4224, 0, 0, 0.1, 0, 0, 1, 2
             FROM unnest($1::text[]) r`,
          [[real, ghost]],
        ),
      ),
    ).toBe('23503');
    expect(await count(real)).toBe(0);
    expect(await count(ghost)).toBe(0);
    // Moving rows onto a missing robot is refused too.
    await insertRows(db, real, 2);
    expect(
      await sqlState(
        db.query('UPDATE telemetry_record SET robot_id = $1 WHERE robot_id = $2', [ghost, real]),
      ),
    ).toBe('23503');
    expect(await count(real)).toBe(2);
  });

  it("deletes a robot's telemetry with the robot, and carries a changed robot id to it", async () => {
    const [a, b] = [await robot(), await robot()];
    const [db] = clients as [pg.Client];
    await insertRows(db, a, 5);
    await insertRows(db, b, 4);
    await db.query('DELETE FROM robot WHERE id = $1', [a]);
    expect(await count(a)).toBe(0);
    expect(await count(b)).toBe(4);
    const renamed = '00000000-0000-4000-8000-00000000beef';
    await db.query('UPDATE robot SET id = $1 WHERE id = $2', [renamed, b]);
    expect(await count(b)).toBe(0);
    expect(await count(renamed)).toBe(4);
    await db.query('DELETE FROM robot WHERE id = $1', [renamed]);
    expect(await count(renamed)).toBe(0);
  });

  it('leaves no orphan when a robot is deleted while its telemetry is being ingested', async () => {
    const [inserter, deleter] = clients as [pg.Client, pg.Client];
    // 1. The ingest transaction goes first: the DELETE waits for it, then removes what it stored.
    const first = await robot();
    await inserter.query('BEGIN');
    await inserter.query(ingestGroupQuery([{ robotId: first, records: records(1, 20) }]));
    const deleting = deleter.query('DELETE FROM robot WHERE id = $1', [first]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await inserter.query('COMMIT');
    await deleting;
    expect(await count(first)).toBe(0);

    // 2. A plain INSERT (no robot lock of its own) while a DELETE of its robot is pending: it waits
    //    for the DELETE and then fails, or the DELETE's cascade removes its rows — never an orphan.
    const second = await robot();
    await deleter.query('BEGIN');
    await deleter.query('DELETE FROM robot WHERE id = $1', [second]);
    const inserting = sqlState(insertRows(inserter, second, 3));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await deleter.query('COMMIT');
    expect(await inserting).toBe('23503');
    expect(await count(second)).toBe(0);

    // 3. The plain INSERT's transaction goes first and stays open: the DELETE waits for its lock.
    const third = await robot();
    await inserter.query('BEGIN');
    await insertRows(inserter, third, 3);
    const waiting = deleter.query('DELETE FROM robot WHERE id = $1', [third]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await inserter.query('COMMIT');
    await waiting;
    expect(await count(third)).toBe(0);
  });
});
