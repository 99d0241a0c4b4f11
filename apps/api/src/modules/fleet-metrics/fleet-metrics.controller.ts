import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { METRICS_UNAUTHORIZED, metricsAccessAllowed } from '../metrics/metrics-access.js';
import { FleetMetricsService } from './fleet-metrics.service.js';

@Controller()
export class FleetMetricsController {
  constructor(
    @Inject(FleetMetricsService) private readonly fleet: FleetMetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Fleet gauges (Prometheus text): the same on every API instance, so scrape one (through the load
   * balancer), unlike the per-process `/metrics`.
   */
  @Get('metrics/fleet')
  @ApiExcludeEndpoint()
  async fleetMetrics(
    @Headers('authorization') authorization: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    if (!metricsAccessAllowed(authorization, this.config.metricsToken)) {
      await reply.status(401).headers(METRICS_UNAUTHORIZED.headers).send(METRICS_UNAUTHORIZED.body);
      return;
    }
    const { contentType, body } = await this.fleet.exposition();
    await reply.header('content-type', contentType).send(body);
  }
}
