import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';

/**
 * Enqueues rollout work. Job ids are derived from (rollout, revision), so enqueueing the same
 * evaluation twice — from the API, a worker and the reconciler — yields one job. Losing a job (a
 * flushed Redis) is repaired by the reconciler, which re-derives it from PostgreSQL.
 */
@Injectable()
export class RolloutJobs {
  constructor(
    @InjectQueue(QUEUES.rollouts) private readonly queue: Queue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async scheduleEvaluation(rolloutId: string, revision: number, at: Date | null, correlationId: string) {
    const delay = at ? Math.max(0, at.getTime() - Date.now()) : 0;
    const data: JobPayloads['rollout.evaluate'] = { correlationId, rolloutId, revision };
    try {
      await this.queue.add(JOBS.rolloutEvaluate, data, {
        jobId: `evaluate:${rolloutId}:${revision}`,
        delay,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
      });
    } catch (error) {
      // The state of record is committed; the reconciler will schedule this when Redis is back.
      this.logger.warn(
        { err: (error as Error).message, rolloutId, revision },
        'could not schedule evaluation',
      );
    }
  }
}
