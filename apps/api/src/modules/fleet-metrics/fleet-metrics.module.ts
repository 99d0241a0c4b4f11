import { Module } from '@nestjs/common';
import { FleetMetricsController } from './fleet-metrics.controller.js';
import { FleetMetricsRepository } from './fleet-metrics.repository.js';
import { FleetMetricsService } from './fleet-metrics.service.js';

/** Fleet gauges for Prometheus: `GET /metrics/fleet` renders the worker's latest aggregation. */
@Module({
  controllers: [FleetMetricsController],
  providers: [FleetMetricsRepository, FleetMetricsService],
  exports: [FleetMetricsService],
})
export class FleetMetricsModule {}
