import { HealthReportSchema, LivenessReportSchema, ReadinessReportSchema } from '@aura/core';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiContract } from '../../common/api-contract.js';
import { HealthService } from './health.service.js';

@Controller()
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  /** 200 while the process serves requests. Checks no dependency: a database blip must not restart a healthy API. */
  @Get('livez')
  @ApiContract({
    summary: 'Liveness (process only)',
    description:
      'Always 200 while the process answers; checks neither PostgreSQL nor Redis (use /readyz for those). For liveness probes.',
    tag: 'health',
    auth: 'none',
    response: LivenessReportSchema,
  })
  livez(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('cache-control', 'no-store');
    return { status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) };
  }

  /** 200 when PostgreSQL and Redis both answer; 503 naming whichever does not. */
  @Get('healthz')
  @ApiContract({
    summary: 'Liveness and dependencies',
    description: '200 when PostgreSQL and Redis answer; 503 naming the one that does not.',
    tag: 'health',
    auth: 'none',
    response: HealthReportSchema,
    sameBodyOn: [503],
  })
  async healthz(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.health.check();
    void reply.status(report.status === 'ok' ? 200 : 503).header('cache-control', 'no-store');
    return report;
  }

  /** 200 when this instance should receive traffic: dependencies up and not shutting down. */
  @Get('readyz')
  @ApiContract({
    summary: 'Readiness',
    description: '503 while a dependency is down or the process is shutting down.',
    tag: 'health',
    auth: 'none',
    response: ReadinessReportSchema,
    sameBodyOn: [503],
  })
  async readyz(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.health.ready();
    void reply.status(report.status === 'ok' ? 200 : 503).header('cache-control', 'no-store');
    return report;
  }
}
