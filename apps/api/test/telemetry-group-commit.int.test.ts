import type { TelemetryRecord } from '@aura/core';
import { type RunningService, startApi, telemetryRecord } from '@aura/testing';
import { describe, expect, it } from 'vitest';
import { ApiHarness } from './support/api-harness.js';

type Robot = Awaited<ReturnType<ApiHarness['enrollRobot']>>;

/**
 * Telemetry group commit (issue 15): concurrent batches of different robots share one statement and
 * one commit, each answered only after it; a batch that fails fails alone; and an API killed while
 * batches are in flight — some committed and not yet answered — loses nothing and stores nothing
 * twice once the agents re-send what was not acknowledged.
 */
describe('telemetry group commit', () => {
  const { api, keys } = ApiHarness.forSuite(['operator']);

  const storedSeqs = async (robot: Robot) =>
    (
      await api.prisma.$queryRaw<{ seq: bigint }[]>`
        SELECT seq FROM telemetry_record WHERE robot_id = ${robot.robotId}::uuid ORDER BY seq`
    ).map((row) => Number(row.seq));
  const batch = (from: number, count: number, start: Date) =>
    Array.from({ length: count }, (_, i) =>
      telemetryRecord(from + i, {}, { start: new Date(start.getTime() + (from + i) * 10_000) }),
    );

  it('answers each of many concurrent batches with its own counts, storing every seq once', async () => {
    const robots = await Promise.all(Array.from({ length: 12 }, () => api.enrollRobot(keys.operator)));
    const start = new Date(Date.now() - 3_600_000);
    const send = (robot: Robot, records: TelemetryRecord[]) =>
      api.request({
        method: 'POST',
        url: '/v1/agent/telemetry',
        token: robot.robotSecret,
        payload: { records },
      });
    // Per robot: seqs 1-10, 11-20, and 6-15 again (5 duplicates), all at once across robots.
    const answers = await Promise.all(
      robots.flatMap((robot) => [
        send(robot, batch(1, 10, start)),
        send(robot, batch(11, 10, start)),
        send(robot, batch(6, 10, start)),
      ]),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    for (const [r, robot] of robots.entries()) {
      const mine = answers
        .slice(r * 3, r * 3 + 3)
        .map((a) => a.json() as { accepted: number; duplicates: number });
      expect(mine.reduce((sum, a) => sum + a.accepted, 0)).toBe(20);
      expect(mine.reduce((sum, a) => sum + a.duplicates, 0)).toBe(10);
      expect(await storedSeqs(robot)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const latest = await api.prisma.robot.findUniqueOrThrow({ where: { id: robot.robotId } });
      expect(Number(latest.lastSeq)).toBe(20);
    }
  }, 60_000);

  it('fails only the batch that cannot be stored, not the others of its group', async () => {
    const robots = await Promise.all(Array.from({ length: 6 }, () => api.enrollRobot(keys.operator)));
    const doomed = robots[0]!;
    // The robot disappears after authenticating (cached for a minute): its insert fails in PostgreSQL.
    await api.request({ method: 'GET', url: '/v1/agent/config', token: doomed.robotSecret });
    // An ordinary delete (its rows cascade): with session_replication_role = replica it would also skip
    // the triggers that keep robot_tally and robot_tag_tally, and later suites' tally checks would fail.
    await api.prisma.$executeRaw`DELETE FROM robot WHERE id = ${doomed.robotId}::uuid`;
    const start = new Date(Date.now() - 1_800_000);
    const answers = await Promise.all(
      robots.map((robot) =>
        api.request({
          method: 'POST',
          url: '/v1/agent/telemetry',
          token: robot.robotSecret,
          payload: { records: batch(1, 5, start) },
        }),
      ),
    );
    expect(answers[0]!.statusCode).toBeGreaterThanOrEqual(400);
    expect(answers.slice(1).map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    for (const robot of robots.slice(1)) expect(await storedSeqs(robot)).toEqual([1, 2, 3, 4, 5]);
  }, 60_000);

  it('loses nothing and duplicates nothing when the API dies between commit and answer', async () => {
    const robots = await Promise.all(Array.from({ length: 8 }, () => api.enrollRobot(keys.operator)));
    const env = {
      DATABASE_URL: api.config.database.url,
      REDIS_URL: api.config.redis.url,
      REDIS_PREFIX: api.config.redis.prefix,
      CONFIG_SIGNING_DEV_KEYS: 'true',
      NODE_ENV: 'test',
      AGENT_RATE_LIMIT: '0',
    };
    const start = new Date(Date.now() - 7_200_000);
    const perRobot = 30; // batches of 5 records: seqs 1..150
    const outbox = new Map(
      robots.map((robot) => [robot, Array.from({ length: perRobot }, (_, i) => batch(i * 5 + 1, 5, start))]),
    );
    const acknowledged = new Map(robots.map((robot) => [robot, new Set<number>()]));
    let accepted = 0;
    let duplicates = 0;
    const upload = async (service: RunningService, robot: Robot, index: number) => {
      const response = await fetch(`${service.url}/v1/agent/telemetry`, {
        method: 'POST',
        headers: { authorization: `Bearer ${robot.robotSecret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ records: outbox.get(robot)![index] }),
      });
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      const answer = (await response.json()) as { accepted: number; duplicates: number };
      accepted += answer.accepted;
      duplicates += answer.duplicates;
      acknowledged.get(robot)!.add(index);
    };

    // Every robot uploads its outbox in order, as fast as answers come; the API is SIGKILLed mid-way.
    const first = await startApi(env, { timeoutMs: 120_000 });
    const uploading = Promise.all(
      robots.map(async (robot) => {
        for (let i = 0; i < perRobot; i++) await upload(first, robot, i);
      }),
    ).catch(() => undefined);
    const deadline = Date.now() + 60_000;
    while ([...acknowledged.values()].reduce((n, s) => n + s.size, 0) < 40 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await first.process.kill();
    await uploading;
    const answeredBeforeCrash = [...acknowledged.values()].reduce((n, s) => n + s.size, 0);
    expect(answeredBeforeCrash).toBeGreaterThanOrEqual(40);
    expect(answeredBeforeCrash).toBeLessThan(robots.length * perRobot);

    // A restarted API; each agent re-sends every batch it holds no answer for (its outbox).
    const second = await startApi(env, { timeoutMs: 120_000 });
    try {
      await Promise.all(
        robots.map(async (robot) => {
          for (let i = 0; i < perRobot; i++)
            if (!acknowledged.get(robot)!.has(i)) await upload(second, robot, i);
        }),
      );
    } finally {
      await second.process.stop();
    }
    for (const robot of robots) {
      expect(await storedSeqs(robot)).toEqual(Array.from({ length: perRobot * 5 }, (_, i) => i + 1));
    }
    // Every batch was acknowledged once — accepted, or (committed before the crash, answer lost)
    // re-sent and counted as duplicates: nothing acknowledged twice as new.
    expect(accepted + duplicates).toBe(robots.length * perRobot * 5);
  }, 300_000);
});
