import { describe, expect, it } from 'vitest';
import { ApiHarness, refusedFields, uniqueName } from './support/api-harness.js';

/** Success and failure paths of the operator endpoints the other suites use only in passing. */
describe('operator endpoints', () => {
  const { api, keys } = ApiHarness.forSuite(['admin', 'operator', 'viewer']);

  it('lets admins create operators whose first key works, and lists them without secrets', async () => {
    const email = `${uniqueName('ops')}@example.com`;
    const created = await api.request({
      method: 'POST',
      url: '/v1/operators',
      token: keys.admin,
      payload: { name: 'Grace', email, role: 'operator' },
    });
    expect(created.statusCode).toBe(201);
    const { operator: person, apiKey } = created.json();
    expect(person).toMatchObject({ name: 'Grace', role: 'operator' });
    const me = await api.request({ method: 'GET', url: '/v1/me', token: apiKey.token });
    expect(me.json()).toMatchObject({ operatorId: person.id, role: 'operator' });

    const duplicate = await api.request({
      method: 'POST',
      url: '/v1/operators',
      token: keys.admin,
      payload: { name: 'Grace again', email, role: 'viewer' },
    });
    expect(duplicate.statusCode).toBe(409);
    const bad = await api.request({
      method: 'POST',
      url: '/v1/operators',
      token: keys.admin,
      payload: { name: '', role: 'root' },
    });
    expect(refusedFields(bad)).toEqual(['name', 'role']);
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/v1/operators',
          token: keys.operator,
          payload: { name: 'x', role: 'admin' },
        })
      ).statusCode,
    ).toBe(403);

    const listed = await api.request({ method: 'GET', url: '/v1/operators', token: keys.admin });
    const text = listed.body;
    expect(listed.json().items.some((o: { id: string }) => o.id === person.id)).toBe(true);
    expect(text).not.toContain(apiKey.token);
    expect(text).not.toContain('secretHash');
    const unknownKey = await api.request({
      method: 'POST',
      url: '/v1/api-keys/00000000-0000-4000-8000-00000000abcd/revoke',
      token: keys.admin,
    });
    expect(unknownKey.statusCode).toBe(404);
  });

  it('lists enrolment tokens without their secrets', async () => {
    const created = await api.request({
      method: 'POST',
      url: '/v1/enrollment-tokens',
      token: keys.operator,
      payload: { name: 'listed' },
    });
    const listed = await api.request({ method: 'GET', url: '/v1/enrollment-tokens', token: keys.viewer });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.some((t: { id: string }) => t.id === created.json().id)).toBe(true);
    expect(listed.body).not.toContain(created.json().token);
  });

  it('reads the fleet default, robots one by one, and groups', async () => {
    const fleetDefault = await api.request({
      method: 'GET',
      url: '/v1/fleet/default-policy',
      token: keys.viewer,
    });
    expect(fleetDefault.statusCode).toBe(200);
    expect(fleetDefault.json().policyVersion).toMatchObject({
      tau: expect.any(Number),
      version: expect.any(Number),
    });
    const badDefault = await api.request({
      method: 'PUT',
      url: '/v1/fleet/default-policy',
      token: keys.operator,
      payload: { policyVersionId: '00000000-0000-4000-8000-00000000abcd' },
    });
    expect(badDefault.statusCode).toBe(400);
    expect(badDefault.json().error.details).toEqual([
      { path: 'policyVersionId', message: 'no such policy version' },
    ]);

    const robot = await api.enrollRobot(keys.operator);
    const detail = await api.request({
      method: 'GET',
      url: `/v1/robots/${robot.robotId}`,
      token: keys.viewer,
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: robot.robotId, status: 'offline', desiredConfigVersion: 1 });
    expect(detail.json().configs).toEqual([expect.objectContaining({ version: 1 })]);
    expect(detail.body).not.toContain('secret');
    const missing = await api.request({
      method: 'GET',
      url: '/v1/robots/00000000-0000-4000-8000-00000000abcd',
      token: keys.viewer,
    });
    expect(missing.statusCode).toBe(404);

    const group = await api.request({
      method: 'POST',
      url: '/v1/groups',
      token: keys.operator,
      payload: { name: uniqueName('g') },
    });
    await api.request({
      method: 'POST',
      url: `/v1/groups/${group.json().id}/members`,
      token: keys.operator,
      payload: { add: [robot.robotId] },
    });
    const groups = await api.request({ method: 'GET', url: '/v1/groups', token: keys.viewer });
    expect(groups.json().items.find((g: { id: string }) => g.id === group.json().id)).toMatchObject({
      robotCount: 1,
    });
    const taken = await api.request({
      method: 'POST',
      url: '/v1/groups',
      token: keys.operator,
      payload: { name: group.json().name },
    });
    expect(taken.statusCode).toBe(409);
  });
});
