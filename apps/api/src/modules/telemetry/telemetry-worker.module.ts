import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { FleetSeriesProcessor } from './fleet-series.processor.js';
import { FleetSeriesRollupRepository } from './fleet-series-rollup.repository.js';
import { FleetSummaryProcessor } from './fleet-summary.processor.js';
import { FleetSummaryRepository } from './fleet-summary.repository.js';
import { FleetSummaryDemand } from './fleet-summary-demand.js';
import { FleetSummaryRefreshService } from './fleet-summary-refresh.service.js';
import { TelemetryRepository } from './telemetry.repository.js';
import { TelemetryMaintenanceProcessor } from './telemetry-maintenance.processor.js';

/** Worker-only: telemetry partition maintenance and retention; the overview's summary snapshots; the fleet series per scope. */
@Module({
  imports: [QueueModule],
  providers: [
    TelemetryRepository,
    TelemetryMaintenanceProcessor,
    FleetSummaryRepository,
    FleetSummaryDemand,
    FleetSummaryRefreshService,
    FleetSummaryProcessor,
    FleetSeriesRollupRepository,
    FleetSeriesProcessor,
  ],
})
export class TelemetryWorkerModule {}
