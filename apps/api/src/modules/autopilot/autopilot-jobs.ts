import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';

/** Asks the worker for an autopilot round now (the round itself claims the one running slot). */
@Injectable()
export class AutopilotJobs {
  constructor(
    @InjectQueue(QUEUES.autopilot) private readonly queue: Queue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async requestRun(correlationId: string): Promise<boolean> {
    const data: JobPayloads['autopilot.run'] = { correlationId, trigger: 'manual' };
    try {
      await this.queue.add(JOBS.autopilotRun, data, { jobId: `run-${randomUUID()}`, attempts: 1 });
      return true;
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message, correlationId },
        'could not queue an autopilot round',
      );
      return false;
    }
  }
}
