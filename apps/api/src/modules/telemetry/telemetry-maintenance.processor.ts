import { randomUUID } from 'node:crypto';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';
import { ScheduleKeeper } from '../../queues/schedule-keeper.js';
import { TelemetryRepository } from './telemetry.repository.js';

const HOUR_MS = 3_600_000;

/** Worker side of telemetry: partition maintenance and retention, hourly and at worker start. */
@Processor(QUEUES.telemetry)
export class TelemetryMaintenanceProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    @Inject(TelemetryRepository) private readonly telemetry: TelemetryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @InjectQueue(QUEUES.telemetry) private readonly queue: Queue,
    @Inject(ScheduleKeeper) private readonly schedules: ScheduleKeeper,
  ) {
    super();
  }

  /** Hourly; the ScheduleKeeper re-creates it when Redis lost it, and then runs maintenance at once. */
  onModuleInit() {
    const data: JobPayloads['telemetry.maintenance'] = { correlationId: `schedule-${randomUUID()}` };
    this.schedules.declare({
      queue: this.queue,
      id: JOBS.telemetryMaintenance,
      every: HOUR_MS,
      data,
      afterRepair: (correlationId) =>
        this.queue.add(JOBS.telemetryMaintenance, { correlationId }, { removeOnComplete: 10 }),
    });
  }

  async process(job: Job<JobPayloads['telemetry.maintenance']>) {
    if (job.name !== JOBS.telemetryMaintenance)
      throw new Error(`unknown job ${job.name} on ${QUEUES.telemetry}`);
    const result = await this.telemetry.maintain(this.config.telemetryRetentionDays);
    this.logger.info(
      { jobId: job.id, correlationId: job.data.correlationId, ...result },
      'telemetry maintenance',
    );
    return result;
  }
}
