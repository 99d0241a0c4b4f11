import { type RunningService, startApi } from '@aura/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './support/api-harness.js';

/**
 * Robot decommission and secret rotation (issue 13): a secret both API processes have verified (and
 * cached) is refused by the other process on its very next request — no 60 s cache window.
 */
describe('robot credentials: decommission and secret rotation across API processes', () => {
  const { api } = ApiHarness.forSuite([]);
  let other: RunningService;
  let operator: string;
  let viewer: string;

  const poll = (url: string, secret: string) =>
    fetch(`${url}/v1/agent/config`, { headers: { authorization: `Bearer ${secret}` } });
  /** a config poll on both processes, so each has verified (and cached) the secret */
  const warm = async (secret: string) => {
    expect((await api.request({ method: 'GET', url: '/v1/agent/config', token: secret })).statusCode).toBe(
      200,
    );
    expect((await poll(other.url, secret)).status).toBe(200);
    expect((await poll(other.url, secret)).status).toBe(200);
  };

  beforeAll(async () => {
    other = await startApi({
      ...api.serviceEnv(),
      AGENT_RATE_LIMIT: '100000',
    });
    operator = await api.operatorKey('operator');
    viewer = await api.operatorKey('viewer');
  }, 60_000);

  afterAll(async () => {
    await other?.stop();
  });

  it('a decommissioned robot is refused at once by every process, and says why', async () => {
    const robot = await api.enrollRobot(operator);
    await warm(robot.robotSecret);
    const forbidden = await api.request({
      method: 'POST',
      url: `/v1/robots/${robot.robotId}/decommission`,
      token: viewer,
      payload: { reason: 'sold' },
    });
    expect(forbidden.statusCode).toBe(403);
    const done = await api.request({
      method: 'POST',
      url: `/v1/robots/${robot.robotId}/decommission`,
      token: operator,
      payload: { reason: 'sold to a customer' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().decommissionedAt).toEqual(expect.any(String));
    // the other process verified this secret a moment ago; it refuses it now
    const refused = await poll(other.url, robot.robotSecret);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /decommissioned/,
    );
    const telemetry = await api.request({
      method: 'POST',
      url: '/v1/agent/telemetry',
      token: robot.robotSecret,
      payload: { records: [] },
    });
    expect(telemetry.statusCode).toBe(401);
    // idempotent; the robot page shows it; audited with the reason
    const again = await api.request({
      method: 'POST',
      url: `/v1/robots/${robot.robotId}/decommission`,
      token: operator,
      payload: { reason: 'again' },
    });
    expect(again.json().decommissionedAt).toBe(done.json().decommissionedAt);
    const audit = await api.request({
      method: 'GET',
      url: `/v1/audit?action=robot.decommission&targetId=${robot.robotId}`,
      token: viewer,
    });
    expect(audit.json().items).toMatchObject([{ reason: 'sold to a customer' }]);
    // no new secret for a decommissioned robot
    const rotate = await api.request({
      method: 'POST',
      url: `/v1/robots/${robot.robotId}/rotate-secret`,
      token: operator,
      payload: { reason: 'x' },
    });
    expect(rotate.statusCode).toBe(409);
  });

  it('a rotated secret replaces the old one at once on every process', async () => {
    const robot = await api.enrollRobot(operator);
    await warm(robot.robotSecret);
    const rotated = await api.request({
      method: 'POST',
      url: `/v1/robots/${robot.robotId}/rotate-secret`,
      token: operator,
      payload: { reason: 'scheduled rotation' },
    });
    expect(rotated.statusCode).toBe(200);
    const { robotSecret } = rotated.json() as { robotSecret: string };
    expect(robotSecret).toMatch(/^aura_rs_/);
    expect((await poll(other.url, robot.robotSecret)).status).toBe(401);
    expect(
      (await api.request({ method: 'GET', url: '/v1/agent/config', token: robot.robotSecret })).statusCode,
    ).toBe(401);
    expect((await poll(other.url, robotSecret)).status).toBe(200);
    const audit = await api.request({
      method: 'GET',
      url: `/v1/audit?action=robot.rotate_secret&targetId=${robot.robotId}`,
      token: viewer,
    });
    expect(audit.json().items).toHaveLength(1);
    expect(JSON.stringify(audit.json())).not.toContain(robotSecret);
  });

  it('refuses an unknown robot and a missing reason', async () => {
    const missing = await api.request({
      method: 'POST',
      url: '/v1/robots/6f1c1e5a-2b7e-4c1d-9a3e-5b6c7d8e9f00/decommission',
      token: operator,
      payload: { reason: 'x' },
    });
    expect(missing.statusCode).toBe(404);
    const robot = await api.enrollRobot(operator);
    const noReason = await api.request({
      method: 'POST',
      url: `/v1/robots/${robot.robotId}/decommission`,
      token: operator,
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
  });
});
