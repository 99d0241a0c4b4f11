import { randomBytes } from 'node:crypto';
import {
  createAdminKey,
  createPolicyVersion,
  createTestDatabase,
  enrollRobot,
  expectStatus,
  freePort,
  haveRedisCluster,
  httpTransport,
  type RedisCluster,
  type RunningService,
  startApi,
  startRedisCluster,
  startWorker,
  type TestDatabase,
  type TestProcess,
} from '@aura/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * The API and the worker on a Redis Cluster (REDIS_CLUSTER_NODES), as real processes on a 3-node
 * cluster of this machine's redis-server: a config change made through one API process reaches a
 * robot long-polling another one through pub/sub on the cluster, and a job the API queues is run by
 * the worker through BullMQ on the cluster. REDIS_URL points at a port where nothing listens, so no
 * client may fall back to a single server.
 */
describe.skipIf(!haveRedisCluster())('API and worker on Redis Cluster', () => {
  const tag = `{aura-${randomBytes(3).toString('hex')}}`;
  let cluster: RedisCluster;
  let database: TestDatabase;
  let apiA: RunningService;
  let apiB: RunningService;
  let worker: TestProcess;
  let admin: string;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    const server = new URL(inject('databaseUrl'));
    database = createTestDatabase(
      server,
      `${server.pathname.slice(1)}_cluster_${randomBytes(3).toString('hex')}`,
    );
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      REDIS_PREFIX: tag,
      REDIS_CLUSTER_NODES: cluster.nodes,
      NODE_ENV: 'test',
      CONFIG_SIGNING_DEV_KEYS: 'true',
      // The store's repair sweep runs every long-poll period: 120 s keeps it out of this test, so only
      // the pub/sub message can wake the long-poll in time.
      CONFIG_LONG_POLL_MAX_SECONDS: '120',
    };
    apiA = await startApi(env, { name: 'API A', ready: 'readyz' });
    apiB = await startApi(env, { name: 'API B', ready: 'readyz' });
    worker = await startWorker(env);
    admin = createAdminKey({ DATABASE_URL: database.url, REDIS_URL: env.REDIS_URL, REDIS_PREFIX: tag });
  }, 240_000);

  afterAll(async () => {
    for (const started of [worker, apiB?.process, apiA?.process]) await started?.stop();
    await database?.drop();
    await cluster?.stop();
  }, 60_000);

  it('a fleet default changed through API B wakes a robot long-polling API A (pub/sub on the cluster)', async () => {
    const a = httpTransport(apiA.url);
    const b = httpTransport(apiB.url);
    const robot = await enrollRobot(a, admin);
    const poll = (etag?: string, wait = 0) =>
      fetch(`${apiA.url}/v1/agent/config${wait ? `?wait=${wait}` : ''}`, {
        headers: { authorization: `Bearer ${robot.robotSecret}`, ...(etag ? { 'if-none-match': etag } : {}) },
      });
    const first = await poll();
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';

    const started = Date.now();
    const waiting = poll(etag, 30); // the contract's longest wait
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the long-poll is held by API A
    const versionId = await createPolicyVersion(b, admin, 0.42);
    await expectStatus(b, 200, {
      method: 'PUT',
      url: '/v1/fleet/default-policy',
      token: admin,
      payload: { policyVersionId: versionId, reason: 'cluster test' },
    });
    const woken = await waiting;
    const elapsed = Date.now() - started;
    expect(woken.status).toBe(200);
    expect(((await woken.json()) as { policyVersionId: string }).policyVersionId).toBe(versionId);
    // Woken by the message, long before the 30 s wait or the 120 s sweep would have answered.
    expect(elapsed).toBeLessThan(20_000);
  }, 90_000);

  it('a job the API queues is run by the worker through BullMQ on the cluster', async () => {
    const a = httpTransport(apiA.url);
    const requested = Date.now();
    expect(
      await expectStatus<{ queued: boolean }>(a, 202, {
        method: 'POST',
        url: '/v1/autopilot/run',
        token: admin,
      }),
    ).toMatchObject({ queued: true });
    let manual: { trigger: string; finishedAt: string | null; startedAt: string } | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !manual?.finishedAt) {
      const list = await expectStatus<{ items: NonNullable<typeof manual>[] }>(a, 200, {
        method: 'GET',
        url: '/v1/autopilot/runs',
        token: admin,
      });
      manual = list.items.find((run) => run.trigger === 'manual');
      if (!manual?.finishedAt) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(manual?.finishedAt, 'the manual round finished').toBeTruthy();
    expect(Date.parse(manual?.startedAt ?? '')).toBeGreaterThanOrEqual(requested - 1000);

    // BullMQ's keys are on the cluster, all under the prefix's tag, on the node that owns its slot.
    const owner = new Redis({ port: await cluster.ownerOf(tag) });
    try {
      expect(await owner.keys(`${tag}:bull:autopilot:*`)).not.toHaveLength(0);
      expect(await owner.keys(`${tag}:bull:rollouts:*`)).not.toHaveLength(0);
    } finally {
      owner.disconnect();
    }
  }, 60_000);
});
