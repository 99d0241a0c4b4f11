import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { QUEUES } from '../../queues/queues.js';

/** Prometheus metrics of one process (each process has its own registry; scrape every instance). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'aura_http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'aura_http_request_duration_seconds',
    help: 'HTTP request latency by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 35],
    registers: [this.registry],
  });

  readonly telemetryRecords = new Counter({
    name: 'aura_telemetry_records_total',
    help: 'Telemetry records received, by result (accepted, duplicate)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly telemetryBatches = new Counter({
    name: 'aura_telemetry_batches_total',
    help: 'Telemetry batches stored',
    registers: [this.registry],
  });

  constructor(@Inject(ModuleRef) private readonly moduleRef: ModuleRef) {
    collectDefaultMetrics({ register: this.registry, prefix: 'aura_' });
    const moduleRef_ = this.moduleRef;
    new Gauge({
      name: 'aura_queue_jobs',
      help: 'BullMQ jobs by queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        for (const name of Object.values(QUEUES)) {
          const queue = moduleRef_.get<Queue>(getQueueToken(name), { strict: false });
          try {
            const counts = await Promise.race([
              queue.getJobCounts('waiting', 'active', 'delayed', 'failed'),
              new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 500)),
            ]);
            for (const [state, count] of Object.entries(counts)) this.set({ queue: name, state }, count);
          } catch {
            // Redis unreachable: leave the last values; /healthz says why.
          }
        }
      },
    });
  }

  /** A gauge read at scrape time. */
  gauge(name: string, help: string, read: () => number) {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }
}
