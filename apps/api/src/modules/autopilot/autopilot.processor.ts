import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { JOBS, type JobPayloads, QUEUES } from '../../queues/queues.js';
import { ScheduleKeeper } from '../../queues/schedule-keeper.js';
import { AutopilotRunner } from './autopilot-runner.service.js';

const TICK_EVERY_MS = 60_000;

/**
 * Worker side of the autopilot: a tick every minute (a round when enabled and due; the interval lives
 * in its settings in PostgreSQL, so changing it needs no rescheduling) and rounds on demand.
 */
@Processor(QUEUES.autopilot)
export class AutopilotProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    @Inject(AutopilotRunner) private readonly runner: AutopilotRunner,
    @InjectQueue(QUEUES.autopilot) private readonly queue: Queue,
    @Inject(ScheduleKeeper) private readonly schedules: ScheduleKeeper,
  ) {
    super();
  }

  /** The tick's schedule lives in Redis; the ScheduleKeeper re-creates it when Redis lost it. */
  onModuleInit() {
    this.schedules.declare({ queue: this.queue, id: JOBS.autopilotTick, every: TICK_EVERY_MS });
  }

  async process(job: Job) {
    switch (job.name) {
      case JOBS.autopilotTick: {
        const data = job.data as JobPayloads['autopilot.tick'];
        return this.runner.tick(`${data.correlationId}:${job.id}`);
      }
      case JOBS.autopilotRun: {
        const data = job.data as JobPayloads['autopilot.run'];
        return this.runner.run(data.trigger, data.correlationId);
      }
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUES.autopilot}`);
    }
  }
}
