import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { FleetMetricsRepository } from './fleet-metrics.repository.js';
import { renderFleetMetrics } from './render-fleet-metrics.js';

/** Aggregation window and life target of the fleet gauges (the overview uses the same 5-year target). */
export const FLEET_METRICS_WINDOW_MINUTES = 5;
export const FLEET_METRICS_LIFE_TARGET_DAYS = 1825;
export const FLEET_METRICS_EVERY_MS = 60_000;

@Injectable()
export class FleetMetricsService {
  constructor(
    @Inject(FleetMetricsRepository) private readonly repository: FleetMetricsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Worker: aggregate the fleet now and keep the result. */
  async refresh(correlationId: string) {
    const started = performance.now();
    const snapshot = await this.repository.compute(
      new Date(),
      FLEET_METRICS_WINDOW_MINUTES,
      FLEET_METRICS_LIFE_TARGET_DAYS,
    );
    const durationMs = Math.round(performance.now() - started);
    await this.repository.save(snapshot, durationMs);
    this.logger.debug({ correlationId, durationMs }, 'fleet metrics aggregated');
    return { durationMs };
  }

  /** API: the latest aggregation as Prometheus text (one row read). */
  async exposition(): Promise<{ contentType: string; body: string }> {
    const registry = renderFleetMetrics(await this.repository.latest(), new Date());
    return { contentType: registry.contentType, body: await registry.metrics() };
  }
}
