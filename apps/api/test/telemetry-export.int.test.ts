import { TELEMETRY_EXPORT_COLUMNS, type TelemetryRecord } from '@aura/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness, uniqueName } from './support/api-harness.js';

const HOUR = 3_600_000;

/** Record `seq` of a robot, its window starting `hoursAgo` hours before now. */
function record(seq: number, hoursAgo: number, overrides: Partial<TelemetryRecord> = {}): TelemetryRecord {
  const start = new Date(Date.now() - hoursAgo * HOUR);
  return {
    seq,
    windowStart: start.toISOString(),
    windowEnd: new Date(start.getTime() + 10_000).toISOString(),
    steps: 100 + seq,
    writes: 20,
    tau: 0.5,
    stateBytes: 4224,
    kvEquivalentBytes: 256 * seq,
    flashBytesWritten: 4096 * 20,
    wearFraction: 0.0001 * seq,
    episodes: { completed: 4, succeeded: 3 },
    stepLatencyUs: { p50: 90, p99: 300 },
    ...overrides,
  };
}

describe('GET /v1/telemetry/export', () => {
  const { api } = ApiHarness.forSuite([]);
  let viewer: string;
  let robots: { robotId: string; robotSecret: string }[];
  let groupId: string;
  let since: string;

  const get = (query: Record<string, string | number>) =>
    api.request({
      method: 'GET',
      url: `/v1/telemetry/export?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`,
      token: viewer,
    });

  beforeAll(async () => {
    const operator = await api.operatorKey('operator');
    viewer = await api.operatorKey('viewer');
    robots = [
      await api.enrollRobot(operator),
      await api.enrollRobot(operator),
      await api.enrollRobot(operator),
    ];
    // Robots 0 and 1: seqs 1..30, one every hour back from 30 h ago; robot 2: 5 records, not in the group.
    for (const [index, robot] of robots.entries()) {
      const count = index < 2 ? 30 : 5;
      const records = Array.from({ length: count }, (_, i) => record(i + 1, count - i));
      const sent = await api.request({
        method: 'POST',
        url: '/v1/agent/telemetry',
        token: robot.robotSecret,
        payload: { records },
      });
      expect(sent.statusCode).toBe(200);
    }
    const group = await api.request({
      method: 'POST',
      url: '/v1/groups',
      token: operator,
      payload: { name: uniqueName('export') },
    });
    groupId = group.json().id;
    await api.request({
      method: 'POST',
      url: `/v1/groups/${groupId}/members`,
      token: operator,
      payload: { add: [robots[0]!.robotId, robots[1]!.robotId] },
    });
    since = new Date(Date.now() - 48 * HOUR).toISOString();
  });

  it('pages one robot in seq order with a cursor until the last page', async () => {
    const seqs: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await get({
        robotId: robots[0]!.robotId,
        since,
        limit: 7,
        ...(cursor ? { cursor } : {}),
      });
      expect(response.statusCode).toBe(200);
      const body = response.json() as { items: { seq: number; robotId: string }[]; nextCursor?: string };
      expect(body.items.length).toBeLessThanOrEqual(7);
      for (const item of body.items) expect(item.robotId).toBe(robots[0]!.robotId);
      seqs.push(...body.items.map((item) => item.seq));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(pages).toBe(5); // 7 + 7 + 7 + 7 + 2
  });

  it('returns every column of the record, flat', async () => {
    const response = await get({ robotId: robots[2]!.robotId, since });
    const [first] = response.json().items;
    expect(Object.keys(first)).toEqual(TELEMETRY_EXPORT_COLUMNS);
    expect(first).toMatchObject({
      seq: 1,
      steps: 101,
      kvEquivalentBytes: 256,
      wearFraction: 0.0001,
      episodesCompleted: 4,
      episodesSucceeded: 3,
      latencyP50Us: 90,
      policyVersionId: null,
      deviceWearValue: null,
    });
  });

  it('limits a group to its members and the window to [since, until)', async () => {
    const all = await get({ groupId, since, limit: 5000 });
    const items = all.json().items as { robotId: string; seq: number; windowStart: string }[];
    expect(items).toHaveLength(60);
    expect(new Set(items.map((i) => i.robotId))).toEqual(new Set([robots[0]!.robotId, robots[1]!.robotId]));

    const from = new Date(Date.now() - 10.5 * HOUR).toISOString();
    const until = new Date(Date.now() - 5.5 * HOUR).toISOString();
    const windowed = (await get({ robotId: robots[0]!.robotId, since: from, until })).json().items as {
      seq: number;
    }[];
    expect(windowed.map((i) => i.seq)).toEqual([21, 22, 23, 24, 25]);
  });

  it('refuses bad queries naming the field, and unknown robots or groups with 404', async () => {
    const both = await get({ robotId: robots[0]!.robotId, groupId, since });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details).toEqual([expect.objectContaining({ path: 'groupId' })]);
    const backwards = await get({ since, until: new Date(Date.now() - 72 * HOUR).toISOString() });
    expect(backwards.json().error.details).toEqual([expect.objectContaining({ path: 'until' })]);
    const noSince = await get({ robotId: robots[0]!.robotId });
    expect(noSince.json().error.details).toEqual([expect.objectContaining({ path: 'since' })]);
    const badCursor = await get({ since, cursor: 'page-2' });
    expect(badCursor.json().error.details).toEqual([expect.objectContaining({ path: 'cursor' })]);
    expect((await get({ robotId: '00000000-0000-4000-8000-000000000000', since })).statusCode).toBe(404);
    expect((await get({ groupId: '00000000-0000-4000-8000-000000000000', since })).statusCode).toBe(404);
    expect(
      (await api.request({ method: 'GET', url: `/v1/telemetry/export?since=${encodeURIComponent(since)}` }))
        .statusCode,
    ).toBe(401);
  });
});
