import {
  MAX_TELEMETRY_BATCH,
  type TelemetryBatch,
  TelemetryBatchResponseSchema,
  TelemetryBatchSchema,
} from '@aura/core';
import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.js';
import { AppError } from '../../common/app-error.js';
import { ZodPipe } from '../../common/zod-pipe.js';
import { SeriesSchema } from '../../contract/responses.js';
import { PrismaService } from '../../infrastructure/prisma.service.js';
import { CurrentRobot, OperatorAuth, RobotAuth } from '../auth/auth.guards.js';
import type { RobotPrincipal } from '../auth/auth.types.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { TelemetryRepository } from './telemetry.repository.js';

const SeriesQueryObject = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    bucketSeconds: z.coerce.number().int().min(10).max(86_400).default(60),
    groupId: z.uuid().optional(),
  })
  .strict();

export const SeriesQuerySchema = SeriesQueryObject.superRefine((query, ctx) => {
  const to = query.to ? Date.parse(query.to) : Date.now();
  const from = query.from ? Date.parse(query.from) : to - 3_600_000;
  if (from >= to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be before to' });
  if ((to - from) / 1000 / query.bucketSeconds > 2000) {
    ctx.addIssue({
      code: 'custom',
      path: ['bucketSeconds'],
      message: 'gives more than 2000 buckets; widen it',
    });
  }
});
type SeriesQuery = z.infer<typeof SeriesQuerySchema>;

function range(query: SeriesQuery) {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 3_600_000);
  return { from, to, bucketSeconds: query.bucketSeconds };
}

/** Too many records is a size problem (413), checked before field validation. */
const telemetryBatchPipe = new ZodPipe(TelemetryBatchSchema, 'body', (value) => {
  const records = (value as { records?: unknown } | null)?.records;
  return Array.isArray(records) && records.length > MAX_TELEMETRY_BATCH
    ? `A telemetry batch holds at most ${MAX_TELEMETRY_BATCH} records (got ${records.length}); split it`
    : undefined;
});

@Controller('v1')
export class TelemetryController {
  constructor(
    @Inject(TelemetryRepository) private readonly telemetry: TelemetryRepository,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /** Stores a batch of telemetry windows, idempotently by (robot, seq). All-or-nothing validation. */
  @Post('agent/telemetry')
  @RobotAuth()
  @ApiContract({
    summary: 'Upload telemetry windows',
    description: `Idempotent by (robot, seq). A batch with any invalid record is refused whole (400). At most ${MAX_TELEMETRY_BATCH} records (413).`,
    tag: 'agent',
    auth: 'robot',
    body: TelemetryBatchSchema,
    response: TelemetryBatchResponseSchema,
    errors: [413],
  })
  async ingest(@CurrentRobot() robot: RobotPrincipal, @Body(telemetryBatchPipe) body: TelemetryBatch) {
    const result = await this.telemetry.ingest(robot.robotId, body.records);
    this.metrics.telemetryBatches.inc();
    this.metrics.telemetryRecords.inc({ result: 'accepted' }, result.accepted);
    this.metrics.telemetryRecords.inc({ result: 'duplicate' }, result.duplicates);
    return result;
  }

  @Get('robots/:id/series')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Time-bucketed series of one robot',
    tag: 'telemetry',
    auth: 'operator',
    params: { id: 'Robot id' },
    query: SeriesQueryObject,
    response: SeriesSchema,
    errors: [404],
  })
  async robotSeries(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(new ZodPipe(SeriesQuerySchema, 'query')) query: SeriesQuery,
  ) {
    if (!(await this.prisma.robot.findUnique({ where: { id }, select: { id: true } }))) {
      throw new AppError('not_found', 'Robot not found');
    }
    return {
      robotId: id,
      ...range(query),
      points: await this.telemetry.series({ robotId: id, ...range(query) }),
    };
  }

  @Get('fleet/series')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Time-bucketed series of the fleet or a group',
    tag: 'telemetry',
    auth: 'operator',
    query: SeriesQueryObject,
    response: SeriesSchema,
  })
  async fleetSeries(@Query(new ZodPipe(SeriesQuerySchema, 'query')) query: SeriesQuery) {
    return {
      groupId: query.groupId ?? null,
      ...range(query),
      points: await this.telemetry.series({
        ...range(query),
        ...(query.groupId ? { groupId: query.groupId } : {}),
      }),
    };
  }
}
