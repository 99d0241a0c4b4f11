import { Controller, Get, Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.js';
import { ZodPipe } from '../../common/zod-pipe.js';
import { AuditListSchema } from '../../contract/responses.js';
import { OperatorAuth } from '../auth/auth.guards.js';
import { AuditService } from './audit.service.js';

const AuditQuerySchema = z
  .object({
    action: z.string().max(100).optional(),
    targetType: z.string().max(100).optional(),
    targetId: z.string().max(100).optional(),
    actorId: z.string().max(100).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    cursor: z
      .string()
      .regex(/^\d{1,18}$/, 'must be a cursor returned by a previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  /** Every operator mutation: who, what, when, before and after, newest first. */
  @Get()
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Audit log, newest first',
    tag: 'audit',
    auth: 'operator',
    query: AuditQuerySchema,
    response: AuditListSchema,
  })
  list(@Query(new ZodPipe(AuditQuerySchema, 'query')) query: z.infer<typeof AuditQuerySchema>) {
    return this.audit.list({
      ...query,
      since: query.since ? new Date(query.since) : undefined,
      until: query.until ? new Date(query.until) : undefined,
      beforeId: query.cursor ? BigInt(query.cursor) : undefined,
    });
  }
}
