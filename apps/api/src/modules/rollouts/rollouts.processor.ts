import { randomUUID } from 'node:crypto';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';
import { ScheduleKeeper } from '../../queues/schedule-keeper.js';
import { RolloutEngine } from './rollout-engine.service.js';

/** Worker side of rollouts: step evaluations, and the reconciler that rebuilds jobs from PostgreSQL. */
@Processor(QUEUES.rollouts)
export class RolloutsProcessor extends WorkerHost implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(RolloutEngine) private readonly engine: RolloutEngine,
    @Inject(LOGGER) private readonly logger: Logger,
    @InjectQueue(QUEUES.rollouts) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ScheduleKeeper) private readonly schedules: ScheduleKeeper,
  ) {
    super();
  }

  /** The minute reconcile; when Redis lost it, its evaluation jobs went too: reconcile at once. */
  onModuleInit() {
    this.schedules.declare({
      queue: this.queue,
      id: JOBS.rolloutReconcile,
      every: this.config.rollouts.reconcileIntervalMs,
      data: { correlationId: `schedule-${randomUUID()}` },
      afterRepair: (correlationId) => this.engine.reconcile(correlationId),
    });
  }

  async onApplicationBootstrap() {
    const correlationId = `worker-start-${randomUUID()}`;
    try {
      const rebuilt = await this.engine.reconcile(correlationId);
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
        return this.engine.evaluate(data.rolloutId, data.revision, data.correlationId);
      }
      case JOBS.rolloutReconcile: {
        const data = job.data as JobPayloads['rollout.reconcile'];
        return this.engine.reconcile(data.correlationId);
      }
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUES.rollouts}`);
    }
  }
}
