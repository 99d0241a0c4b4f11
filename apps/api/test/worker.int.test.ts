import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerApp } from '../src/bootstrap.js';
import { createLogger } from '../src/infrastructure/logger.js';
import { serveWorkerHttp } from '../src/modules/health/worker-http-server.js';
import type { PingResult } from '../src/modules/system/system.processor.js';
import { JOBS, QUEUES } from '../src/queues/queues.js';
import { testConfig } from './support/test-config.js';

describe('worker entry point', () => {
  const config = testConfig();
  const connection = { url: config.redis.url };
  const prefix = `${config.redis.prefix}:bull`;
  let worker: INestApplicationContext;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    worker = await createWorkerApp(config, createLogger(config, 'test-worker'));
    await worker.init();
    queue = new Queue(QUEUES.system, { connection, prefix });
    events = new QueueEvents(QUEUES.system, { connection, prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await queue?.close();
    await worker?.close();
  });

  it('consumes jobs from BullMQ under the configured Redis prefix', async () => {
    const job = await queue.add(JOBS.systemPing, {
      correlationId: 'corr-1',
      sentAt: new Date().toISOString(),
    });
    const result = (await job.waitUntilFinished(events, 10_000)) as PingResult;
    expect(result.correlationId).toBe('corr-1');
    expect(result.workerPid).toBe(process.pid);
    const redis = new Redis(config.redis.url);
    try {
      expect((await redis.keys(`${prefix}:${QUEUES.system}:*`)).length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('schedules hourly telemetry maintenance at start and runs it', async () => {
    const telemetry = new Queue(QUEUES.telemetry, { connection, prefix });
    const telemetryEvents = new QueueEvents(QUEUES.telemetry, { connection, prefix });
    try {
      await telemetryEvents.waitUntilReady();
      const schedulers = await telemetry.getJobSchedulers();
      expect(schedulers).toEqual([
        expect.objectContaining({ key: JOBS.telemetryMaintenance, every: 3_600_000 }),
      ]);
      const job = await telemetry.add(JOBS.telemetryMaintenance, { correlationId: 'corr-2' });
      const result = (await job.waitUntilFinished(telemetryEvents, 15_000)) as { cutoff: string };
      expect(result.cutoff).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    } finally {
      await telemetryEvents.close();
      await telemetry.close();
    }
  });

  it('serves /livez, /readyz and /metrics on its own port (WORKER_HTTP_PORT)', async () => {
    const logger = createLogger(config, 'test-worker-http');
    const server = await serveWorkerHttp(worker, { host: '127.0.0.1', port: 0 }, logger);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const live = await fetch(`${base}/livez`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ok',
        draining: false,
        checks: { database: { status: 'up' }, redis: { status: 'up' } },
      });
      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('aura_queue_jobs');
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
