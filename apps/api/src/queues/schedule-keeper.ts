import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from '../infrastructure/logger.js';

/** A repeatable job the worker keeps in Redis: BullMQ job scheduler `id` on `queue`, every `every` ms. */
export interface JobSchedule {
  queue: Queue;
  /** The scheduler's id, also the name of the jobs it produces. */
  id: string;
  every: number;
  /** The jobs' data; by default a correlation id `schedule-<uuid>` made when the schedule is declared. */
  data?: { correlationId: string };
  opts?: JobsOptions;
  /** Runs after the scheduler had to be re-created (Redis lost its keys): catch up what it lost. */
  afterRepair?: (correlationId: string) => Promise<unknown>;
}

/** A schedule as kept: its job data made. */
type DeclaredSchedule = JobSchedule & { data: { correlationId: string } };

export type ScheduleStatus =
  | { status: 'up'; schedules: number; repairs: number; lastRepairAt: string | null }
  | { status: 'down'; missing: string[] }
  | { status: 'down'; error: 'failed' };

const label = (schedule: JobSchedule) => `${schedule.queue.name}:${schedule.id}`;

/**
 * Keeps the worker's job schedulers in Redis. They live only there, so a Redis flush, or a failover to
 * a replica that had not received them, deletes them and nothing would run them again until a worker
 * restarts. Processors declare their schedules (onModuleInit); the keeper creates them at start and
 * every WORKER_SCHEDULE_CHECK_SECONDS checks that each still exists, re-creating a missing one (and
 * running its `afterRepair`). The worker's /readyz reports a missing schedule (503) until then.
 * Re-creating is an upsert, so several workers repairing at once make one scheduler.
 */
@Injectable()
export class ScheduleKeeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly schedules = new Map<string, DeclaredSchedule>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private repairs = 0;
  private lastRepairAt: Date | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Declares a schedule (before application bootstrap; the keeper creates it then). */
  declare(schedule: JobSchedule) {
    const data = schedule.data ?? { correlationId: `schedule-${randomUUID()}` };
    this.schedules.set(label(schedule), { ...schedule, data });
  }

  async onApplicationBootstrap() {
    if (this.schedules.size === 0) return; // the API process declares none
    await Promise.all(
      [...this.schedules.values()].map((schedule) =>
        this.upsert(schedule).catch((error: Error) =>
          this.logger.warn(
            { err: error.message, schedule: label(schedule) },
            'could not create job scheduler; the periodic check retries',
          ),
        ),
      ),
    );
    this.timer = setInterval(() => void this.check(), this.config.worker.scheduleCheckIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Re-creates every declared scheduler that is missing from Redis; one check at a time. */
  check(): Promise<void> {
    this.checking ??= this.repairMissing().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  /** For readiness: are all declared schedulers in Redis right now? Never throws. */
  async status(): Promise<ScheduleStatus> {
    try {
      const missing = (await this.missing()).map(label);
      if (missing.length > 0) return { status: 'down', missing };
      return {
        status: 'up',
        schedules: this.schedules.size,
        repairs: this.repairs,
        lastRepairAt: this.lastRepairAt?.toISOString() ?? null,
      };
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not read job schedulers');
      return { status: 'down', error: 'failed' };
    }
  }

  private async missing(): Promise<DeclaredSchedule[]> {
    const found = await Promise.all(
      [...this.schedules.values()].map(async (schedule) =>
        (await schedule.queue.getJobScheduler(schedule.id)) ? undefined : schedule,
      ),
    );
    return found.filter((schedule) => schedule !== undefined);
  }

  private async repairMissing(): Promise<void> {
    let missing: DeclaredSchedule[];
    try {
      missing = await this.missing();
    } catch (error) {
      this.logger.debug({ err: (error as Error).message }, 'job scheduler check failed; retrying');
      return;
    }
    for (const schedule of missing) {
      const correlationId = `schedule-repair-${randomUUID()}`;
      try {
        await this.upsert(schedule);
        this.repairs++;
        this.lastRepairAt = new Date();
        this.logger.warn(
          { schedule: label(schedule), correlationId },
          'job scheduler was missing from Redis (flushed or failed over?); re-created',
        );
        await schedule.afterRepair?.(correlationId);
      } catch (error) {
        this.logger.warn(
          { err: (error as Error).message, schedule: label(schedule), correlationId },
          'could not re-create job scheduler; retrying at the next check',
        );
      }
    }
  }

  private upsert(schedule: DeclaredSchedule) {
    return schedule.queue.upsertJobScheduler(
      schedule.id,
      { every: schedule.every },
      { name: schedule.id, data: schedule.data, ...(schedule.opts ? { opts: schedule.opts } : {}) },
    );
  }
}
