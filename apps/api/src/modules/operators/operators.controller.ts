import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '../../common/zod-pipe.js';
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
  list() {
    return this.operators.list();
  }

  @Post('operators')
  @OperatorAuth('admin')
  create(
    @CurrentOperator() actor: OperatorPrincipal,
    @Body(new ZodPipe(CreateOperatorSchema)) body: z.infer<typeof CreateOperatorSchema>,
    @RequestId() requestId: string,
  ) {
    return this.operators.create(actor, body, requestId);
  }

  @Post('api-keys/:id/revoke')
  @HttpCode(200)
  @OperatorAuth('admin')
  revoke(
    @CurrentOperator() actor: OperatorPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @RequestId() requestId: string,
  ) {
    return this.operators.revokeKey(actor, id, requestId);
  }
}
