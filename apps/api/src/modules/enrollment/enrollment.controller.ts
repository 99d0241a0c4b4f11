import { type EnrollRequest, EnrollRequestSchema, EnrollResponseSchema } from '@aura/core';
import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.js';
import { ZodPipe } from '../../common/zod-pipe.js';
import {
  CreatedEnrollmentTokenSchema,
  EnrollmentTokenListSchema,
  EnrollmentTokenSchema,
} from '../../contract/responses.js';
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
  @ApiContract({
    summary: 'Create an enrolment token',
    tag: 'enrolment',
    auth: 'operator',
    body: CreateEnrollmentTokenSchema,
    response: CreatedEnrollmentTokenSchema,
    status: 201,
  })
  create(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body(new ZodPipe(CreateEnrollmentTokenSchema)) body: z.infer<typeof CreateEnrollmentTokenSchema>,
    @RequestId() requestId: string,
  ) {
    return this.enrollment.createToken(operator, body, requestId);
  }

  @Get('enrollment-tokens')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'List enrolment tokens',
    tag: 'enrolment',
    auth: 'operator',
    response: EnrollmentTokenListSchema,
  })
  list() {
    return this.enrollment.listTokens();
  }

  @Post('enrollment-tokens/:id/revoke')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Revoke an enrolment token',
    tag: 'enrolment',
    auth: 'operator',
    params: { id: 'Enrolment token id' },
    response: EnrollmentTokenSchema,
    errors: [404],
  })
  revoke(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @RequestId() requestId: string,
  ) {
    return this.enrollment.revokeToken(operator, id, requestId);
  }

  /** Robot enrolment: exchanges an enrolment token for the robot's own secret. */
  @Post('agent/enroll')
  @ApiContract({
    summary: 'Robot enrolment',
    description:
      'Exchanges an enrolment token for the robot’s own secret and the trusted config-signing keys.',
    tag: 'agent',
    auth: 'none',
    body: EnrollRequestSchema,
    response: EnrollResponseSchema,
    status: 201,
  })
  enroll(@Body(new ZodPipe(EnrollRequestSchema)) body: EnrollRequest, @RequestId() requestId: string) {
    return this.enrollment.enroll(body, requestId);
  }
}
