import { type FleetSummaryQuery, FleetSummaryQuerySchema, FleetSummarySchema } from '@aura/core';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiContract } from '../../common/api-contract.js';
import { OperatorAuth } from '../auth/auth.guards.js';
import { TelemetryService } from './telemetry.service.js';

@Controller('v1')
export class FleetSummaryController {
  constructor(@Inject(TelemetryService) private readonly telemetry: TelemetryService) {}

  @Get('fleet/summary')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Fleet overview: robots online, writes, memory, projected flash life and wear',
    description:
      'Projected flash life per robot = (1 − estimated wear) ÷ the wear rate seen in the window; median, worst and the count below lifeTargetDays over robots reporting in the window.',
    tag: 'telemetry',
    auth: 'operator',
    query: FleetSummaryQuerySchema,
    response: FleetSummarySchema,
  })
  summary(@Query() query: FleetSummaryQuery) {
    return this.telemetry.summary(query);
  }
}
