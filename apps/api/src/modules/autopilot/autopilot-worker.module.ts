import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { AutopilotModule } from './autopilot.module.js';
import { AutopilotProcessor } from './autopilot.processor.js';

/** Worker-only: the autopilot's schedule and its rounds. */
@Module({ imports: [QueueModule, AutopilotModule], providers: [AutopilotProcessor] })
export class AutopilotWorkerModule {}
