import { randomUUID } from 'node:crypto';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';
import { RolloutsService } from './rollouts.service.js';

const RECONCILE_EVERY_MS = 60_000;

/** Worker side of rollouts: step evaluations, and the reconciler that rebuilds jobs from PostgreSQL. */
@Processor(QUEUES.rollouts)
export class RolloutsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(RolloutsService) private readonly rollouts: RolloutsService,
    @Inject(LOGGER) private readonly logger: Logger,
    @InjectQueue(QUEUES.rollouts) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap() {
    const correlationId = `worker-start-${randomUUID()}`;
    try {
      await this.queue.upsertJobScheduler(
        JOBS.rolloutReconcile,
        { every: RECONCILE_EVERY_MS },
        { name: JOBS.rolloutReconcile, data: { correlationId: `schedule-${randomUUID()}` } },
      );
      const rebuilt = await this.rollouts.reconcile(correlationId);
      this.logger.info({ correlationId, rebuilt }, 'rollout jobs reconciled at start');
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        'rollout reconcile at start failed; the schedule retries',
      );
    }
  }

  async process(job: Job) {
    switch (job.name) {
      case JOBS.rolloutEvaluate: {
        const data = job.data as JobPayloads['rollout.evaluate'];
        return this.rollouts.evaluate(data.rolloutId, data.revision, data.correlationId);
      }
      case JOBS.rolloutReconcile: {
        const data = job.data as JobPayloads['rollout.reconcile'];
        return this.rollouts.reconcile(data.correlationId);
      }
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUES.rollouts}`);
    }
  }
}
