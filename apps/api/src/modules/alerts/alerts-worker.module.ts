import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { AlertsModule } from './alerts.module.js';
import { AlertsProcessor } from './alerts.processor.js';

/** Worker-only: the evaluation schedule and notification deliveries. */
@Module({ imports: [QueueModule, AlertsModule], providers: [AlertsProcessor] })
export class AlertsWorkerModule {}
