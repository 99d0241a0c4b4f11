import { describe, expect, it } from 'vitest';
import { ApiHarness, refusedFields } from './support/api-harness.js';

describe('operator auth', () => {
  const { api, keys } = ApiHarness.forSuite(['admin', 'viewer']);

  it('answers 401 with the envelope and a challenge for missing or bad keys', async () => {
    const missing = await api.request({ method: 'GET', url: '/v1/me' });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toContain('Bearer');
    expect(missing.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    const forged = await api.request({
      method: 'GET',
      url: '/v1/me',
      token: `${keys.admin.slice(0, -4)}AAAA`,
    });
    expect(forged.statusCode).toBe(401);
    const malformed = await api.request({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: 'Basic abc' },
    });
    expect(malformed.statusCode).toBe(401);
  });

  it('tells the caller who they are and enforces viewer < operator < admin', async () => {
    const me = await api.request({ method: 'GET', url: '/v1/me', token: keys.viewer });
    expect(me.statusCode).toBe(200);
    expect(me.json().role).toBe('viewer');
    const denied = await api.request({
      method: 'POST',
      url: '/v1/enrollment-tokens',
      token: keys.viewer,
      payload: { name: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
    const adminOnly = await api.request({ method: 'GET', url: '/v1/operators', token: keys.viewer });
    expect(adminOnly.statusCode).toBe(403);
    expect((await api.request({ method: 'GET', url: '/v1/operators', token: keys.admin })).statusCode).toBe(
      200,
    );
  });

  it('refuses a revoked key', async () => {
    const operator = await api.operatorKey('operator');
    const me = (await api.request({ method: 'GET', url: '/v1/me', token: operator })).json();
    const revoked = await api.request({
      method: 'POST',
      url: `/v1/api-keys/${me.apiKeyId}/revoke`,
      token: keys.admin,
    });
    expect(revoked.statusCode).toBe(200);
    expect((await api.request({ method: 'GET', url: '/v1/me', token: operator })).statusCode).toBe(401);
  });

  it('stores only hashes of keys', async () => {
    const rows = await api.prisma.apiKey.findMany({ select: { secretHash: true } });
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.secretHash))).toBe(true);
    expect(rows.some((row) => keys.admin.includes(row.secretHash))).toBe(false);
  });
});

describe('robot enrolment', () => {
  const { api, keys } = ApiHarness.forSuite(['operator']);

  async function newToken(payload: Record<string, unknown> = {}) {
    const response = await api.request({
      method: 'POST',
      url: '/v1/enrollment-tokens',
      token: keys.operator,
      payload: { name: 'batch', ...payload },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; token: string };
  }

  it('exchanges a token for a robot secret that authenticates the robot, on the fleet default', async () => {
    const { token } = await newToken({ tags: ['arm'] });
    const enrolled = await api.request({
      method: 'POST',
      url: '/v1/agent/enroll',
      payload: {
        enrollmentToken: token,
        name: 'r1',
        hardware: { storage: 'emmc', storageCapacityBytes: 32e9 },
      },
    });
    expect(enrolled.statusCode).toBe(201);
    const body = enrolled.json();
    expect(body.robotId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.robotSecret).toMatch(/^aura_rs_/);
    // The run's database is shared by the integration files, and others import keys of their own:
    // the robot gets exactly the keys PostgreSQL holds as trusted (none revoked), the active one among them.
    const stored = await api.prisma.configSigningKey.findMany({ where: { revokedAt: null } });
    expect(body.configKeys.length).toBeGreaterThan(0);
    for (const key of body.configKeys as { keyId: string; publicKey: string }[]) {
      expect(stored.find((s) => s.keyId === key.keyId)?.publicKey).toBe(key.publicKey);
    }
    const active = stored.filter((s) => s.status === 'active').map((s) => s.keyId);
    expect(body.configKeys.some((k: { keyId: string }) => active.includes(k.keyId))).toBe(true);
    const robot = await api.prisma.robot.findUniqueOrThrow({ where: { id: body.robotId } });
    expect(robot.tags).toEqual(['arm']);
    expect(robot.secretHash).not.toContain(body.robotSecret);
    expect(robot.desiredConfigVersion).toBe(1);
    // On the fleet default as it is now: other files of the run move it (the seeded default, τ 0.5,
    // is only where a fresh database starts), so the expected version and τ are read, not assumed.
    const fleet = await api.prisma.fleetSettings.findUniqueOrThrow({
      where: { id: 1 },
      include: { defaultPolicyVersion: true },
    });
    expect(fleet.defaultPolicyVersion).not.toBeNull();
    expect(robot.desiredPolicyVersionId).toBe(fleet.defaultPolicyVersionId);
    const config = await api.request({ method: 'GET', url: '/v1/agent/config', token: body.robotSecret });
    expect(config.statusCode).toBe(200);
    expect(config.json()).toMatchObject({
      robotId: body.robotId,
      policyVersionId: fleet.defaultPolicyVersionId,
      version: 1,
      tau: fleet.defaultPolicyVersion?.tau,
    });
  });

  it('honours the use limit, even under concurrent enrolments', async () => {
    const { token } = await newToken({ maxUses: 2 });
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.request({ method: 'POST', url: '/v1/agent/enroll', payload: { enrollmentToken: token } }),
      ),
    );
    expect(attempts.filter((a) => a.statusCode === 201)).toHaveLength(2);
    expect(attempts.filter((a) => a.statusCode === 401)).toHaveLength(3);
  });

  it('refuses revoked, unknown and malformed tokens', async () => {
    const { id, token } = await newToken();
    expect(
      (await api.request({ method: 'POST', url: `/v1/enrollment-tokens/${id}/revoke`, token: keys.operator }))
        .statusCode,
    ).toBe(200);
    const revoked = await api.request({
      method: 'POST',
      url: '/v1/agent/enroll',
      payload: { enrollmentToken: token },
    });
    expect(revoked.statusCode).toBe(401);
    const unknown = await api.request({
      method: 'POST',
      url: '/v1/agent/enroll',
      payload: { enrollmentToken: 'aura_et_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(unknown.statusCode).toBe(401);
    const bad = await api.request({
      method: 'POST',
      url: '/v1/agent/enroll',
      payload: { enrollmentToken: 7, extra: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['enrollmentToken', '(body)']),
    );
  });

  it('validates token requests naming the field, and audits their creation without the secret', async () => {
    const bad = await api.request({
      method: 'POST',
      url: '/v1/enrollment-tokens',
      token: keys.operator,
      payload: { name: 'x', maxUses: 0, tags: ['Not OK'] },
    });
    expect(refusedFields(bad)).toEqual(['maxUses', 'tags[0]']);
    const { id, token } = await newToken();
    const audit = await api.request({ method: 'GET', url: `/v1/audit?targetId=${id}`, token: keys.operator });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items[0]).toMatchObject({ action: 'enrollment_token.create', actorType: 'operator' });
    expect(JSON.stringify(audit.json())).not.toContain(token);
  });
});
