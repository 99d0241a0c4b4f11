import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';

/**
 * Enqueues rollout work. Job ids are derived from (rollout, revision), so enqueueing the same
 * evaluation twice — from the API, a worker and the reconciler — yields one job. Losing a job (a
 * flushed Redis) is repaired by the reconciler, which re-derives it from PostgreSQL; so is a job that
 * failed every attempt (PostgreSQL down for longer than its back-off): BullMQ keeps a failed job under
 * its id, where adding the same id again is silently ignored, so the reconciler removes it first.
 */
@Injectable()
export class RolloutJobs {
  constructor(
    @InjectQueue(QUEUES.rollouts) private readonly queue: Queue,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Schedules the evaluation of (rollout, revision) at `at`. `recover` (the reconciler): a job of that
   * id that already finished — failed all its attempts, or completed — while PostgreSQL still holds
   * the rollout at this revision is removed and added again, so the rollout cannot stay running
   * forever.
   */
  async scheduleEvaluation(
    rolloutId: string,
    revision: number,
    at: Date | null,
    correlationId: string,
    options: { recover?: boolean } = {},
  ) {
    const delay = at ? Math.max(0, at.getTime() - Date.now()) : 0;
    const data: JobPayloads['rollout.evaluate'] = { correlationId, rolloutId, revision };
    const jobId = `evaluate:${rolloutId}:${revision}`;
    try {
      if (options.recover) {
        const existing = await this.queue.getJob(jobId);
        const state = existing ? await existing.getState() : undefined;
        if (existing && (state === 'failed' || state === 'completed')) {
          this.logger.warn(
            { rolloutId, revision, state, failedReason: existing.failedReason, correlationId },
            'evaluation job finished without moving the rollout on; scheduling it again',
          );
          await existing.remove();
        }
      }
      await this.queue.add(JOBS.rolloutEvaluate, data, {
        jobId,
        delay,
        attempts: this.config.rollouts.evaluationAttempts,
        backoff: { type: 'exponential', delay: this.config.rollouts.evaluationBackoffMs },
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
