import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { MetricsService } from './metrics.service.js';
import { METRICS_UNAUTHORIZED, metricsAccessAllowed } from './metrics-access.js';

@Controller()
export class MetricsController {
  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Prometheus exposition format; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
  @Get('metrics')
  @ApiExcludeEndpoint()
  async metricsText(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply) {
    if (!metricsAccessAllowed(authorization, this.config.metricsToken)) {
      await reply.status(401).headers(METRICS_UNAUTHORIZED.headers).send(METRICS_UNAUTHORIZED.body);
      return;
    }
    const body = await this.metrics.registry.metrics();
    await reply.header('content-type', this.metrics.registry.contentType).send(body);
  }
}
