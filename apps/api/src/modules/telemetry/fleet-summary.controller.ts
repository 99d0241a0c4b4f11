import { Controller, Get, Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.js';
import { ZodPipe } from '../../common/zod-pipe.js';
import { FleetSummarySchema } from '../../contract/fleet-summary.js';
import { OperatorAuth } from '../auth/auth.guards.js';
import { FleetSummaryRepository } from './fleet-summary.repository.js';

export const FleetSummaryQuerySchema = z
  .object({
    groupId: z.uuid().optional(),
    windowMinutes: z.coerce
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60)
      .default(60),
    lifeTargetDays: z.coerce
      .number()
      .min(1)
      .max(100 * 365)
      .default(5 * 365)
      .describe('projected flash life below this counts as below target (default: a 5-year service life)'),
  })
  .strict();

@Controller('v1')
export class FleetSummaryController {
  constructor(@Inject(FleetSummaryRepository) private readonly summaries: FleetSummaryRepository) {}

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
  summary(
    @Query(new ZodPipe(FleetSummaryQuerySchema, 'query')) query: z.infer<typeof FleetSummaryQuerySchema>,
  ) {
    return this.summaries.summary(query);
  }
}
