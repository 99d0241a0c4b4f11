import { Module } from '@nestjs/common';
import { FleetSummaryController } from './fleet-summary.controller.js';
import { FleetSummaryRepository } from './fleet-summary.repository.js';
import { TelemetryController } from './telemetry.controller.js';
import { TelemetryRepository } from './telemetry.repository.js';

@Module({
  controllers: [TelemetryController, FleetSummaryController],
  providers: [TelemetryRepository, FleetSummaryRepository],
})
export class TelemetryModule {}
