import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';
import { ScheduleKeeper } from '../../queues/schedule-keeper.js';
import { AlertDeliveryService } from './alert-delivery.service.js';
import { AlertEvaluatorService } from './alert-evaluator.service.js';

/**
 * Worker side of alerting: evaluates every rule on a schedule (kept in Redis by the ScheduleKeeper)
 * and delivers notifications. A delivery that is not
 * answered 2xx throws, so BullMQ retries it with exponential back-off.
 */
@Processor(QUEUES.alerts, { concurrency: 4 })
export class AlertsProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    @Inject(AlertEvaluatorService) private readonly evaluator: AlertEvaluatorService,
    @Inject(AlertDeliveryService) private readonly delivery: AlertDeliveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.alerts) private readonly queue: Queue,
    @Inject(ScheduleKeeper) private readonly schedules: ScheduleKeeper,
  ) {
    super();
  }

  onModuleInit() {
    this.schedules.declare({
      queue: this.queue,
      id: JOBS.alertsEvaluate,
      every: this.config.alerts.evaluationIntervalMs,
      opts: { removeOnComplete: 100, removeOnFail: 100 },
    });
  }

  async process(job: Job) {
    switch (job.name) {
      case JOBS.alertsEvaluate: {
        const data = job.data as JobPayloads['alerts.evaluate'];
        return this.evaluator.evaluateAll(data.correlationId);
      }
      case JOBS.alertsDeliver: {
        const data = job.data as JobPayloads['alerts.deliver'];
        const outcome = await this.delivery.attempt(data.deliveryId);
        if (outcome === 'retry') throw new Error(`delivery ${data.deliveryId} not accepted; retrying`);
        return outcome;
      }
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUES.alerts}`);
    }
  }
}
