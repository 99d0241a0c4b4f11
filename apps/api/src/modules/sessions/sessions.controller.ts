import {
  CreatedDashboardSessionSchema,
  type DashboardSessionListQuery,
  DashboardSessionListQuerySchema,
  DashboardSessionListSchema,
  DashboardSessionSchema,
  RevokedDashboardSessionSchema,
} from '@aura/core';
import { Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { CurrentOperator, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { operatorRoute } from '../auth/operator-route.js';
import { SessionsService } from './sessions.service.js';

const SessionsRoute = operatorRoute('operators');

/**
 * Dashboard sessions. Opening one takes the operator's API key, reading or ending the current one that
 * session's own token. Listing and revoking by id take either: one's own sessions, or everyone's for
 * an admin. The dashboard has no API credential.
 */
@Controller('v1/sessions')
export class SessionsController {
  constructor(@Inject(SessionsService) private readonly sessions: SessionsService) {}

  @Post()
  @SessionsRoute('viewer', {
    summary: 'Open a dashboard session (sign-in)',
    description:
      'Called with the operator’s API key (a session token is refused: 403). Returns the session token once; it authenticates operator API calls as the key would, until sign-out, DASHBOARD_SESSION_MAX_AGE_HOURS (never past the key’s expiry), DASHBOARD_SESSION_IDLE_MINUTES without a request, or the key’s revocation or its operator’s disabling. Audited as dashboard_session.sign_in.',
    response: CreatedDashboardSessionSchema,
    status: 201,
  })
  open(@CurrentOperator() operator: OperatorPrincipal, @RequestId() requestId: string) {
    return this.sessions.open(operator, requestId);
  }

  @Get()
  @SessionsRoute('viewer', {
    summary: 'List dashboard sessions (never their tokens)',
    description:
      'Newest first, with operator, API key, sign-in, last request, expiry and state. Admins see every operator’s (or one’s with `operatorId`); everyone else sees their own. `state=active` (default) lists only sessions that still work.',
    query: DashboardSessionListQuerySchema,
    response: DashboardSessionListSchema,
  })
  list(@CurrentOperator() operator: OperatorPrincipal, @Query() query: DashboardSessionListQuery) {
    return this.sessions.list(operator, query);
  }

  @Get('current')
  @SessionsRoute('viewer', {
    summary: 'The calling dashboard session',
    description: 'Called with the session token (an API key: 403); an ended session: 401.',
    response: DashboardSessionSchema,
  })
  current(@CurrentOperator() operator: OperatorPrincipal) {
    return this.sessions.current(operator);
  }

  @Post('current/revoke')
  @SessionsRoute('viewer', {
    summary: 'End the calling dashboard session (sign-out)',
    description:
      'Called with the session token; it stops working at once for every dashboard and API process. Audited as dashboard_session.sign_out.',
    response: RevokedDashboardSessionSchema,
  })
  revoke(@CurrentOperator() operator: OperatorPrincipal, @RequestId() requestId: string) {
    return this.sessions.revokeCurrent(operator, requestId);
  }

  @Post(':id/revoke')
  @SessionsRoute('viewer', {
    summary: 'End a dashboard session by id',
    description:
      'One’s own session, or anyone’s for an admin (another operator’s is 404 to everyone else); it stops working at once for every dashboard and API process. 409 if it was already signed out or revoked. Audited as dashboard_session.revoke.',
    params: { id: 'Dashboard session id' },
    response: RevokedDashboardSessionSchema,
    errors: [404, 409],
  })
  revokeById(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @RequestId() requestId: string,
  ) {
    return this.sessions.revoke(operator, id, requestId);
  }
}
