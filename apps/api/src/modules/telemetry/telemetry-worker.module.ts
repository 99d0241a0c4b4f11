import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { FleetSummaryProcessor } from './fleet-summary.processor.js';
import { FleetSummaryRepository } from './fleet-summary.repository.js';
import { TelemetryRepository } from './telemetry.repository.js';
import { TelemetryMaintenanceProcessor } from './telemetry-maintenance.processor.js';

/** Worker-only: telemetry partition maintenance and retention; the overview's summary snapshots. */
@Module({
  imports: [QueueModule],
  providers: [
    TelemetryRepository,
    TelemetryMaintenanceProcessor,
    FleetSummaryRepository,
    FleetSummaryProcessor,
  ],
})
export class TelemetryWorkerModule {}
