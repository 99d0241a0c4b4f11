import { beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness, refusedFields, uniqueName } from './support/api-harness.js';

describe('gate policies', () => {
  const { api, keys } = ApiHarness.forSuite(['operator', 'viewer']);

  it('creates a policy with version 1 and numbers later versions consecutively, even concurrently', async () => {
    const name = uniqueName('warehouse');
    const created = await api.request({
      method: 'POST',
      url: '/v1/policies',
      token: keys.operator,
      payload: { name, tau: 0.4, notes: 'first' },
    });
    expect(created.statusCode).toBe(201);
    const policy = created.json();
    expect(policy.versions).toEqual([expect.objectContaining({ version: 1, tau: 0.4, persistMode: null })]);

    const publish = (tau: number) =>
      api.request({
        method: 'POST',
        url: `/v1/policies/${policy.id}/versions`,
        token: keys.operator,
        payload: { tau },
      });
    const results = await Promise.all([publish(0.3), publish(0.35), publish(0.45)]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(results.map((r) => r.json().version).sort()).toEqual([2, 3, 4]);
    const listed = await api.request({ method: 'GET', url: `/v1/policies/${policy.id}`, token: keys.viewer });
    expect(listed.json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3, 4]);
  });

  it('names each invalid setting', async () => {
    const bad = await api.request({
      method: 'POST',
      url: '/v1/policies',
      token: keys.operator,
      payload: { name: 'Bad Name!', tau: 1.5, persistMode: 'sometimes', color: 'red' },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'tau', 'persistMode', '(body)']));
    expect(bad.json().error.details.find((d: { path: string }) => d.path === 'tau').message).toBe(
      'must be between 0 and 1',
    );
    const taken = await api.request({
      method: 'POST',
      url: '/v1/policies',
      token: keys.operator,
      payload: { name: 'default', tau: 0.5 },
    });
    expect(taken.statusCode).toBe(409);
    const missing = await api.request({
      method: 'POST',
      url: '/v1/policies/00000000-0000-4000-8000-00000000dead/versions',
      token: keys.operator,
      payload: { tau: 0.5 },
    });
    expect(missing.statusCode).toBe(404);
    const notUuid = await api.request({ method: 'GET', url: '/v1/policies/not-a-uuid', token: keys.viewer });
    expect(notUuid.statusCode).toBe(400);
  });

  it('lets viewers read but not publish, and audits every publish with before and after', async () => {
    expect((await api.request({ method: 'GET', url: '/v1/policies', token: keys.viewer })).statusCode).toBe(
      200,
    );
    const created = await api.request({
      method: 'POST',
      url: '/v1/policies',
      token: keys.operator,
      payload: { name: uniqueName('audited'), tau: 0.5 },
    });
    const id = created.json().id;
    const denied = await api.request({
      method: 'POST',
      url: `/v1/policies/${id}/versions`,
      token: keys.viewer,
      payload: { tau: 0.2 },
    });
    expect(denied.statusCode).toBe(403);
    const version = await api.request({
      method: 'POST',
      url: `/v1/policies/${id}/versions`,
      token: keys.operator,
      payload: { tau: 0.2 },
    });
    const audit = await api.request({
      method: 'GET',
      url: `/v1/audit?targetId=${version.json().id}`,
      token: keys.viewer,
    });
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        action: 'policy_version.create',
        before: expect.objectContaining({ version: 1, tau: 0.5 }),
        after: expect.objectContaining({ version: 2, tau: 0.2 }),
        requestId: expect.any(String),
      }),
    ]);
  });
});

describe('robots and groups', () => {
  const { api, keys } = ApiHarness.forSuite(['operator', 'viewer']);
  const robots: { robotId: string }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) robots.push(await api.enrollRobot(keys.operator, uniqueName(`lister-${i}`)));
  });

  it('lists, searches and paginates robots', async () => {
    const page = await api.request({
      method: 'GET',
      url: '/v1/robots?q=lister&limit=2&sort=name',
      token: keys.viewer,
    });
    expect(page.statusCode).toBe(200);
    expect(page.json().total).toBeGreaterThanOrEqual(3);
    expect(page.json().items).toHaveLength(2);
    expect(page.json().items[0]).toMatchObject({ status: 'offline', desiredConfigVersion: 1 });
    const bad = await api.request({
      method: 'GET',
      url: '/v1/robots?limit=9999&sort=color',
      token: keys.viewer,
    });
    expect(refusedFields(bad)).toEqual(['limit', 'sort']);
  });

  it('tags robots and groups them, with every change audited', async () => {
    const [first, second] = robots;
    const tagged = await api.request({
      method: 'PATCH',
      url: `/v1/robots/${first!.robotId}`,
      token: keys.operator,
      payload: { tags: ['gripper', 'gripper', 'site.a'] },
    });
    expect(tagged.statusCode).toBe(200);
    expect(tagged.json().tags).toEqual(['gripper', 'site.a']);
    const byTag = await api.request({ method: 'GET', url: '/v1/robots?tag=site.a', token: keys.viewer });
    expect(byTag.json().items.map((r: { id: string }) => r.id)).toEqual([first!.robotId]);

    const group = await api.request({
      method: 'POST',
      url: '/v1/groups',
      token: keys.operator,
      payload: { name: uniqueName('aisle') },
    });
    expect(group.statusCode).toBe(201);
    const members = await api.request({
      method: 'POST',
      url: `/v1/groups/${group.json().id}/members`,
      token: keys.operator,
      payload: { add: [first!.robotId, second!.robotId] },
    });
    expect(members.json().robotCount).toBe(2);
    const inGroup = await api.request({
      method: 'GET',
      url: `/v1/robots?groupId=${group.json().id}`,
      token: keys.viewer,
    });
    expect(inGroup.json().total).toBe(2);
    const unknown = await api.request({
      method: 'POST',
      url: `/v1/groups/${group.json().id}/members`,
      token: keys.operator,
      payload: { add: ['00000000-0000-4000-8000-00000000beef'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([{ path: 'add[0]', message: 'no such robot' }]);

    const audit = await api.request({
      method: 'GET',
      url: `/v1/audit?targetId=${first!.robotId}&action=robot.update`,
      token: keys.viewer,
    });
    expect(audit.json().items[0]).toMatchObject({
      before: { tags: [] },
      after: { tags: ['gripper', 'site.a'] },
    });
    const denied = await api.request({
      method: 'PATCH',
      url: `/v1/robots/${first!.robotId}`,
      token: keys.viewer,
      payload: { tags: [] },
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('GET /v1/audit?actorType=', () => {
  const { api } = ApiHarness.forSuite([]);

  it('keeps only events by operators, robots or the system, and names a bad actor type', async () => {
    const operator = await api.operatorKey('operator');
    const { robotId } = await api.enrollRobot(operator); // an operator's token, then the robot's enrolment
    const byType = async (actorType: string) => {
      const response = await api.request({
        method: 'GET',
        url: `/v1/audit?actorType=${actorType}`,
        token: operator,
      });
      return response.json() as { items: { actorType: string; actorId: string | null; action: string }[] };
    };
    const robots = await byType('robot');
    expect(robots.items.length).toBeGreaterThan(0);
    expect(robots.items.every((e) => e.actorType === 'robot')).toBe(true);
    expect(robots.items.map((e) => e.actorId)).toContain(robotId);
    const operators = await byType('operator');
    expect(operators.items.map((e) => e.action)).toContain('enrollment_token.create');
    expect(operators.items.every((e) => e.actorType === 'operator')).toBe(true);
    const bad = await api.request({ method: 'GET', url: '/v1/audit?actorType=human', token: operator });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('actorType');
  });
});
