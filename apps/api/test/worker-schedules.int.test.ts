import { randomBytes } from 'node:crypto';
import {
  createTestDatabase,
  freePort,
  haveRedisCluster,
  type RedisServer,
  startRedisServer,
  startWorker,
  type TestDatabase,
  type TestProcess,
} from '@aura/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JOBS, QUEUES } from '../src/queues/queues.js';

/** Every job scheduler the worker keeps, as `<queue>:<scheduler id>`, and its period. */
const SCHEDULES = [
  [QUEUES.telemetry, JOBS.telemetryMaintenance],
  [QUEUES.rollouts, JOBS.rolloutReconcile],
  [QUEUES.alerts, JOBS.alertsEvaluate],
  [QUEUES.fleetMetrics, JOBS.fleetMetricsAggregate],
  [QUEUES.fleetSummary, JOBS.fleetSummaryRefresh],
  [QUEUES.fleetSeries, JOBS.fleetSeriesRefresh],
  [QUEUES.autopilot, JOBS.autopilotTick],
] as const;

type Readiness = { status: number; body: { status: string; checks: { schedules: Record<string, unknown> } } };

/**
 * A worker's job schedulers live only in Redis. After a real FLUSHALL (on a redis-server of this
 * test's own) the worker's /readyz says which are missing (503), and the worker re-creates them by
 * itself within WORKER_SCHEDULE_CHECK_SECONDS, without a restart; then it is ready again.
 */
describe.skipIf(!haveRedisCluster())('worker job schedulers after Redis lost its keys', () => {
  const prefix = `aura-schedules-${randomBytes(3).toString('hex')}`;
  let redis: RedisServer;
  let database: TestDatabase;
  let worker: TestProcess;
  let readyz: string;

  const ready = async (): Promise<Readiness> => {
    const response = await fetch(readyz);
    return { status: response.status, body: (await response.json()) as Readiness['body'] };
  };
  const schedulers = async () => {
    const found: string[] = [];
    for (const [queueName, id] of SCHEDULES) {
      const queue = new Queue(queueName, { connection: { url: redis.url }, prefix: `${prefix}:bull` });
      try {
        if (await queue.getJobScheduler(id)) found.push(`${queueName}:${id}`);
      } finally {
        await queue.close();
      }
    }
    return found;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    const server = new URL(inject('databaseUrl'));
    database = createTestDatabase(
      server,
      `${server.pathname.slice(1)}_sched_${randomBytes(3).toString('hex')}`,
    );
    const port = await freePort();
    readyz = `http://127.0.0.1:${port}/readyz`;
    worker = await startWorker({
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      NODE_ENV: 'test',
      CONFIG_SIGNING_DEV_KEYS: 'true',
      WORKER_HTTP_PORT: String(port),
      WORKER_SCHEDULE_CHECK_SECONDS: '3',
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await database?.drop();
    await redis?.stop();
  }, 60_000);

  it('reports the missing schedulers on /readyz after FLUSHALL and re-creates them without a restart', async () => {
    const labels = SCHEDULES.map(([queue, id]) => `${queue}:${id}`);
    expect((await schedulers()).sort()).toEqual([...labels].sort());
    const before = await ready();
    expect(before.status).toBe(200);
    expect(before.body.checks.schedules).toMatchObject({
      status: 'up',
      schedules: SCHEDULES.length,
      repairs: 0,
    });

    const client = new Redis(redis.url);
    let flushed: Readiness | undefined;
    try {
      // A periodic check may repair between FLUSHALL and the probe (a few ms of a 3 s period): then flush again.
      for (let attempt = 0; attempt < 3 && flushed?.status !== 503; attempt++) {
        await client.flushall();
        flushed = await ready();
      }
    } finally {
      client.disconnect();
    }
    expect(flushed?.status).toBe(503);
    expect(flushed?.body.status).toBe('error');
    expect(flushed?.body.checks.schedules).toMatchObject({ status: 'down' });
    expect(flushed?.body.checks.schedules.missing).toEqual(
      expect.arrayContaining([expect.stringMatching(/:/)]),
    );

    const deadline = Date.now() + 30_000;
    let after = await ready();
    while (after.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      after = await ready();
    }
    expect(after.status).toBe(200);
    expect(after.body.checks.schedules).toMatchObject({ status: 'up', schedules: SCHEDULES.length });
    expect(after.body.checks.schedules.repairs).toBeGreaterThanOrEqual(5);
    expect((await schedulers()).sort()).toEqual([...labels].sort());
    expect(worker.output.join('')).toContain('job scheduler was missing from Redis');
  }, 90_000);
});
