import { AuditListSchema, type AuditQuery, AuditQuerySchema } from '@aura/core';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiContract } from '../../common/api-contract.js';
import { CurrentOperator, OperatorAuth } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { AuditService } from './audit.service.js';

@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  /** Every operator mutation: who, what, when, before and after, newest first (emails for admins only). */
  @Get()
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Audit log, newest first',
    tag: 'audit',
    auth: 'operator',
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
