import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { SystemProcessor } from './system.processor.js';

/** Worker-only: consumes the `system` queue. */
@Module({ imports: [QueueModule], providers: [SystemProcessor] })
export class SystemWorkerModule {}
