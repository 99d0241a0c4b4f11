import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { TelemetryRepository } from './telemetry.repository.js';
import { TelemetryMaintenanceProcessor } from './telemetry-maintenance.processor.js';

/** Worker-only: telemetry partition maintenance and retention. */
@Module({ imports: [QueueModule], providers: [TelemetryRepository, TelemetryMaintenanceProcessor] })
export class TelemetryWorkerModule {}
