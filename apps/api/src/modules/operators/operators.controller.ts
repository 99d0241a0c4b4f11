import {
  type ApiKeyListQuery,
  ApiKeyListQuerySchema,
  ApiKeyListSchema,
  type CreateApiKey,
  CreateApiKeySchema,
  CreatedApiKeySchema,
  CreatedOperatorSchema,
  type CreateOperator,
  CreateOperatorSchema,
  MeSchema,
  OperatorListSchema,
  RevokedKeySchema,
} from '@aura/core';
import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { CurrentOperator, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { operatorRoute } from '../auth/operator-route.js';
import { OperatorsService } from './operators.service.js';

const OperatorsRoute = operatorRoute('operators');

@Controller('v1')
export class OperatorsController {
  constructor(@Inject(OperatorsService) private readonly operators: OperatorsService) {}

  /** Who am I: the calling key's operator and role (the dashboard hides what the role may not do). */
  @Get('me')
  @OperatorsRoute('viewer', {
    summary: 'The calling operator and role',
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
  @OperatorsRoute('admin', {
    summary: 'List operators and their keys',
    response: OperatorListSchema,
  })
  list() {
    return this.operators.list();
  }

  @Post('operators')
  @OperatorsRoute('admin', {
    summary: 'Create an operator with a first API key',
    body: CreateOperatorSchema,
    response: CreatedOperatorSchema,
    status: 201,
    errors: [409],
  })
  create(
    @CurrentOperator() actor: OperatorPrincipal,
    @Body() body: CreateOperator,
    @RequestId() requestId: string,
  ) {
    return this.operators.create(actor, body, requestId);
  }

  @Get('api-keys')
  @OperatorsRoute('viewer', {
    summary: 'List API keys (never their secrets)',
    description:
      'Admins see every operator’s keys (or one operator’s with `operatorId`); everyone else sees their own.',
    query: ApiKeyListQuerySchema,
    response: ApiKeyListSchema,
  })
  listKeys(@CurrentOperator() actor: OperatorPrincipal, @Query() query: ApiKeyListQuery) {
    return this.operators.listKeys(actor, query);
  }

  @Get('operators/:id/api-keys')
  @OperatorsRoute('viewer', {
    summary: 'One operator’s API keys (its own, or anyone’s for an admin)',
    params: { id: 'Operator id' },
    response: ApiKeyListSchema,
    errors: [404],
  })
  listOperatorKeys(@CurrentOperator() actor: OperatorPrincipal, @Param('id') id: string) {
    return this.operators.listOperatorKeys(actor, id);
  }

  @Post('operators/:id/api-keys')
  @OperatorsRoute('viewer', {
    summary: 'Create another API key for an operator',
    description:
      'An operator creates keys for itself, an admin for anyone. The key is shown once; rotation is create, then revoke the old key.',
    params: { id: 'Operator id' },
    body: CreateApiKeySchema,
    response: CreatedApiKeySchema,
    status: 201,
    errors: [404, 409],
  })
  createKey(
    @CurrentOperator() actor: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: CreateApiKey,
    @RequestId() requestId: string,
  ) {
    return this.operators.createKey(actor, id, body, requestId);
  }

  @Post('api-keys/:id/revoke')
  @OperatorsRoute('viewer', {
    summary: 'Revoke an API key',
    description:
      'An operator revokes its own keys, an admin anyone’s. The key is refused from the next request on. The last working admin key cannot be revoked (409).',
    params: { id: 'API key id' },
    response: RevokedKeySchema,
    errors: [404, 409],
  })
  revoke(
    @CurrentOperator() actor: OperatorPrincipal,
    @Param('id') id: string,
    @RequestId() requestId: string,
  ) {
    return this.operators.revokeKey(actor, id, requestId);
  }
}
