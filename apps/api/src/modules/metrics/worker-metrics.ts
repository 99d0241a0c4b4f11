import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from './metrics.service.js';

/**
 * The worker's own metrics: every BullMQ job this process runs, counted by queue, job name and result
 * (`completed`, `retried` — failed but attempts remain — or `failed`) and timed, beside the queue
 * depths and process metrics of MetricsService (served on the worker's WORKER_HTTP_PORT at /metrics).
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap {
  readonly jobs: Counter<'queue' | 'job' | 'result'>;
  readonly duration: Histogram<'queue' | 'job'>;

  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetricsService) metrics: MetricsService,
  ) {
    this.jobs = new Counter({
      name: 'aura_worker_jobs_total',
      help: 'BullMQ jobs run by this worker, by queue, job name and result (completed, retried, failed)',
      labelNames: ['queue', 'job', 'result'] as const,
      registers: [metrics.registry],
    });
    this.duration = new Histogram({
      name: 'aura_worker_job_duration_seconds',
      help: 'Time a job ran in this worker, by queue and job name',
      labelNames: ['queue', 'job'] as const,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap() {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) continue;
      const worker = instance.worker;
      const queue = worker.name;
      const observe = (job: Job | undefined, result: 'completed' | 'retried' | 'failed') => {
        const name = job?.name ?? 'unknown';
        this.jobs.inc({ queue, job: name, result });
        if (job?.processedOn && job.finishedOn) {
          this.duration.observe({ queue, job: name }, (job.finishedOn - job.processedOn) / 1000);
        }
      };
      worker.on('completed', (job: Job) => observe(job, 'completed'));
      worker.on('failed', (job: Job | undefined) =>
        observe(job, job && job.attemptsMade < (job.opts.attempts ?? 1) ? 'retried' : 'failed'),
      );
    }
  }
}
