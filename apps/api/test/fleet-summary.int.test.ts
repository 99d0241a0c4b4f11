import type { TelemetryRecord } from '@aura/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness, uniqueName } from './support/api-harness.js';

const now = Date.now();
/** Two 10 s windows 20 s apart, wear going from `from` to `to`. */
function windows(from: number, to: number, extra: Partial<TelemetryRecord> = {}): TelemetryRecord[] {
  return [
    [1, now - 40_000, from],
    [2, now - 20_000, to],
  ].map(([seq, start, wear]) => ({
    seq: seq as number,
    windowStart: new Date(start as number).toISOString(),
    windowEnd: new Date((start as number) + 10_000).toISOString(),
    steps: 100,
    writes: 25,
    tau: 0.5,
    policyVersion: 'default@1',
    stateBytes: 4224,
    kvEquivalentBytes: 256 * 100 * (seq as number),
    flashBytesWritten: 4096 * 25,
    wearFraction: wear as number,
    episodes: { completed: 2, succeeded: 1 },
    stepLatencyUs: { p50: 90, p99: 300 },
    ...extra,
  }));
}
/** The same formula the API states: remaining endurance ÷ wear per day over the window's span (30 s). */
const lifeDays = (from: number, to: number) => (1 - to) / ((to - from) / (30 / 86_400));

describe('GET /v1/fleet/summary', () => {
  const { api } = ApiHarness.forSuite([]);
  let viewer: string;
  let groupId: string;
  const ids: Record<string, string> = {};

  const summary = async (query: string) => {
    const response = await api.request({ method: 'GET', url: `/v1/fleet/summary?${query}`, token: viewer });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    const operator = await api.operatorKey('operator');
    viewer = await api.operatorKey('viewer');
    const send = (secret: string, records: TelemetryRecord[]) =>
      api.request({ method: 'POST', url: '/v1/agent/telemetry', token: secret, payload: { records } });
    // Other test files share this database: the summary is read for a group of this file's robots.
    const group = await api.request({
      method: 'POST',
      url: '/v1/groups',
      token: operator,
      payload: { name: uniqueName('summary') },
    });
    groupId = group.json().id;
    const uploads: Record<string, TelemetryRecord[] | undefined> = {
      'fast-wear': windows(0.001, 0.002),
      'slow-wear': windows(0.01, 0.010_000_1),
      'no-wear': windows(0.2, 0.2, { deviceWear: { source: 'emmc.life_time_b', value: 0.1 } }),
      silent: undefined,
    };
    for (const [name, records] of Object.entries(uploads)) {
      const robot = await api.enrollRobot(operator, uniqueName(name));
      ids[name] = robot.robotId;
      if (records) expect((await send(robot.robotSecret, records)).statusCode).toBe(200);
    }
    // a robot outside the group, wearing fast: must not count
    const outsider = await api.enrollRobot(operator);
    await send(outsider.robotSecret, windows(0.5, 0.9));
    await api.request({
      method: 'POST',
      url: `/v1/groups/${groupId}/members`,
      token: operator,
      payload: { add: Object.values(ids) },
    });
  });

  it('summarises robots, writes, projected flash life and wear over the group only', async () => {
    const body = await summary(`groupId=${groupId}`);
    expect(body.robots).toEqual({ total: 4, online: 3, offline: 1, reporting: 3 });
    expect(body.window).toMatchObject({ steps: 600, writes: 150, writesPerStep: 0.25, writesPerHour: 150 });
    expect(body.memory).toEqual({ stateBytesPerRobot: 4224, maxKvEquivalentBytes: 256 * 200 });
    const fast = lifeDays(0.001, 0.002);
    const slow = lifeDays(0.01, 0.010_000_1);
    expect(fast).toBeLessThan(1);
    expect(slow).toBeGreaterThan(5 * 365);
    // median of [fast, slow, unbounded] is slow; worst is fast; only fast is below 5 years
    expect(body.flashLife.lifeTargetDays).toBe(5 * 365);
    expect(body.flashLife.medianDays).toBeCloseTo(slow, 0);
    expect(body.flashLife.worstDays).toBeCloseTo(fast, 6);
    expect(body.flashLife.belowTarget).toBe(1);
    expect(body.flashLife.worst.map((w: { robotId: string }) => w.robotId)).toEqual([
      ids['fast-wear'],
      ids['slow-wear'],
    ]);
    expect(body.wear).toEqual({
      medianFraction: 0.010_000_1,
      worstFraction: 0.2,
      worstDeviceFraction: 0.1,
    });
  });

  it('counts below a target given in the query, and answers for an empty group', async () => {
    const body = await summary(
      `groupId=${groupId}&lifeTargetDays=${Math.ceil(lifeDays(0.01, 0.010_000_1) + 1)}`,
    );
    expect(body.flashLife.belowTarget).toBe(2);
    const empty = await api.request({
      method: 'POST',
      url: '/v1/groups',
      token: await api.operatorKey('operator'),
      payload: { name: uniqueName('empty') },
    });
    const none = await summary(`groupId=${empty.json().id}`);
    expect(none.robots).toEqual({ total: 0, online: 0, offline: 0, reporting: 0 });
    expect(none.flashLife).toMatchObject({ medianDays: null, worstDays: null, belowTarget: 0, worst: [] });
    expect(none.window.writesPerStep).toBeNull();
  });

  it('refuses a bad query naming the field', async () => {
    const response = await api.request({
      method: 'GET',
      url: '/v1/fleet/summary?lifeTargetDays=0',
      token: viewer,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('lifeTargetDays');
  });
});
