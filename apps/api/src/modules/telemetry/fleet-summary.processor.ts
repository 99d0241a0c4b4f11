import { randomUUID } from 'node:crypto';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';
import { ScheduleKeeper } from '../../queues/schedule-keeper.js';
import { SUMMARY_SNAPSHOT_EVERY_MS } from './fleet-summary.repository.js';
import { FleetSummaryRefreshService } from './fleet-summary-refresh.service.js';
import { RefreshPacing } from './refresh-pacing.js';

/** Share of the worker's time the summary may take: a slow refresh stretches its own period. */
export const SUMMARY_REFRESH_MAX_SHARE = 0.5;

/**
 * Worker: the overview's summary (each standard window, SUMMARY_SNAPSHOT_WINDOWS; the API's and the
 * autopilot's life targets; and the few windows and targets clients asked for recently,
 * FleetSummaryRefreshService) of the fleet and of each group, every 10 s, kept in fleet_summary_snapshot
 * so GET /v1/fleet/summary reads one row (issue 15).
 * A refresh that takes more than half of the time since the previous one began is skipped
 * ({@link RefreshPacing}): at 100,000 robots on a loaded machine a refresh took 5–10 s, and back-to-back
 * refreshes would keep the worker and a PostgreSQL backend busy all the time.
 */
@Processor(QUEUES.fleetSummary)
export class FleetSummaryProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    @Inject(FleetSummaryRefreshService) private readonly summaries: FleetSummaryRefreshService,
    @Inject(LOGGER) private readonly logger: Logger,
    @InjectQueue(QUEUES.fleetSummary) private readonly queue: Queue,
    @Inject(ScheduleKeeper) private readonly schedules: ScheduleKeeper,
  ) {
    super();
  }

  readonly #pacing = new RefreshPacing(SUMMARY_REFRESH_MAX_SHARE);

  onModuleInit() {
    const data: JobPayloads['fleet-summary.refresh'] = { correlationId: `schedule-${randomUUID()}` };
    this.schedules.declare({
      queue: this.queue,
      id: JOBS.fleetSummaryRefresh,
      every: SUMMARY_SNAPSHOT_EVERY_MS,
      data,
      opts: { removeOnComplete: 10, removeOnFail: 100 },
    });
  }

  async process(job: Job<JobPayloads['fleet-summary.refresh']>) {
    if (job.name !== JOBS.fleetSummaryRefresh)
      throw new Error(`unknown job ${job.name} on ${QUEUES.fleetSummary}`);
    const wait = this.#pacing.wait();
    if (wait > 0) {
      this.logger.debug(
        { jobId: job.id, correlationId: job.data.correlationId, dueInMs: wait },
        'fleet summary refresh skipped: the last one took more than half of its period',
      );
      return { skipped: true, dueInMs: wait };
    }
    const started = performance.now();
    const { stored: scopes, asked } = await this.#pacing.run(() => this.summaries.refresh());
    const durationMs = Math.round(performance.now() - started);
    this.logger.debug(
      { jobId: job.id, correlationId: job.data.correlationId, scopes, asked, durationMs },
      'fleet summary refreshed',
    );
    return { scopes, asked, durationMs };
  }
}
