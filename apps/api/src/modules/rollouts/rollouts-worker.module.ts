import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { RolloutsModule } from './rollouts.module.js';
import { RolloutsProcessor } from './rollouts.processor.js';

/** Worker-only: rollout evaluations and the reconciler. */
@Module({ imports: [QueueModule, RolloutsModule], providers: [RolloutsProcessor] })
export class RolloutsWorkerModule {}
