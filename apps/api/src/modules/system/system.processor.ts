import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';

export interface PingResult {
  correlationId: string;
  workerPid: number;
  processedAt: string;
}

/** Worker side of the `system` queue. Registered only in the worker process. */
@Processor(QUEUES.system)
export class SystemProcessor extends WorkerHost {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {
    super();
  }

  async process(job: Job<JobPayloads['system.ping']>): Promise<PingResult> {
    if (job.name !== JOBS.systemPing) throw new Error(`unknown job ${job.name} on queue ${QUEUES.system}`);
    this.logger.debug({ jobId: job.id, correlationId: job.data.correlationId }, 'ping');
    return {
      correlationId: job.data.correlationId,
      workerPid: process.pid,
      processedAt: new Date().toISOString(),
    };
  }
}
