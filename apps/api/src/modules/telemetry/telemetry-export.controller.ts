import { TelemetryExportPageSchema, type TelemetryExportQuery, TelemetryExportQuerySchema } from '@aura/core';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiContract } from '../../common/api-contract.js';
import { OperatorAuth } from '../auth/auth.guards.js';
import { TelemetryExportService } from './telemetry-export.service.js';

@Controller('v1/telemetry')
export class TelemetryExportController {
  constructor(@Inject(TelemetryExportService) private readonly exports: TelemetryExportService) {}

  @Get('export')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Raw telemetry records, paged (for export)',
    description:
      'Records of one robot (`robotId`), a group (`groupId`) or the whole fleet whose window starts in [since, until), ordered by robot and seq. Pass `nextCursor` as `cursor` until it is absent.',
    tag: 'telemetry',
    auth: 'operator',
    query: TelemetryExportQuerySchema,
    response: TelemetryExportPageSchema,
    errors: [404],
  })
  page(@Query() query: TelemetryExportQuery) {
    return this.exports.page(query);
  }
}
