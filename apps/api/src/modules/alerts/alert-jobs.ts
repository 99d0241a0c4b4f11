import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';

/**
 * Enqueues notification deliveries. The delivery row in PostgreSQL is the state of record; the job id
 * is derived from it, so enqueueing twice (the evaluator, then the reconciler) is one job, and a job
 * lost with Redis is re-created by the evaluation tick from the rows still pending.
 */
@Injectable()
export class AlertJobs {
  constructor(
    @InjectQueue(QUEUES.alerts) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async deliver(deliveryIds: string[], correlationId: string) {
    for (const deliveryId of deliveryIds) {
      const data: JobPayloads['alerts.deliver'] = { correlationId, deliveryId };
      try {
        await this.queue.add(JOBS.alertsDeliver, data, {
          jobId: `deliver-${deliveryId}`,
          attempts: this.config.alerts.deliveryAttempts,
          backoff: { type: 'exponential', delay: this.config.alerts.deliveryBackoffMs },
        });
      } catch (error) {
        this.logger.warn(
          { err: (error as Error).message, deliveryId },
          'could not enqueue delivery; the reconciler will',
        );
      }
    }
  }

  /** Re-creates the job of a delivery still pending whose job is gone or already finished. */
  async ensureDelivery(deliveryId: string, correlationId: string): Promise<boolean> {
    const job = await this.queue.getJob(`deliver-${deliveryId}`);
    if (job) {
      const state = await job.getState();
      if (state !== 'completed' && state !== 'failed') return false;
      await job.remove().catch(() => undefined);
    }
    await this.deliver([deliveryId], correlationId);
    return true;
  }
}
