import {
  CreatedEnrollmentTokenSchema,
  type CreateEnrollmentToken,
  CreateEnrollmentTokenSchema,
  type EnrollmentTokenListQuery,
  EnrollmentTokenListQuerySchema,
  EnrollmentTokenListSchema,
  EnrollmentTokenSchema,
  type EnrollRequest,
  EnrollRequestSchema,
  EnrollResponseSchema,
} from '@aura/core';
import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiContract } from '../../common/api-contract.js';
import { CurrentOperator, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { ClientAddress } from '../auth/client-throttle.js';
import { operatorRoute } from '../auth/operator-route.js';
import { EnrollmentService } from './enrollment.service.js';

const EnrolmentRoute = operatorRoute('enrolment');

@Controller('v1')
export class EnrollmentController {
  constructor(@Inject(EnrollmentService) private readonly enrollment: EnrollmentService) {}

  /** Creates an enrolment token; the token itself is shown once, only its hash is kept. */
  @Post('enrollment-tokens')
  @EnrolmentRoute('operator', {
    summary: 'Create an enrolment token',
    description:
      'expiresInHours and maxUses are also bounded by the deployment (ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS, ENROLLMENT_TOKEN_MAX_USES): over them → 400 naming the field.',
    body: CreateEnrollmentTokenSchema,
    response: CreatedEnrollmentTokenSchema,
    status: 201,
  })
  create(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body() body: CreateEnrollmentToken,
    @RequestId() requestId: string,
  ) {
    return this.enrollment.createToken(operator, body, requestId);
  }

  @Get('enrollment-tokens')
  @EnrolmentRoute('viewer', {
    summary: 'List enrolment tokens, newest first, paged',
    description:
      'Keyset paging: pass `nextCursor` as `cursor` until it is absent; tokens created meanwhile neither repeat nor hide one. `offset` is deprecated (a token created while paging shifts offset pages) and cannot be combined with `cursor`.',
    query: EnrollmentTokenListQuerySchema,
    response: EnrollmentTokenListSchema,
  })
  list(@Query() query: EnrollmentTokenListQuery) {
    return this.enrollment.listTokens(query);
  }

  @Post('enrollment-tokens/:id/revoke')
  @EnrolmentRoute('operator', {
    summary: 'Revoke an enrolment token',
    params: { id: 'Enrolment token id' },
    response: EnrollmentTokenSchema,
    errors: [404],
  })
  revoke(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
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
  enroll(@Body() body: EnrollRequest, @RequestId() requestId: string, @ClientAddress() address: string) {
    return this.enrollment.enroll(body, requestId, address);
  }
}
