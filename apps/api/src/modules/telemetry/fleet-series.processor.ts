import { randomUUID } from 'node:crypto';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';
import { ScheduleKeeper } from '../../queues/schedule-keeper.js';
import {
  FLEET_SERIES_REFRESH_EVERY_MS,
  FleetSeriesRollupRepository,
} from './fleet-series-rollup.repository.js';

/**
 * Worker: every 10 s, the fleet series per scope and 5-minute bucket (fleet_series_rollup) for the
 * buckets telemetry changed since the last run, plus a few uncovered ones (issue 15). On a queue of its
 * own, so a slow fleet-summary refresh does not hold it up. Its lag never makes the series stale: the
 * API reads a changed bucket per robot until this job has re-aggregated it.
 */
@Processor(QUEUES.fleetSeries)
export class FleetSeriesProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    @Inject(FleetSeriesRollupRepository) private readonly rollups: FleetSeriesRollupRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @InjectQueue(QUEUES.fleetSeries) private readonly queue: Queue,
    @Inject(ScheduleKeeper) private readonly schedules: ScheduleKeeper,
  ) {
    super();
  }

  onModuleInit() {
    const data: JobPayloads['fleet-series.refresh'] = { correlationId: `schedule-${randomUUID()}` };
    this.schedules.declare({
      queue: this.queue,
      id: JOBS.fleetSeriesRefresh,
      every: FLEET_SERIES_REFRESH_EVERY_MS,
      data,
      opts: { removeOnComplete: 10, removeOnFail: 100 },
    });
  }

  async process(job: Job<JobPayloads['fleet-series.refresh']>) {
    if (job.name !== JOBS.fleetSeriesRefresh)
      throw new Error(`unknown job ${job.name} on ${QUEUES.fleetSeries}`);
    const started = performance.now();
    const refreshed = await this.rollups.refresh();
    const durationMs = Math.round(performance.now() - started);
    this.logger.debug(
      { jobId: job.id, correlationId: job.data.correlationId, ...refreshed, durationMs },
      'fleet series rollup refreshed',
    );
    return { ...refreshed, durationMs };
  }
}
