import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './support/api-harness.js';

/**
 * A decommissioned robot is out of the fleet's day-to-day views: hidden from the default robot list
 * (a filter shows it), never counted or previewed as a rollout target, never made a rollout member.
 */
describe('decommissioned robots', () => {
  const { api, keys } = ApiHarness.forSuite(['operator']);
  const tag = `decom-${randomUUID().slice(0, 8)}`;
  const ids: string[] = [];

  beforeAll(async () => {
    const token = await api.request({
      method: 'POST',
      url: '/v1/enrollment-tokens',
      token: keys.operator,
      payload: { name: tag, maxUses: 3, tags: [tag] },
    });
    for (const name of ['keep-a', 'keep-b', 'scrapped']) {
      const enrolled = await api.request({
        method: 'POST',
        url: '/v1/agent/enroll',
        payload: { enrollmentToken: token.json().token, name: `${tag}-${name}` },
      });
      expect(enrolled.statusCode).toBe(201);
      ids.push(enrolled.json().robotId);
    }
    const done = await api.request({
      method: 'POST',
      url: `/v1/robots/${ids[2]}/decommission`,
      token: keys.operator,
      payload: { reason: 'water damage' },
    });
    expect(done.statusCode).toBe(200);
  });

  const names = async (query: string) => {
    const listed = await api.request({
      method: 'GET',
      url: `/v1/robots?tag=${tag}${query}`,
      token: keys.operator,
    });
    expect(listed.statusCode).toBe(200);
    return {
      total: listed.json().total as number,
      names: (listed.json().items as { name: string }[]).map((r) => r.name.replace(`${tag}-`, '')).sort(),
    };
  };

  it('hides them from the default robot list; decommissioned=include|only shows them', async () => {
    expect(await names('')).toEqual({ total: 2, names: ['keep-a', 'keep-b'] });
    expect(await names('&decommissioned=include')).toEqual({
      total: 3,
      names: ['keep-a', 'keep-b', 'scrapped'],
    });
    const only = await api.request({
      method: 'GET',
      url: `/v1/robots?tag=${tag}&decommissioned=only`,
      token: keys.operator,
    });
    expect(only.json().items).toHaveLength(1);
    expect(only.json().items[0]).toMatchObject({ id: ids[2], decommissionedAt: expect.any(String) });
    const bad = await api.request({
      method: 'GET',
      url: '/v1/robots?decommissioned=yes',
      token: keys.operator,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('decommissioned');
    // the robot itself stays readable by id
    expect(
      (await api.request({ method: 'GET', url: `/v1/robots/${ids[2]}`, token: keys.operator })).statusCode,
    ).toBe(200);
  });

  it('leaves them out of rollout targets, previews and members, also when named by id', async () => {
    const target = { tags: [tag], robotIds: [ids[2]] };
    const count = await api.request({
      method: 'POST',
      url: '/v1/rollouts/targets/count',
      token: keys.operator,
      payload: { target },
    });
    expect(count.json()).toEqual({ robots: 2, unreported: 0, notMatching: 0 });

    const policy = await api.request({
      method: 'POST',
      url: '/v1/policies',
      token: keys.operator,
      payload: { name: `${tag}-tau`, tau: 0.45 },
    });
    expect(policy.statusCode).toBe(201);
    const spec = {
      policyVersionId: policy.json().versions[0].id,
      target,
      steps: [{ percent: 100, bakeSeconds: 600 }],
    };
    const preview = await api.request({
      method: 'POST',
      url: '/v1/rollouts/preview',
      token: keys.operator,
      payload: { spec },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().targets).toBe(2);
    expect(preview.json().cohorts.reduce((n: number, c: { robots: number }) => n + c.robots, 0)).toBe(2);

    const created = await api.request({
      method: 'POST',
      url: '/v1/rollouts',
      token: keys.operator,
      payload: { name: `${tag}-rollout`, spec },
    });
    expect(created.statusCode).toBe(201);
    const started = await api.request({
      method: 'POST',
      url: `/v1/rollouts/${created.json().id}/start`,
      token: keys.operator,
      payload: { reason: 'test' },
    });
    expect(started.statusCode).toBe(200);
    const members = await api.request({
      method: 'GET',
      url: `/v1/rollouts/${created.json().id}/robots`,
      token: keys.operator,
    });
    const memberIds = (members.json().items as { robotId: string }[]).map((m) => m.robotId).sort();
    expect(memberIds).toEqual([ids[0], ids[1]].sort());
    await api.request({
      method: 'POST',
      url: `/v1/rollouts/${created.json().id}/abort`,
      token: keys.operator,
      payload: { reason: 'test over' },
    });
  });
});
