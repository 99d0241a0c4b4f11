import { SimRobot } from '@aura/testing';
import { describe, expect, it } from 'vitest';
import { ApiHarness, uniqueName } from './support/api-harness.js';

/** Reads the dashboard's robot and policy pages need: a robot's rollout history, robots per version. */
describe('robot rollout history and robots per policy version', () => {
  const { api, keys } = ApiHarness.forSuite(['operator', 'viewer'], { AGENT_RATE_LIMIT: '0' }, 60_000);

  it('lists the rollouts that included a robot with its per-robot state, and counts robots per version', async () => {
    const tag = uniqueName('history');
    const inRollout = await SimRobot.enroll(api, keys.operator, [tag]);
    const outside = await SimRobot.enroll(api, keys.operator, [uniqueName('other')]);
    const policy = await api.request({
      method: 'POST',
      url: '/v1/policies',
      token: keys.operator,
      payload: { name: uniqueName('history-policy'), tau: 0.3 },
    });
    const version = policy.json().versions[0] as { id: string; version: number };

    // No rollout yet: an empty history, not a 404.
    const empty = await api.request({
      method: 'GET',
      url: `/v1/robots/${inRollout.robotId}/rollouts`,
      token: keys.viewer,
    });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ items: [] });

    const created = await api.request({
      method: 'POST',
      url: '/v1/rollouts',
      token: keys.operator,
      payload: {
        name: uniqueName('history-rollout'),
        spec: {
          policyVersionId: version.id,
          target: { tags: [tag] },
          steps: [{ percent: 100, bakeSeconds: 600 }],
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const rolloutId = created.json().id as string;
    const started = await api.request({
      method: 'POST',
      url: `/v1/rollouts/${rolloutId}/start`,
      token: keys.operator,
      payload: { reason: 'history test' },
    });
    expect(started.statusCode, started.body).toBe(200);
    const envelope = await inRollout.sync();
    expect(envelope?.policyVersionId).toBe(version.id);

    const history = await api.request({
      method: 'GET',
      url: `/v1/robots/${inRollout.robotId}/rollouts`,
      token: keys.viewer,
    });
    expect(history.statusCode).toBe(200);
    const [item, ...rest] = history.json().items;
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      rolloutId,
      status: 'running',
      policyVersion: { id: version.id, version: 1, tau: 0.3, policyName: policy.json().name },
      stepIndex: 0,
      state: 'applied',
      active: true,
      rolloutEndedAt: null,
    });
    expect(Date.parse(item.issuedAt)).toBeLessThanOrEqual(Date.parse(item.ackedAt));
    expect(item.rolloutStartedAt).toEqual(expect.any(String));

    const none = await api.request({
      method: 'GET',
      url: `/v1/robots/${outside.robotId}/rollouts`,
      token: keys.viewer,
    });
    expect(none.json().items).toEqual([]);
    const missing = await api.request({
      method: 'GET',
      url: '/v1/robots/00000000-0000-4000-8000-00000000dead/rollouts',
      token: keys.viewer,
    });
    expect(missing.statusCode).toBe(404);

    // The version now has exactly one robot applied and desired; the listing and the detail agree.
    const detail = await api.request({
      method: 'GET',
      url: `/v1/policies/${policy.json().id}`,
      token: keys.viewer,
    });
    expect(detail.json().versions[0].robots).toEqual({ applied: 1, desired: 1 });
    const list = await api.request({ method: 'GET', url: '/v1/policies', token: keys.viewer });
    const listed = list.json().items.find((p: { id: string }) => p.id === policy.json().id);
    expect(listed.versions[0].robots).toEqual({ applied: 1, desired: 1 });

    await api.request({
      method: 'POST',
      url: `/v1/rollouts/${rolloutId}/abort`,
      token: keys.operator,
      payload: { reason: 'done' },
    });
    const after = await api.request({
      method: 'GET',
      url: `/v1/robots/${inRollout.robotId}/rollouts`,
      token: keys.viewer,
    });
    expect(after.json().items[0]).toMatchObject({ status: 'aborted', active: false });
  });
});
