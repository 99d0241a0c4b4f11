import { randomUUID } from 'node:crypto';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';
import { TelemetryRepository } from './telemetry.repository.js';

const HOUR_MS = 3_600_000;

/** Worker side of telemetry: partition maintenance and retention, hourly and at worker start. */
@Processor(QUEUES.telemetry)
export class TelemetryMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(TelemetryRepository) private readonly telemetry: TelemetryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @InjectQueue(QUEUES.telemetry) private readonly queue: Queue,
  ) {
    super();
  }

  /** The schedule lives in Redis; re-declaring it at every start rebuilds it after Redis lost its keys. */
  async onApplicationBootstrap() {
    const data: JobPayloads['telemetry.maintenance'] = { correlationId: `schedule-${randomUUID()}` };
    await this.queue
      .upsertJobScheduler(
        JOBS.telemetryMaintenance,
        { every: HOUR_MS },
        { name: JOBS.telemetryMaintenance, data },
      )
      .catch((error: Error) =>
        this.logger.warn({ err: error.message }, 'could not schedule telemetry maintenance'),
      );
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
