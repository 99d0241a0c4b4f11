import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.js';
import { HealthReportSchema } from '../../contract/responses.js';
import { HealthService } from './health.service.js';

@Controller()
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

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
    response: HealthReportSchema.extend({ draining: z.boolean() }),
    sameBodyOn: [503],
  })
  async readyz(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.health.ready();
    void reply.status(report.status === 'ok' ? 200 : 503).header('cache-control', 'no-store');
    return report;
  }
}
