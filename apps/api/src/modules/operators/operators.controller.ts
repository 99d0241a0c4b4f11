import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.js';
import { ZodPipe } from '../../common/zod-pipe.js';
import {
  CreatedOperatorSchema,
  MeSchema,
  OperatorListSchema,
  RevokedKeySchema,
} from '../../contract/responses.js';
import { CurrentOperator, OperatorAuth, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { OperatorsService } from './operators.service.js';

export const CreateOperatorSchema = z
  .object({
    name: z.string().min(1).max(200),
    email: z.email().max(320).optional(),
    role: z.enum(['viewer', 'operator', 'admin']),
  })
  .strict();

@Controller('v1')
export class OperatorsController {
  constructor(@Inject(OperatorsService) private readonly operators: OperatorsService) {}

  /** Who am I: the calling key's operator and role (the dashboard hides what the role may not do). */
  @Get('me')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'The calling operator and role',
    tag: 'operators',
    auth: 'operator',
    response: MeSchema,
  })
  me(@CurrentOperator() operator: OperatorPrincipal) {
    return {
      operatorId: operator.operatorId,
      name: operator.name,
      role: operator.role,
      apiKeyId: operator.apiKeyId,
    };
  }

  @Get('operators')
  @OperatorAuth('admin')
  @ApiContract({
    summary: 'List operators and their keys',
    tag: 'operators',
    auth: 'operator',
    response: OperatorListSchema,
  })
  list() {
    return this.operators.list();
  }

  @Post('operators')
  @OperatorAuth('admin')
  @ApiContract({
    summary: 'Create an operator with a first API key',
    tag: 'operators',
    auth: 'operator',
    body: CreateOperatorSchema,
    response: CreatedOperatorSchema,
    status: 201,
    errors: [409],
  })
  create(
    @CurrentOperator() actor: OperatorPrincipal,
    @Body(new ZodPipe(CreateOperatorSchema)) body: z.infer<typeof CreateOperatorSchema>,
    @RequestId() requestId: string,
  ) {
    return this.operators.create(actor, body, requestId);
  }

  @Post('api-keys/:id/revoke')
  @OperatorAuth('admin')
  @ApiContract({
    summary: 'Revoke an API key',
    tag: 'operators',
    auth: 'operator',
    params: { id: 'API key id' },
    response: RevokedKeySchema,
    errors: [404],
  })
  revoke(
    @CurrentOperator() actor: OperatorPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @RequestId() requestId: string,
  ) {
    return this.operators.revokeKey(actor, id, requestId);
  }
}
