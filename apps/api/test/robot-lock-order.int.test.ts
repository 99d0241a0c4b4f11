import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness, uniqueName } from './support/api-harness.js';

/**
 * Bulk changes to robot rows lock them in id order, as telemetry ingest does (it locks the robot rows
 * of a group of batches in id order). Two transactions that both lock in id order cannot deadlock;
 * one that locked in heap order could, and PostgreSQL would abort it (40P01) — in `pnpm chaos` an
 * operator's fleet-default change met the fleet flushing its outboxes after a database outage and
 * answered 500. Here a transaction holds the lower-id robot, as an ingest group would, while the
 * fleet default moves both robots: the change must wait at that robot without holding the higher-id
 * one, so the ingest group can go on and both finish.
 */
describe('bulk robot changes lock robots in id order', () => {
  const { api, keys } = ApiHarness.forSuite(['operator'], { AGENT_RATE_LIMIT: '0' });
  let db: pg.Client;

  beforeAll(async () => {
    db = new pg.Client({ connectionString: api.config.database.url });
    await db.connect();
  });
  afterAll(() => db?.end());

  it('a fleet-default change waits at the lowest locked robot, holding none above it', async () => {
    const [a, b] = [
      (await api.enrollRobot(keys.operator)).robotId,
      (await api.enrollRobot(keys.operator)).robotId,
    ].sort();
    // The lower id's row gets a new tuple after the other's: a heap-order scan would reach `b` first.
    await db.query('UPDATE robot SET name = name WHERE id = $1', [a]);
    const policy = await api.request({
      method: 'POST',
      url: '/v1/policies',
      token: keys.operator,
      payload: { name: uniqueName('lock-order'), tau: 0.4 },
    });
    const versionId = policy.json().versions[0].id as string;

    await db.query('BEGIN');
    await db.query('SELECT 1 FROM robot WHERE id = $1 FOR UPDATE', [a]);
    const change = api.request({
      method: 'PUT',
      url: '/v1/fleet/default-policy',
      token: keys.operator,
      payload: { policyVersionId: versionId, reason: 'lock order' },
    });
    // Wait until the change is blocked on `a` (a lock wait on the robot table from another backend).
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      );
      if (rows[0].n > 0) break;
      if (Date.now() > deadline) throw new Error('the fleet-default change never waited on the locked robot');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The ingest side goes on to the next robot in id order: it must not be held by the change.
    await expect(db.query('SELECT 1 FROM robot WHERE id = $1 FOR UPDATE NOWAIT', [b])).resolves.toBeTruthy();
    await db.query('COMMIT');

    const response = await change;
    expect(response.statusCode, response.body).toBe(200);
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM robot WHERE id = ANY($1::uuid[]) AND desired_policy_version_id = $2',
      [[a, b], versionId],
    );
    expect(rows[0].n).toBe(2);
  }, 60_000);
});
