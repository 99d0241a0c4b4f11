import {
  MAX_TELEMETRY_BATCH,
  type SeriesQuery,
  SeriesQuerySchema,
  SeriesSchema,
  type TelemetryBatch,
  TelemetryBatchResponseSchema,
  TelemetryBatchSchema,
} from '@aura/core';
import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiContract } from '../../common/api-contract.js';
import { CurrentRobot, OperatorAuth, RobotAuth } from '../auth/auth.guards.js';
import type { RobotPrincipal } from '../auth/auth.types.js';
import { TelemetryService } from './telemetry.service.js';
import { isValidTelemetryBatch } from './telemetry-batch-validator.js';

function range(query: SeriesQuery) {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 3_600_000);
  return { from, to, bucketSeconds: query.bucketSeconds };
}

/** Too many records is a size problem (413), checked before field validation. */
function batchTooLarge(body: unknown): string | undefined {
  const records = (body as { records?: unknown } | null)?.records;
  return Array.isArray(records) && records.length > MAX_TELEMETRY_BATCH
    ? `A telemetry batch holds at most ${MAX_TELEMETRY_BATCH} records (got ${records.length}); split it`
    : undefined;
}

@Controller('v1')
export class TelemetryController {
  constructor(@Inject(TelemetryService) private readonly telemetry: TelemetryService) {}

  /** Stores a batch of telemetry windows, idempotently by (robot, seq). All-or-nothing validation. */
  @Post('agent/telemetry')
  @RobotAuth()
  @ApiContract({
    summary: 'Upload telemetry windows',
    description: `Idempotent by (robot, seq). A batch with any invalid record is refused whole (400). At most ${MAX_TELEMETRY_BATCH} records (413).`,
    tag: 'agent',
    auth: 'robot',
    body: TelemetryBatchSchema,
    // compiled from TelemetryBatchSchema (ajv); zod still writes the 400 of a bad batch
    bodyCheck: isValidTelemetryBatch,
    bodyTooLarge: batchTooLarge,
    response: TelemetryBatchResponseSchema,
    errors: [413],
  })
  ingest(@CurrentRobot() robot: RobotPrincipal, @Body() body: TelemetryBatch) {
    return this.telemetry.ingest(robot.robotId, body.records);
  }

  @Get('robots/:id/series')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Time-bucketed series of one robot',
    tag: 'telemetry',
    auth: 'operator',
    params: { id: 'Robot id' },
    query: SeriesQuerySchema,
    response: SeriesSchema,
    errors: [404],
  })
  robotSeries(@Param('id') id: string, @Query() query: SeriesQuery) {
    return this.telemetry.robotSeries(id, range(query));
  }

  @Get('fleet/series')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Time-bucketed series of the fleet or a group',
    tag: 'telemetry',
    auth: 'operator',
    query: SeriesQuerySchema,
    response: SeriesSchema,
  })
  fleetSeries(@Query() query: SeriesQuery) {
    return this.telemetry.fleetSeries(query.groupId, range(query));
  }
}
