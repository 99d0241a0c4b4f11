import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';
import { ScheduleKeeper } from '../../queues/schedule-keeper.js';
import { FLEET_METRICS_EVERY_MS, FleetMetricsService } from './fleet-metrics.service.js';

/** Worker: aggregates the fleet gauges once a minute (schedule kept in Redis by the ScheduleKeeper). */
@Processor(QUEUES.fleetMetrics)
export class FleetMetricsProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    @Inject(FleetMetricsService) private readonly fleet: FleetMetricsService,
    @InjectQueue(QUEUES.fleetMetrics) private readonly queue: Queue,
    @Inject(ScheduleKeeper) private readonly schedules: ScheduleKeeper,
  ) {
    super();
  }

  onModuleInit() {
    this.schedules.declare({
      queue: this.queue,
      id: JOBS.fleetMetricsAggregate,
      every: FLEET_METRICS_EVERY_MS,
      opts: { removeOnComplete: 10, removeOnFail: 100 },
    });
  }

  async process(job: Job<JobPayloads['fleet-metrics.aggregate']>) {
    if (job.name !== JOBS.fleetMetricsAggregate)
      throw new Error(`unknown job ${job.name} on ${QUEUES.fleetMetrics}`);
    return this.fleet.refresh(job.data.correlationId);
  }
}
