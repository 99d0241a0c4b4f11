import { type EnrollRequest, EnrollRequestSchema } from '@aura/core';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '../../common/zod-pipe.js';
import { CurrentOperator, OperatorAuth, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { EnrollmentService } from './enrollment.service.js';

const TagSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._:-]{0,62}$/, 'must be 1-63 lowercase letters, digits, . _ : -');

export const CreateEnrollmentTokenSchema = z
  .object({
    name: z.string().min(1, 'must not be empty').max(200),
    expiresInHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(24),
    maxUses: z.number().int().min(1).max(100_000).default(1),
    groupId: z.uuid().optional(),
    tags: z.array(TagSchema).max(20).default([]),
  })
  .strict();

@Controller('v1')
export class EnrollmentController {
  constructor(@Inject(EnrollmentService) private readonly enrollment: EnrollmentService) {}

  /** Creates an enrolment token; the token itself is shown once, only its hash is kept. */
  @Post('enrollment-tokens')
  @OperatorAuth('operator')
  create(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body(new ZodPipe(CreateEnrollmentTokenSchema)) body: z.infer<typeof CreateEnrollmentTokenSchema>,
    @RequestId() requestId: string,
  ) {
    return this.enrollment.createToken(operator, body, requestId);
  }

  @Get('enrollment-tokens')
  @OperatorAuth('viewer')
  list() {
    return this.enrollment.listTokens();
  }

  @Post('enrollment-tokens/:id/revoke')
  @HttpCode(200)
  @OperatorAuth('operator')
  revoke(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @RequestId() requestId: string,
  ) {
    return this.enrollment.revokeToken(operator, id, requestId);
  }

  /** Robot enrolment: exchanges an enrolment token for the robot's own secret. */
  @Post('agent/enroll')
  @HttpCode(201)
  enroll(@Body(new ZodPipe(EnrollRequestSchema)) body: EnrollRequest, @RequestId() requestId: string) {
    return this.enrollment.enroll(body, requestId);
  }
}
