import { type ConfigEnvelope, verifyConfigEnvelope } from '@aura/core';
import { type RunningService, startApi, TcpProxy } from '@aura/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DesiredConfigService } from '../src/modules/agent-config/desired-config.service.js';
import { ApiHarness, uniqueName } from './support/api-harness.js';

type Robot = { robotId: string; robotSecret: string; configKeys: { keyId: string; publicKey: string }[] };

/**
 * Config delivery served from each API process's memory (issue 15): the change notification that
 * names many robots, a poll answered with PostgreSQL unreachable, a lost notification repaired by the
 * sweep, a restarted process rebuilding from PostgreSQL, the long-poll cap, and batched delivery/ack
 * bookkeeping that another process sees at once.
 */
describe('config delivery from memory', () => {
  const target = new URL(inject('databaseUrl'));
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  const { api, keys } = ApiHarness.forSuite(['operator']);
  let policyVersionId: string;
  const processes: RunningService[] = [];

  // the run database's development signing key, shared by every process (key states are fleet-wide)
  const env = () => api.serviceEnv();
  const startProcess = async (extra: Record<string, string> = {}) => {
    const started = await startApi({ ...env(), ...extra });
    processes.push(started);
    return started;
  };
  const poll = async (url: string, robot: Robot, etag?: string, wait = 0) => {
    const response = await fetch(`${url}/v1/agent/config${wait ? `?wait=${wait}` : ''}`, {
      headers: {
        authorization: `Bearer ${robot.robotSecret}`,
        ...(etag ? { 'if-none-match': etag } : {}),
      },
    });
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      retryAfter: response.headers.get('retry-after'),
      body: response.status === 200 ? ((await response.json()) as ConfigEnvelope) : await response.text(),
    };
  };

  /**
   * An API process whose PostgreSQL goes through the proxy (sweep 30 s away), and one of its robots
   * long-polling it (20 s) with a current ETag. The caller cuts the proxy.
   */
  const waitingBehindProxy = async () => {
    if (!proxy.up) await proxy.start();
    const viaProxy = new URL(api.config.database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const isolated = await startProcess({
      DATABASE_URL: viaProxy.toString(),
      CONFIG_LONG_POLL_MAX_SECONDS: '30',
    });
    const robot = await api.enrollRobot(keys.operator);
    const first = await poll(isolated.url, robot);
    expect(first.status).toBe(200);
    const waiting = poll(isolated.url, robot, first.etag!, 20);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { isolated, robot, waiting };
  };
  /**
   * Moves robots onto the policy version as a rollout step does: one issue, one announcement — carrying
   * the issued configs (as the API sends it), naming the robots only (an older sender, or a change over
   * MAX_CARRIED_CONFIGS: every process re-reads them), or none (a lost notification).
   */
  const issue = async (robots: Robot[], announce: 'carried' | 'ids' | false = 'carried') => {
    const configs = api.app.get(DesiredConfigService);
    const issued = await configs.issue(
      robots.map((r) => r.robotId),
      policyVersionId,
    );
    if (announce === 'carried') await configs.announce(issued);
    if (announce === 'ids') await configs.announce(issued.map((config) => config.robot_id));
    return issued;
  };
  const ack = (robot: Robot, version: number, status: 'applied' | 'rejected' = 'applied') =>
    api.request({
      method: 'POST',
      url: '/v1/agent/config/ack',
      token: robot.robotSecret,
      payload: { version, status, ...(status === 'rejected' ? { reason: 'test' } : {}) },
    });
  const configRow = (robot: Robot, version: number) =>
    api.prisma.robotConfig.findFirstOrThrow({
      where: { robotId: robot.robotId, version },
      select: { deliveredAt: true, ackStatus: true },
    });
  const desiredVersion = async (robot: Robot) =>
    (await api.prisma.robot.findUniqueOrThrow({ where: { id: robot.robotId } })).desiredConfigVersion;

  beforeAll(async () => {
    const created = await api.request({
      method: 'POST',
      url: '/v1/policies',
      token: keys.operator,
      payload: { name: uniqueName('memory'), tau: 0.65 },
    });
    policyVersionId = created.json().versions[0].id;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await proxy.stop();
  });

  it('wakes polls in another process from one notification naming every robot of the step', async () => {
    const robots = await Promise.all([1, 2, 3, 4].map(() => api.enrollRobot(keys.operator)));
    const other = await startProcess();
    const first = await Promise.all(robots.map((robot) => poll(other.url, robot)));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200]);

    const listener = new Redis(api.config.redis.url);
    const messages: string[] = [];
    await listener.subscribe(`${api.config.redis.prefix}:config-changed`);
    listener.on('message', (_channel, message: string) => messages.push(message));
    try {
      const waiting = robots.map((robot, i) => poll(other.url, robot, first[i]!.etag!, 20));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const changedAt = Date.now();
      await issue(robots);
      const answers = await Promise.all(waiting);
      expect(Date.now() - changedAt).toBeLessThan(5_000);
      for (const [i, answer] of answers.entries()) {
        expect(answer.status).toBe(200);
        const envelope = answer.body as ConfigEnvelope;
        expect(envelope).toMatchObject({ robotId: robots[i]!.robotId, tau: 0.65, policyVersionId });
        expect(verifyConfigEnvelope(envelope, robots[i]!.configKeys)).toEqual({ ok: true });
      }
      expect(messages).toHaveLength(1);
      // The robots' ids (what an older process reads), then the issued configs it carries.
      const message = JSON.parse(messages[0]!) as unknown[];
      expect(message.slice(0, 4)).toEqual(expect.arrayContaining(robots.map((r) => r.robotId)));
      expect(message[4]).toMatchObject({
        issued: 1,
        versions: expect.any(Array),
        configs: [expect.any(Object)],
      });
      // An ack through the *other* process is accepted at once (the delivery's record may still be
      // on its way: the robot's desired version is accepted without it).
      const acks = await Promise.all(
        robots.map((robot, i) =>
          api.request({
            method: 'POST',
            url: '/v1/agent/config/ack',
            token: robot.robotSecret,
            payload: { version: (answers[i]!.body as ConfigEnvelope).version, status: 'applied' },
          }),
        ),
      );
      expect(acks.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    } finally {
      await listener.quit();
    }
  }, 60_000);

  it('records deliveries in batches, so an ack through another process right after is accepted', async () => {
    const robots = await Promise.all(Array.from({ length: 12 }, () => api.enrollRobot(keys.operator)));
    const other = processes[0]!;
    const delivered = await Promise.all(robots.map((robot) => poll(other.url, robot)));
    const acks = await Promise.all(
      robots.map((robot, i) =>
        api.request({
          method: 'POST',
          url: '/v1/agent/config/ack',
          token: robot.robotSecret,
          payload: { version: (delivered[i]!.body as ConfigEnvelope).version, status: 'applied' },
        }),
      ),
    );
    expect(acks.map((r) => r.statusCode)).toEqual(robots.map(() => 200));
    const rows = await api.prisma.robot.findMany({ where: { id: { in: robots.map((r) => r.robotId) } } });
    expect(rows.every((row) => row.appliedConfigVersion === row.desiredConfigVersion)).toBe(true);
    // Batched acks keep their per-robot answers: a version never delivered is still a 409.
    const never = await api.request({
      method: 'POST',
      url: '/v1/agent/config/ack',
      token: robots[0]!.robotSecret,
      payload: { version: 99, status: 'applied' },
    });
    expect(never.statusCode).toBe(409);
  }, 60_000);

  it('answers a poll whose ETag is current without PostgreSQL, and still wakes it', async () => {
    await proxy.start();
    const viaProxy = new URL(api.config.database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const isolated = await startProcess({ DATABASE_URL: viaProxy.toString() });
    const robot = await api.enrollRobot(keys.operator);
    const first = await poll(isolated.url, robot); // authenticates (cached) and loads the robot
    expect(first.status).toBe(200);
    await proxy.stop(); // PostgreSQL unreachable for this process from here on
    const current = await poll(isolated.url, robot, first.etag!);
    expect(current.status).toBe(304);
    const waited = Date.now();
    const afterWait = await poll(isolated.url, robot, first.etag!, 1);
    expect(afterWait.status).toBe(304);
    expect(Date.now() - waited).toBeGreaterThanOrEqual(900);
    await proxy.start(proxy.port);
  }, 60_000);

  it('retries a re-read that failed (PostgreSQL away when the notification came), not waiting for the sweep', async () => {
    // The 10,000-robot run: a step's re-read lost its pool connection and the step waited for the
    // sweep (a long-poll period). Here the sweep is 30 s away and the poll waits 20 s: only the
    // store's own retry can deliver within the test's bound.
    const { robot, waiting } = await waitingBehindProxy();
    await proxy.stop(); // the notification arrives while this process cannot read PostgreSQL
    const changedAt = Date.now();
    await issue([robot], 'ids'); // naming the robot only (an older sender): it must be re-read
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await proxy.start(proxy.port);
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect((answer.body as ConfigEnvelope).version).toBe(await desiredVersion(robot));
    expect(Date.now() - changedAt).toBeLessThan(8_000);
  }, 60_000);

  it('repairs a lost notification within the sweep period, and a restarted process rebuilds', async () => {
    // CONFIG_LONG_POLL_MAX_SECONDS 2: polls wait at most 2 s and the sweep runs every 2 s.
    const quick = await startProcess({ CONFIG_LONG_POLL_MAX_SECONDS: '2' });
    const robot = await api.enrollRobot(keys.operator);
    const first = await poll(quick.url, robot);
    expect(first.status).toBe(200);
    await issue([robot], false); // committed, never announced: the notification is "lost"
    const expected = await desiredVersion(robot);
    const lostAt = Date.now();
    let answer = await poll(quick.url, robot, first.etag!, 2);
    while (answer.status === 304 && Date.now() - lostAt < 10_000) {
      answer = await poll(quick.url, robot, first.etag!, 2);
    }
    expect(answer.status).toBe(200);
    expect((answer.body as ConfigEnvelope).version).toBe(expected);
    expect(Date.now() - lostAt).toBeLessThan(6_000);

    // Restart: the state of record is PostgreSQL; a new process loads it in bulk at start.
    await quick.stop();
    await issue([robot], false);
    const restarted = await startProcess();
    const latest = await desiredVersion(robot);
    const fresh = await poll(restarted.url, robot, answer.etag!);
    expect(fresh.status).toBe(200);
    expect((fresh.body as ConfigEnvelope).version).toBe(latest);
    expect((await poll(restarted.url, robot, fresh.etag!)).status).toBe(304);
  }, 90_000);

  it('wakes a poll from the configs the message carries, answers before the delivery is recorded, and a crash in between loses and duplicates nothing', async () => {
    // This process cannot reach PostgreSQL once its robot is waiting: it can neither re-read the
    // change nor record the delivery. The carried config wakes the poll; the answer does not wait for
    // the record; the process is then killed (SIGKILL) with the record never written; the robot's ack
    // through another process is accepted and records the delivery; nothing is handed out twice.
    const { isolated, robot, waiting } = await waitingBehindProxy();
    await proxy.stop();
    const changedAt = Date.now();
    const [issued] = await issue([robot]);
    const answer = await waiting;
    const answeredAfter = Date.now() - changedAt;
    await proxy.start(proxy.port);
    expect(answer.status).toBe(200);
    const envelope = answer.body as ConfigEnvelope;
    expect(envelope).toMatchObject({
      robotId: robot.robotId,
      version: issued!.version,
      policyVersionId,
      tau: 0.65,
    });
    expect(envelope.issuedAt).toBe(issued!.issued_at.toISOString());
    expect(verifyConfigEnvelope(envelope, robot.configKeys)).toEqual({ ok: true });
    expect(answeredAfter).toBeLessThan(3_000); // no re-read retry (250 ms, 500 ms, … while cut off)
    await isolated.process.kill();
    expect((await configRow(robot, envelope.version)).deliveredAt).toBeNull();

    const acked = await ack(robot, envelope.version);
    expect(acked.statusCode).toBe(200);
    expect(await configRow(robot, envelope.version)).toMatchObject({
      deliveredAt: expect.any(Date),
      ackStatus: 'applied',
    });
    expect(
      (await api.prisma.robot.findUniqueOrThrow({ where: { id: robot.robotId } })).appliedConfigVersion,
    ).toBe(envelope.version);
    expect((await ack(robot, envelope.version)).statusCode).toBe(200); // a repeated ack changes nothing
    expect((await ack(robot, envelope.version, 'rejected')).statusCode).toBe(409);
    // The robot, polling with what it holds, is not handed the config again.
    expect((await poll(processes[0]!.url, robot, answer.etag!)).status).toBe(304);
    // What a process that read it from PostgreSQL hands out is the same envelope, signature included.
    expect((await poll(processes[0]!.url, robot)).body).toEqual(envelope);
  }, 90_000);

  it('refuses an ack for a version that is neither recorded as delivered nor desired any more, after waiting for its record', async () => {
    const robot = await api.enrollRobot(keys.operator);
    const [skipped] = await issue([robot]);
    const [desired] = await issue([robot]);
    const started = Date.now();
    const refused = await ack(robot, skipped!.version);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/never delivered/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_500); // the grace for a record on its way
    expect(await configRow(robot, skipped!.version)).toEqual({ deliveredAt: null, ackStatus: null });
    // The desired version is accepted before any poll recorded it (its answer may be on its way).
    expect((await ack(robot, desired!.version)).statusCode).toBe(200);
    expect((await configRow(robot, desired!.version)).deliveredAt).not.toBeNull();
    expect((await ack(robot, desired!.version + 1)).statusCode).toBe(409); // never issued: at once
  }, 60_000);

  it('accepts an ack for a version superseded after it was handed out once its record is written', async () => {
    // Handed out by this process, record still queued, then superseded: the ack waits for the record.
    const robot = await api.enrollRobot(keys.operator);
    const first = await poll(processes[0]!.url, robot);
    const waiting = poll(processes[0]!.url, robot, first.etag!, 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [handed] = await issue([robot]);
    const answer = await waiting;
    expect((answer.body as ConfigEnvelope).version).toBe(handed!.version);
    await issue([robot], false);
    const acked = await ack(robot, handed!.version);
    expect(acked.statusCode).toBe(200);
    expect((await configRow(robot, handed!.version)).ackStatus).toBe('applied');
  }, 60_000);

  it('caps concurrent long-polls per process: over the cap a 503 with Retry-After, never a hang', async () => {
    const capped = await startProcess({ CONFIG_LONG_POLL_MAX_PER_PROCESS: '2' });
    const robots = await Promise.all([1, 2, 3].map(() => api.enrollRobot(keys.operator)));
    const etags = await Promise.all(robots.map(async (robot) => (await poll(capped.url, robot)).etag!));
    const holding = [poll(capped.url, robots[0]!, etags[0], 3), poll(capped.url, robots[1]!, etags[1], 3)];
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    const refused = await poll(capped.url, robots[2]!, etags[2], 3);
    expect(refused.status).toBe(503);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await Promise.all(holding)).map((r) => r.status)).toEqual([304, 304]);
    expect((await poll(capped.url, robots[2]!, etags[2], 1)).status).toBe(304); // room again
    const metrics = await (await fetch(`${capped.url}/metrics`)).text();
    expect(metrics).toMatch(/aura_config_longpolls_rejected_total 1\b/);
    expect(metrics).toMatch(/aura_config_longpolls_max 2\b/);
  }, 60_000);
});
