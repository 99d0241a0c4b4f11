import { type ConfigEnvelope, type PolicyVersion, verifyConfigEnvelope } from '@aura/core';
import { type RunningService, startApi } from '@aura/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness, uniqueName } from './support/api-harness.js';

const SEEDED_DEFAULT = '00000000-0000-4000-8000-000000000002';

describe('config delivery: signed envelopes, ETag, long-poll across processes, acks', () => {
  const { api, keys } = ApiHarness.forSuite(['operator']);
  let other: RunningService;
  let robot: { robotId: string; robotSecret: string; configKeys: { keyId: string; publicKey: string }[] };

  const getConfig = (headers: Record<string, string> = {}, query = '') =>
    api.request({ method: 'GET', url: `/v1/agent/config${query}`, token: robot.robotSecret, headers });
  const ack = (payload: object) =>
    api.request({ method: 'POST', url: '/v1/agent/config/ack', token: robot.robotSecret, payload });

  beforeAll(async () => {
    robot = await api.enrollRobot(keys.operator);
    other = await startApi({
      ...api.serviceEnv(),
    });
  }, 60_000);

  afterAll(async () => {
    // Leave the fleet on the seeded default for whatever runs next.
    await api.request({
      method: 'PUT',
      url: '/v1/fleet/default-policy',
      token: keys.operator,
      payload: { policyVersionId: SEEDED_DEFAULT },
    });
    await other?.stop();
  });

  it('hands out every trusted key at enrolment and signs with the fleet’s active one', async () => {
    // the keys of the newest key set (docs/api.md, "Signing keys"); the active one signs
    const keys = await api.request({
      method: 'GET',
      url: '/v1/config-signing-keys',
      token: await api.operatorKey('admin'),
    });
    const active = (keys.json() as { items: { keyId: string; status: string }[] }).items.find(
      (key) => key.status === 'active',
    );
    // The robot was enrolled onto the fleet default: the version it is now (other files of the run move
    // it; a fresh database starts on the seeded τ 0.5, delta-log), not a constant.
    const fleet = await api.ok(await api.operatorKey('viewer'), 'GET', '/v1/fleet/default-policy');
    const { policyVersion } = fleet as { policyVersion: PolicyVersion };
    const response = await getConfig();
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"v1"');
    const envelope = response.json() as ConfigEnvelope;
    expect(envelope).toMatchObject({
      robotId: robot.robotId,
      policyVersionId: policyVersion.id,
      version: 1,
      tau: policyVersion.tau,
      keyId: active?.keyId,
    });
    expect(envelope.persistMode).toBe(policyVersion.persistMode ?? undefined);
    expect(robot.configKeys.map((key) => key.keyId)).toContain(active?.keyId);
    expect(verifyConfigEnvelope(envelope, robot.configKeys)).toEqual({ ok: true });
    expect(verifyConfigEnvelope({ ...envelope, tau: 0.1 }, robot.configKeys).ok).toBe(false);
  });

  it('answers 304 to a current ETag, also after a long-poll that saw no change', async () => {
    const immediate = await getConfig({ 'if-none-match': '"v1"' });
    expect(immediate.statusCode).toBe(304);
    expect(immediate.body).toBe('');
    const started = Date.now();
    const waited = await getConfig({ 'if-none-match': '"v1"' }, '?wait=1');
    expect(waited.statusCode).toBe(304);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const stale = await getConfig({ 'if-none-match': '"v0"' });
    expect(stale.statusCode).toBe(200);
  });

  it('refuses a wait over 30 seconds, naming it', async () => {
    const response = await getConfig({}, '?wait=31');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'wait', message: 'must be ≤ 30' }]);
  });

  it('wakes a long-poll on this process when another API process changes the desired config', async () => {
    const poll = getConfig({ 'if-none-match': '"v1"' }, '?wait=20');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const changedAt = Date.now();
    const headers = { authorization: `Bearer ${keys.operator}`, 'content-type': 'application/json' };
    const created = await fetch(`${other.url}/v1/policies`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: uniqueName('cautious'), tau: 0.7, persistMode: 'snapshot' }),
    });
    expect(created.status).toBe(201);
    const versionId = ((await created.json()) as { versions: { id: string }[] }).versions[0]!.id;
    const moved = await fetch(`${other.url}/v1/fleet/default-policy`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ policyVersionId: versionId, reason: 'test: fewer writes' }),
    });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { robotsMoved: number }).robotsMoved).toBeGreaterThanOrEqual(1);

    const response = await poll;
    expect(response.statusCode).toBe(200);
    expect(Date.now() - changedAt).toBeLessThan(10_000);
    expect(response.headers.etag).toBe('"v2"');
    expect(response.json()).toMatchObject({
      version: 2,
      tau: 0.7,
      persistMode: 'snapshot',
      policyVersionId: versionId,
    });

    const audit = await api.request({
      method: 'GET',
      url: '/v1/audit?action=fleet.default_policy.set',
      token: keys.operator,
    });
    expect(audit.json().items[0]).toMatchObject({
      reason: 'test: fewer writes',
      after: { defaultPolicyVersionId: versionId },
      before: { defaultPolicyVersionId: expect.any(String) },
    });
  });

  it('records acks, refuses acks for versions never delivered and contradictory ones', async () => {
    const applied = await ack({ version: 2, status: 'applied' });
    expect(applied.statusCode).toBe(200);
    expect((await ack({ version: 2, status: 'applied' })).statusCode).toBe(200); // idempotent
    const row = await api.prisma.robot.findUniqueOrThrow({ where: { id: robot.robotId } });
    expect(row.appliedConfigVersion).toBe(2);

    const never = await ack({ version: 3, status: 'applied' });
    expect(never.statusCode).toBe(409);
    expect(never.json().error.code).toBe('conflict');
    expect((await ack({ version: 2, status: 'rejected', reason: 'changed my mind' })).statusCode).toBe(409);
    expect((await ack({ version: 1, status: 'rejected' })).statusCode).toBe(400);
    const older = await ack({ version: 1, status: 'rejected', reason: 'older than applied' });
    expect(older.statusCode).toBe(200);
    expect(
      (await api.prisma.robot.findUniqueOrThrow({ where: { id: robot.robotId } })).appliedConfigVersion,
    ).toBe(2);
  });

  it('keeps robots to their own config', async () => {
    const second = await api.enrollRobot(keys.operator);
    const response = await api.request({ method: 'GET', url: '/v1/agent/config', token: second.robotSecret });
    expect(response.json().robotId).toBe(second.robotId);
    const crossAck = await api.request({
      method: 'POST',
      url: '/v1/agent/config/ack',
      token: second.robotSecret,
      payload: { version: 2, status: 'applied' },
    });
    expect(crossAck.statusCode).toBe(409); // version 2 exists for the first robot, not for this one
  });
});
