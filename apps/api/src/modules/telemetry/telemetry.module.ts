import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { RobotsModule } from '../robots/robots.module.js';
import { FleetSeriesRepository } from './fleet-series.repository.js';
import { FleetSummaryController } from './fleet-summary.controller.js';
import { FleetSummaryRepository } from './fleet-summary.repository.js';
import { FleetSummaryDemand } from './fleet-summary-demand.js';
import { TelemetryController } from './telemetry.controller.js';
import { TelemetryRepository } from './telemetry.repository.js';
import { TelemetryService } from './telemetry.service.js';
import { TelemetryExportController } from './telemetry-export.controller.js';
import { TelemetryExportRepository } from './telemetry-export.repository.js';
import { TelemetryExportService } from './telemetry-export.service.js';

@Module({
  imports: [AuthModule, MetricsModule, RobotsModule],
  controllers: [TelemetryController, FleetSummaryController, TelemetryExportController],
  providers: [
    TelemetryService,
    TelemetryRepository,
    FleetSummaryRepository,
    FleetSummaryDemand,
    FleetSeriesRepository,
    TelemetryExportService,
    TelemetryExportRepository,
  ],
})
export class TelemetryModule {}
