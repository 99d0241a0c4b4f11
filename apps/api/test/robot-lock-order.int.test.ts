import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConfigRepository } from '../src/modules/agent-config/agent-config.repository.js';
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
  // The files of a run share one database: the fleet default this file moves is put back for the next.
  let originalDefault: string | undefined;

  beforeAll(async () => {
    db = new pg.Client({ connectionString: api.config.database.url });
    await db.connect();
    originalDefault = (await api.ok(keys.operator, 'GET', '/v1/fleet/default-policy')).policyVersion.id;
  });
  afterAll(async () => {
    if (originalDefault) {
      await api.ok(keys.operator, 'PUT', '/v1/fleet/default-policy', {
        policyVersionId: originalDefault,
        reason: 'robot-lock-order test: restore',
      });
    }
    await db?.end();
  });

  /** Two robots, ids sorted; the lower id's row gets a new tuple after the other's (heap order: b, a). */
  const twoRobots = async () => {
    const [a, b] = [
      (await api.enrollRobot(keys.operator)).robotId,
      (await api.enrollRobot(keys.operator)).robotId,
    ].sort() as [string, string];
    await db.query('UPDATE robot SET name = name WHERE id = $1', [a]);
    return [a, b] as const;
  };

  /** Waits until another backend of this database waits for a lock (the change blocked on `a`). */
  const waitForLockWait = async (what: string) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      );
      if (rows[0].n > 0) return;
      if (Date.now() > deadline) throw new Error(`${what} never waited on the locked robot`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const newPolicyVersion = async () => {
    const policy = await api.request({
      method: 'POST',
      url: '/v1/policies',
      token: keys.operator,
      payload: { name: uniqueName('lock-order'), tau: 0.4 },
    });
    return policy.json().versions[0].id as string;
  };

  it('a fleet-default change waits at the lowest locked robot, holding none above it', async () => {
    const [a, b] = await twoRobots();
    const versionId = await newPolicyVersion();

    await db.query('BEGIN');
    await db.query('SELECT 1 FROM robot WHERE id = $1 FOR UPDATE', [a]);
    const change = api.request({
      method: 'PUT',
      url: '/v1/fleet/default-policy',
      token: keys.operator,
      payload: { policyVersionId: versionId, reason: 'lock order' },
    });
    await waitForLockWait('the fleet-default change');
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

  it('a batch of config acks waits at the lowest locked robot, holding none above it', async () => {
    const [a, b] = await twoRobots();
    const versionId = await newPolicyVersion();
    const configs = api.app.get(AgentConfigRepository);
    await configs.issue([a, b], versionId, null);
    const { rows: desired } = await db.query<{ id: string; v: number }>(
      'SELECT id, desired_config_version AS v FROM robot WHERE id = ANY($1::uuid[])',
      [[a, b]],
    );
    const version = new Map(desired.map((row) => [row.id, row.v]));
    await configs.markDelivered([a, b].map((robotId) => ({ robotId, version: version.get(robotId)! })));

    await db.query('BEGIN');
    await db.query('SELECT 1 FROM robot WHERE id = $1 FOR UPDATE', [a]);
    const acks = configs.acknowledge(
      [b, a].map((robotId) => ({
        robotId,
        ack: { version: version.get(robotId)!, status: 'applied' as const },
      })),
    );
    await waitForLockWait('the ack batch');
    await expect(db.query('SELECT 1 FROM robot WHERE id = $1 FOR UPDATE NOWAIT', [b])).resolves.toBeTruthy();
    await db.query('COMMIT');

    expect(await acks).toEqual([
      { found: true, delivered: true, ack_status: null },
      { found: true, delivered: true, ack_status: null },
    ]);
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM robot WHERE id = ANY($1::uuid[]) AND applied_policy_version_id = $2',
      [[a, b], versionId],
    );
    expect(rows[0].n).toBe(2);
  }, 60_000);
});
