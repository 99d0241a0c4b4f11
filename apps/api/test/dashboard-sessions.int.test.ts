import { createRunResources, type RunResources } from '@aura/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './support/api-harness.js';

/**
 * Dashboard sessions in PostgreSQL (docs/dashboard.md, "Sessions"): opened with an API key,
 * resolved and ended with the session token only, shared by two API processes, ended by sign-out, age,
 * idleness, the key's revocation or the operator's disabling; only a hash at rest; audited.
 */
describe('dashboard sessions', () => {
  let resources: RunResources;
  let api: ApiHarness;
  let other: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    resources = await createRunResources('aura_sessions');
    const env = { DATABASE_URL: resources.databaseUrl, REDIS_PREFIX: resources.redisPrefix };
    api = await ApiHarness.start(env);
    other = await ApiHarness.start(env); // a second API process on the same database
    admin = await api.operatorKey('admin');
  });
  afterAll(async () => {
    await other?.close();
    await api?.close();
    await resources?.remove();
  });

  const open = (token: string) => api.request({ method: 'POST', url: '/v1/sessions', token });
  const current = (token: string, on = api) =>
    on.request({ method: 'GET', url: '/v1/sessions/current', token });
  const signOut = (token: string, on = api) =>
    on.request({ method: 'POST', url: '/v1/sessions/current/revoke', token });

  it('opens a session with an API key, acts as that operator, keeps only a hash, and signs out', async () => {
    const key = await api.operatorKey('operator');
    const me = (await api.request({ method: 'GET', url: '/v1/me', token: key })).json();
    const opened = await open(key);
    expect(opened.statusCode).toBe(201);
    const session = opened.json();
    expect(session).toMatchObject({
      operatorId: me.operatorId,
      role: 'operator',
      apiKeyId: me.apiKeyId,
      idleTimeoutSeconds: 7200,
    });
    expect(session.token).toMatch(/^aura_ds_/);
    const hours = (Date.parse(session.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);

    // resolved by either API process; operator calls work with the token, at the key's role
    for (const on of [api, other]) {
      expect((await current(session.token, on)).json()).toMatchObject({ id: session.id, name: me.name });
    }
    expect((await api.request({ method: 'GET', url: '/v1/me', token: session.token })).json()).toEqual(me);
    const created = await api.request({
      method: 'POST',
      url: '/v1/enrollment-tokens',
      token: session.token,
      payload: { name: 'by session' },
    });
    expect(created.statusCode).toBe(201);
    expect(
      (await api.request({ method: 'GET', url: '/v1/operators', token: session.token })).statusCode,
    ).toBe(403); // the key's role, nothing more

    // the token is not stored, only its hash
    const row = await api.prisma.dashboardSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(JSON.stringify(row)).not.toContain(session.token.split('_').at(-1));
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);

    // a session cannot open another one; the session endpoints refuse a plain key
    expect((await open(session.token)).statusCode).toBe(403);
    expect((await current(key)).statusCode).toBe(403);
    expect((await signOut(key)).statusCode).toBe(403);

    // sign-out on one process ends it on the other
    const out = await signOut(session.token, other);
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ id: session.id });
    for (const on of [api, other]) expect((await current(session.token, on)).statusCode).toBe(401);
    expect((await api.request({ method: 'GET', url: '/v1/me', token: session.token })).statusCode).toBe(401);
    expect((await signOut(session.token)).statusCode).toBe(401);
    expect((await api.request({ method: 'GET', url: '/v1/me', token: key })).statusCode).toBe(200); // key intact

    const audit = await api.request({ method: 'GET', url: `/v1/audit?targetId=${session.id}`, token: admin });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual([
      'dashboard_session.sign_out',
      'dashboard_session.sign_in',
    ]);
    expect(audit.json().items.every((e: { actorId: string }) => e.actorId === me.operatorId)).toBe(true);
    expect(audit.payload).not.toContain(session.token);
  });

  it('ends when its key is revoked or its operator disabled', async () => {
    const key = await api.operatorKey('viewer');
    const me = (await api.request({ method: 'GET', url: '/v1/me', token: key })).json();
    const first = (await open(key)).json();
    expect((await current(first.token)).statusCode).toBe(200);
    const revoked = await api.request({
      method: 'POST',
      url: `/v1/api-keys/${me.apiKeyId}/revoke`,
      token: admin,
    });
    expect(revoked.statusCode).toBe(200);
    expect((await current(first.token)).statusCode).toBe(401);
    expect((await current(first.token, other)).statusCode).toBe(401);

    const key2 = await api.operatorKey('viewer');
    const second = (await open(key2)).json();
    const me2 = (await api.request({ method: 'GET', url: '/v1/me', token: key2 })).json();
    expect((await current(second.token)).statusCode).toBe(200);
    await api.prisma.operator.update({ where: { id: me2.operatorId }, data: { disabledAt: new Date() } });
    expect((await current(second.token)).statusCode).toBe(401);
  });

  it('ends at its maximum age, never past its key’s expiry, and after idling', async () => {
    const key = await api.operatorKey('viewer');
    const me = (await api.request({ method: 'GET', url: '/v1/me', token: key })).json();
    // a key expiring in an hour: the session ends with it, not 12 hours later
    const inAnHour = new Date(Date.now() + 3_600_000);
    await api.prisma.apiKey.update({ where: { id: me.apiKeyId }, data: { expiresAt: inAnHour } });
    const session = (await open(key)).json();
    expect(Date.parse(session.expiresAt)).toBe(inAnHour.getTime());

    await api.prisma.dashboardSession.update({
      where: { id: session.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await current(session.token)).statusCode).toBe(401);

    const idle = (await open(key)).json();
    expect((await current(idle.token)).statusCode).toBe(200);
    // last seen 2 h ago (the idle limit): ended; 1 h 59 min ago: still on, and seen now
    await api.prisma.dashboardSession.update({
      where: { id: idle.id },
      data: { lastSeenAt: new Date(Date.now() - 119 * 60_000) },
    });
    expect((await current(idle.token)).statusCode).toBe(200);
    const seen = await api.prisma.dashboardSession.findUniqueOrThrow({ where: { id: idle.id } });
    expect(Date.now() - seen.lastSeenAt.getTime()).toBeLessThan(60_000);
    await api.prisma.dashboardSession.update({
      where: { id: idle.id },
      data: { lastSeenAt: new Date(Date.now() - 120 * 60_000 - 1000) },
    });
    expect((await current(idle.token)).statusCode).toBe(401);
  });

  it('lists sessions (own, or everyone’s for an admin) and ends one by id, audited', async () => {
    const list = (token: string, query = '') =>
      api.request({ method: 'GET', url: `/v1/sessions${query}`, token });
    const revokeById = (token: string, id: string, on = api) =>
      on.request({ method: 'POST', url: `/v1/sessions/${id}/revoke`, token });
    const aliceKey = await api.operatorKey('operator');
    const bobKey = await api.operatorKey('viewer');
    const alice = (await api.request({ method: 'GET', url: '/v1/me', token: aliceKey })).json();
    const bob = (await api.request({ method: 'GET', url: '/v1/me', token: bobKey })).json();
    const laptop = (await open(aliceKey)).json();
    await new Promise((resolve) => setTimeout(resolve, 5)); // newest first: sign-ins a few ms apart
    const phone = (await open(aliceKey)).json();
    const bobs = (await open(bobKey)).json();

    // an operator sees only its own, the calling session marked, never a token
    const mine = await list(laptop.token);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.map((s: { id: string }) => s.id)).toEqual([phone.id, laptop.id]);
    expect(mine.json().items[1]).toMatchObject({
      operatorId: alice.operatorId,
      apiKeyId: alice.apiKeyId,
      state: 'active',
      current: true,
      revokedAt: null,
    });
    expect(mine.json().items[0].current).toBe(false);
    expect(laptop.token.startsWith(`aura_${mine.json().items[1].prefix}_`)).toBe(true);
    expect(mine.body).not.toContain(laptop.token);
    expect((await list(bobKey, `?operatorId=${alice.operatorId}`)).statusCode).toBe(403);
    expect((await list(bobKey, '?state=some')).statusCode).toBe(400);

    // an admin sees everyone's, or one operator's
    const everyone = (await list(admin, '?limit=500')).json().items.map((s: { id: string }) => s.id);
    expect(everyone).toEqual(expect.arrayContaining([laptop.id, phone.id, bobs.id]));
    const bobsOnly = (await list(admin, `?operatorId=${bob.operatorId}`)).json();
    expect(bobsOnly.items.map((s: { id: string }) => s.id)).toEqual([bobs.id]);
    expect(bobsOnly.items[0]).toMatchObject({ operatorName: bob.name, current: false });

    // another operator's session is not found to a non-admin; one's own ends at once on every process
    expect((await revokeById(bobKey, laptop.id)).statusCode).toBe(404);
    expect((await revokeById(bobKey, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await revokeById(bobKey, 'not-a-uuid')).statusCode).toBe(400);
    const ended = await revokeById(laptop.token, phone.id, other);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ id: phone.id, revokedAt: expect.any(String) });
    for (const on of [api, other]) expect((await current(phone.token, on)).statusCode).toBe(401);
    expect((await current(laptop.token)).statusCode).toBe(200);
    expect((await revokeById(aliceKey, phone.id)).statusCode).toBe(409);

    // an admin ends anyone's; ended sessions leave the default list and show why in state=all
    expect((await revokeById(admin, bobs.id)).statusCode).toBe(200);
    expect((await current(bobs.token)).statusCode).toBe(401);
    expect((await signOut(laptop.token)).statusCode).toBe(200);
    expect((await list(aliceKey)).json().items).toEqual([]);
    const all = (await list(aliceKey, '?state=all')).json().items;
    expect(all.map((s: { id: string; state: string }) => [s.id, s.state])).toEqual([
      [phone.id, 'revoked'],
      [laptop.id, 'signed_out'],
    ]);

    const audit = await api.request({ method: 'GET', url: `/v1/audit?targetId=${bobs.id}`, token: admin });
    const [revokeEvent] = audit.json().items;
    expect(revokeEvent).toMatchObject({ action: 'dashboard_session.revoke', actorId: expect.any(String) });
    expect(revokeEvent.actorId).not.toBe(bob.operatorId);
  });

  it('refuses forged or malformed session tokens with 401', async () => {
    const key = await api.operatorKey('viewer');
    const session = (await open(key)).json();
    const forged = `${session.token.slice(0, -4)}AAAA`;
    expect((await current(forged)).statusCode).toBe(401);
    expect((await current('aura_ds_short')).statusCode).toBe(401);
    expect((await open('aura_ds_nothing')).statusCode).toBe(401);
  });
});
