import { createPolicyVersion, createRollout, rolloutSpec, SimRobot } from '@aura/testing';
import { describe, expect, it } from 'vitest';
import { ApiHarness, uniqueName } from './support/api-harness.js';

/** The rollout reads the dashboard builds on: live target count, members one by one, the creator. */
describe('rollout reads', { timeout: 60_000 }, () => {
  const { api, keys } = ApiHarness.forSuite(['operator', 'viewer'], { AGENT_RATE_LIMIT: '0' }, 60_000);

  it('counts groups ∪ tags ∪ ids once per robot, for viewers too, and names bad fields', async () => {
    const tagA = uniqueName('a');
    const tagB = uniqueName('b');
    const a = [
      await SimRobot.enroll(api, keys.operator, [tagA]),
      await SimRobot.enroll(api, keys.operator, [tagA]),
    ];
    const both = await SimRobot.enroll(api, keys.operator, [tagA, tagB]);
    const loner = await SimRobot.enroll(api, keys.operator, []);
    const group = (
      await api.request({
        method: 'POST',
        url: '/v1/groups',
        token: keys.operator,
        payload: { name: uniqueName('grp') },
      })
    ).json() as { id: string };
    await api.request({
      method: 'POST',
      url: `/v1/groups/${group.id}/members`,
      token: keys.operator,
      payload: { add: [a[0]!.robotId, loner.robotId] },
    });
    const count = async (target: Record<string, unknown>) => {
      const response = await api.request({
        method: 'POST',
        url: '/v1/rollouts/targets/count',
        token: keys.viewer,
        payload: { target },
      });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { robots: number }).robots;
    };
    expect(await count({ tags: [tagA] })).toBe(3);
    expect(await count({ tags: [tagB] })).toBe(1);
    // tagA's three, the group's loner, an id already counted by tag: 4 robots, each once.
    expect(await count({ tags: [tagA, tagB], groupIds: [group.id], robotIds: [both.robotId] })).toBe(4);
    expect(await count({ robotIds: [loner.robotId] })).toBe(1);
    const empty = await api.request({
      method: 'POST',
      url: '/v1/rollouts/targets/count',
      token: keys.viewer,
      payload: { target: {} },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].path).toBe('target');
  });

  it('lists members with step, state and revert confirmation, filtered and paged; names the creator', async () => {
    const tag = uniqueName('members');
    const robots: SimRobot[] = [];
    for (let i = 0; i < 3; i++) robots.push(await SimRobot.enroll(api, keys.operator, [tag]));
    const versionId = await createPolicyVersion(api, keys.operator, 0.3, uniqueName('reads-policy'));
    const spec = rolloutSpec(versionId, tag, { steps: [{ percent: 100, bakeSeconds: 600 }] });
    const id = await createRollout(api, keys.operator, spec, { name: uniqueName('reads') });
    const members = async (query = '') => {
      const response = await api.request({
        method: 'GET',
        url: `/v1/rollouts/${id}/robots${query}`,
        token: keys.viewer,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as {
        total: number;
        items: {
          robotId: string;
          name: string;
          stepIndex: number;
          state: string;
          revertConfirmed: boolean;
        }[];
      };
    };
    expect(await members()).toEqual({ total: 0, items: [] }); // a draft has no members yet

    await api.request({
      method: 'POST',
      url: `/v1/rollouts/${id}/start`,
      token: keys.operator,
      payload: { reason: 't' },
    });
    for (const robot of robots) await robot.sync();
    const running = await members();
    expect(running.total).toBe(3);
    expect(running.items.map((m) => m.state)).toEqual(['applied', 'applied', 'applied']);
    expect(running.items.every((m) => m.stepIndex === 0 && m.name.length > 0)).toBe(true);
    expect((await members('?limit=2')).items).toHaveLength(2);
    expect((await members('?limit=2&offset=2')).items).toHaveLength(1);
    expect((await members('?state=pending')).total).toBe(0);

    await api.request({
      method: 'POST',
      url: `/v1/rollouts/${id}/abort`,
      token: keys.operator,
      payload: { reason: 't' },
    });
    await robots[0]!.sync(); // one robot acknowledges its revert
    const reverted = await members('?state=reverted');
    expect(reverted.total).toBe(3);
    expect(reverted.items.filter((m) => m.revertConfirmed).map((m) => m.robotId)).toEqual([
      robots[0]!.robotId,
    ]);

    const detail = await api.request({ method: 'GET', url: `/v1/rollouts/${id}`, token: keys.viewer });
    expect(detail.json()).toMatchObject({
      createdByName: expect.any(String),
      revert: { reverted: 3, confirmed: 1 },
    });
    const list = await api.request({ method: 'GET', url: '/v1/rollouts', token: keys.viewer });
    expect(list.json().items.find((r: { id: string }) => r.id === id).createdByName).toBe(
      detail.json().createdByName,
    );
    const missing = await api.request({
      method: 'GET',
      url: '/v1/rollouts/00000000-0000-4000-8000-00000000dead/robots',
      token: keys.viewer,
    });
    expect(missing.statusCode).toBe(404);
  });
  it('pages the rollout list newest first, with the total, so no rollout is out of reach', async () => {
    const tag = uniqueName('paging');
    await SimRobot.enroll(api, keys.operator, [tag]);
    const versionId = await createPolicyVersion(api, keys.operator, 0.3, uniqueName('paging-policy'));
    const spec = rolloutSpec(versionId, tag, { steps: [{ percent: 100, bakeSeconds: 60 }] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await createRollout(api, keys.operator, spec, { name: uniqueName(`paging-${i}`) }));
    }
    const list = async (query: string) => {
      const response = await api.request({ method: 'GET', url: `/v1/rollouts${query}`, token: keys.viewer });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { total: number; limit: number; offset: number; items: { id: string }[] };
    };
    const everything = await list('?status=draft');
    expect(everything.limit).toBe(200);
    const first = await list('?status=draft&limit=2');
    const second = await list('?status=draft&limit=2&offset=2');
    expect(first.total).toBe(everything.total);
    expect(first.items).toHaveLength(2);
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual(
      everything.items.map((r) => r.id).slice(0, 4),
    );
    // newest first: the three just created lead, last created first
    expect(first.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(second.items[0]!.id).toBe(ids[0]);
    const bad = await api.request({ method: 'GET', url: '/v1/rollouts?limit=500', token: keys.viewer });
    expect(bad.json().error.details[0].path).toBe('limit');
  });
});
