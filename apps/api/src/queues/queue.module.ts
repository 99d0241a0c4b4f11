import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from '../infrastructure/logger.js';
import { RedisConnections } from '../infrastructure/redis-connections.js';
import { QUEUES } from './queues.js';
import { ScheduleKeeper } from './schedule-keeper.js';

const queues = Object.values(QUEUES).map((name) => ({ name }));

/** Routes queue connection errors to the process logger (BullMQ would print them to the console). */
@Injectable()
class QueueErrorLogger implements OnModuleInit {
  constructor(
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    for (const { name } of queues) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      let reported = false;
      queue.on('error', (error: Error) => {
        if (!reported)
          this.logger.warn({ queue: name, err: error.message }, 'queue connection error; retrying');
        reported = true;
      });
    }
  }
}

/**
 * BullMQ connection (REDIS_URL, or the cluster of REDIS_CLUSTER_NODES; keys under REDIS_PREFIX) and
 * every queue of the control plane.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG, RedisConnections],
      useFactory: (config: AppConfig, connections: RedisConnections) => ({
        connection: connections.bullConnection(),
        prefix: `${config.redis.prefix}:bull`,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
    BullModule.registerQueue(...queues),
  ],
  providers: [QueueErrorLogger, ScheduleKeeper],
  exports: [BullModule, ScheduleKeeper],
})
export class QueueModule {}
