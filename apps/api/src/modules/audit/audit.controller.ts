import { AuditListSchema, type AuditQuery, AuditQuerySchema } from '@aura/core';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { CurrentOperator } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { operatorRoute } from '../auth/operator-route.js';
import { AuditService } from './audit.service.js';

const AuditRoute = operatorRoute('audit');

@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  /** Every operator mutation: who, what, when, before and after, newest first (emails for admins only). */
  @Get()
  @AuditRoute('viewer', {
    summary: 'Audit log, newest first',
    query: AuditQuerySchema,
    response: AuditListSchema,
  })
  list(@CurrentOperator() reader: OperatorPrincipal, @Query() query: AuditQuery) {
    return this.audit.list(
      {
        ...query,
        since: query.since ? new Date(query.since) : undefined,
        until: query.until ? new Date(query.until) : undefined,
        beforeId: query.cursor ? BigInt(query.cursor) : undefined,
      },
      reader.role,
    );
  }
}
