import { createRunResources, type RunResources } from '@aura/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './support/api-harness.js';

/** Operator API keys: self-service creation, expiry, listing without secrets, revocation, audit. */
describe('operator API keys', () => {
  const { api, keys } = ApiHarness.forSuite(['admin']);

  const me = async (token: string) => (await api.request({ method: 'GET', url: '/v1/me', token })).json();

  async function createKey(token: string, operatorId: string, payload: Record<string, unknown>) {
    return api.request({ method: 'POST', url: `/v1/operators/${operatorId}/api-keys`, token, payload });
  }

  it('lets an operator mint a key for itself, shown once, listed without secrets, audited', async () => {
    const operator = await api.operatorKey('operator');
    const self = await me(operator);
    const created = await createKey(operator, self.operatorId, { name: 'ci pipeline', expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key).toMatchObject({ operatorId: self.operatorId, name: 'ci pipeline', revokedAt: null });
    expect(key.token).toMatch(/^aura_ak_/);
    const days = (Date.parse(key.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    // the new key works and is that operator
    expect(await me(key.token)).toMatchObject({ operatorId: self.operatorId, apiKeyId: key.id });

    const listed = await api.request({ method: 'GET', url: '/v1/api-keys', token: operator });
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as Record<string, unknown>[];
    expect(items.map((k) => k.id).sort()).toEqual([self.apiKeyId, key.id].sort());
    expect(items.every((k) => k.operatorId === self.operatorId)).toBe(true);
    const body = listed.payload;
    expect(body).not.toContain(key.token);
    expect(body).not.toContain('secretHash');
    expect(body).not.toContain('"token"');
    const ofOperator = await api.request({
      method: 'GET',
      url: `/v1/operators/${self.operatorId}/api-keys`,
      token: operator,
    });
    expect(ofOperator.json().items).toHaveLength(2);

    const audit = await api.request({
      method: 'GET',
      url: `/v1/audit?targetId=${key.id}`,
      token: keys.admin,
    });
    expect(audit.json().items[0]).toMatchObject({
      action: 'api_key.create',
      actorType: 'operator',
      actorId: self.operatorId,
      after: { name: 'ci pipeline', prefix: key.prefix },
    });
    expect(audit.payload).not.toContain(key.token);
  });

  it('keeps operators to their own keys; admins manage anyone’s', async () => {
    const alice = await api.operatorKey('operator');
    const bob = await api.operatorKey('viewer');
    const aliceId = (await me(alice)).operatorId;
    const bobMe = await me(bob);

    const forbidden = await createKey(alice, bobMe.operatorId, { name: 'not mine' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.message).toContain('admins');
    expect(
      (await api.request({ method: 'GET', url: `/v1/api-keys?operatorId=${bobMe.operatorId}`, token: alice }))
        .statusCode,
    ).toBe(403);
    // another operator's key is not found to a non-admin, and stays usable
    const notFound = await api.request({
      method: 'POST',
      url: `/v1/api-keys/${bobMe.apiKeyId}/revoke`,
      token: alice,
    });
    expect(notFound.statusCode).toBe(404);
    expect((await api.request({ method: 'GET', url: '/v1/me', token: bob })).statusCode).toBe(200);

    // a viewer manages its own keys too
    const bobsSecond = await createKey(bob, bobMe.operatorId, { name: 'laptop' });
    expect(bobsSecond.statusCode).toBe(201);

    // an admin: for anyone, and sees everyone's keys
    const forAlice = await createKey(keys.admin, aliceId, { name: 'made by admin' });
    expect(forAlice.statusCode).toBe(201);
    expect((await me(forAlice.json().token)).operatorId).toBe(aliceId);
    const all = await api.request({ method: 'GET', url: '/v1/api-keys', token: keys.admin });
    const ids = (all.json().items as { id: string }[]).map((k) => k.id);
    expect(ids).toEqual(expect.arrayContaining([bobMe.apiKeyId, bobsSecond.json().id, forAlice.json().id]));
    const onlyBob = await api.request({
      method: 'GET',
      url: `/v1/api-keys?operatorId=${bobMe.operatorId}`,
      token: keys.admin,
    });
    expect(
      (onlyBob.json().items as { operatorName: string }[]).every((k) => k.operatorName === bobMe.name),
    ).toBe(true);

    const revokedByAdmin = await api.request({
      method: 'POST',
      url: `/v1/api-keys/${bobsSecond.json().id}/revoke`,
      token: keys.admin,
    });
    expect(revokedByAdmin.statusCode).toBe(200);
    expect(
      (await api.request({ method: 'GET', url: '/v1/me', token: bobsSecond.json().token })).statusCode,
    ).toBe(401);
    const unknownOperator = await createKey(keys.admin, '00000000-0000-4000-8000-000000000000', {
      name: 'x',
    });
    expect(unknownOperator.statusCode).toBe(404);
  });

  it('rotates: create, then revoke the old key — refused at once, with the reason, audited', async () => {
    const old = await api.operatorKey('operator');
    const self = await me(old);
    const fresh = (await createKey(old, self.operatorId, { name: 'rotated' })).json();
    const revoked = await api.request({
      method: 'POST',
      url: `/v1/api-keys/${self.apiKeyId}/revoke`,
      token: fresh.token,
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toEqual(expect.any(String));
    const refused = await api.request({ method: 'GET', url: '/v1/me', token: old });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toMatch(/revoked at/);
    expect((await api.request({ method: 'GET', url: '/v1/me', token: fresh.token })).statusCode).toBe(200);
    const audit = await api.request({
      method: 'GET',
      url: `/v1/audit?targetId=${self.apiKeyId}`,
      token: keys.admin,
    });
    expect(audit.json().items[0]).toMatchObject({ action: 'api_key.revoke', actorId: self.operatorId });
  });

  it('refuses an expired key with a 401 that names the expiry', async () => {
    const operator = await api.operatorKey('operator');
    const self = await me(operator);
    const key = (await createKey(operator, self.operatorId, { name: 'short', expiresInDays: 1 })).json();
    expect((await api.request({ method: 'GET', url: '/v1/me', token: key.token })).statusCode).toBe(200);
    const past = new Date(Date.now() - 1000);
    await api.prisma.apiKey.update({ where: { id: key.id }, data: { expiresAt: past } });
    const expired = await api.request({ method: 'GET', url: '/v1/me', token: key.token });
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['www-authenticate']).toContain('Bearer');
    expect(expired.json()).toEqual({
      error: { code: 'unauthorized', message: expect.stringContaining(`expired at ${past.toISOString()}`) },
    });
  });

  it('validates key requests naming the field', async () => {
    const operator = await api.operatorKey('operator');
    const self = await me(operator);
    const bad = await createKey(operator, self.operatorId, { name: '', expiresInDays: 0, extra: true });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      '(body)',
      'expiresInDays',
      'name',
    ]);
    const tooLong = await createKey(operator, self.operatorId, { name: 'x', expiresInDays: 3651 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details[0].path).toBe('expiresInDays');
    const badId = await api.request({
      method: 'POST',
      url: '/v1/api-keys/not-a-uuid/revoke',
      token: operator,
    });
    expect(badId.statusCode).toBe(400);
  });
});

/** The last working admin key: in a database of its own, where no other test's admins exist. */
describe('the last working admin key', () => {
  let resources: RunResources;
  let api: ApiHarness;

  beforeAll(async () => {
    resources = await createRunResources('aura_keys');
    api = await ApiHarness.start({
      DATABASE_URL: resources.databaseUrl,
      REDIS_PREFIX: resources.redisPrefix,
    });
  });
  afterAll(async () => {
    await api?.close();
    await resources?.remove();
  });

  it('cannot be revoked (409), by its admin or concurrently with the other one', async () => {
    const first = await api.operatorKey('admin');
    const firstMe = (await api.request({ method: 'GET', url: '/v1/me', token: first })).json();
    // An operator's and an expired admin key do not count as working admin keys.
    const operator = await api.operatorKey('operator');
    expect(operator).toMatch(/^aura_ak_/);
    const stale = (
      await api.request({
        method: 'POST',
        url: `/v1/operators/${firstMe.operatorId}/api-keys`,
        token: first,
        payload: { name: 'stale', expiresInDays: 1 },
      })
    ).json();
    await api.prisma.apiKey.update({
      where: { id: stale.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });

    const last = await api.request({
      method: 'POST',
      url: `/v1/api-keys/${firstMe.apiKeyId}/revoke`,
      token: first,
    });
    expect(last.statusCode).toBe(409);
    expect(last.json().error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('last working admin API key'),
    });
    expect((await api.request({ method: 'GET', url: '/v1/me', token: first })).statusCode).toBe(200);

    // A second admin (another operator): now either may go, but not both at once.
    const second = await api.operatorKey('admin');
    const secondMe = (await api.request({ method: 'GET', url: '/v1/me', token: second })).json();
    const [a, b] = await Promise.all([
      api.request({ method: 'POST', url: `/v1/api-keys/${firstMe.apiKeyId}/revoke`, token: first }),
      api.request({ method: 'POST', url: `/v1/api-keys/${secondMe.apiKeyId}/revoke`, token: second }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const working = await api.prisma.apiKey.count({
      where: {
        revokedAt: null,
        operator: { role: 'admin' },
        OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
      },
    });
    expect(working).toBe(1);
  });
});
