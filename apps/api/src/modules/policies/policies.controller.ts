import {
  type CreatePolicy,
  CreatePolicySchema,
  FleetDefaultSchema,
  PolicyListSchema,
  PolicySchema,
  type PolicyVersionInput,
  PolicyVersionInputSchema,
  PolicyVersionSchema,
  PolicyWithRobotsSchema,
  type SetFleetDefault,
  SetFleetDefaultResultSchema,
  SetFleetDefaultSchema,
} from '@aura/core';
import { Body, Controller, Get, Inject, Param, Post, Put } from '@nestjs/common';
import { CurrentOperator, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { operatorRoute } from '../auth/operator-route.js';
import { PoliciesService } from './policies.service.js';

const PoliciesRoute = operatorRoute('policies');

@Controller('v1')
export class PoliciesController {
  constructor(@Inject(PoliciesService) private readonly policies: PoliciesService) {}

  @Get('policies')
  @PoliciesRoute('viewer', {
    summary: 'List gate policies with their versions',
    description: 'Each version carries how many robots run it (applied) and are told to (desired).',
    response: PolicyListSchema,
  })
  list() {
    return this.policies.list();
  }

  /** Creates a policy with its first (immutable) version. */
  @Post('policies')
  @PoliciesRoute('operator', {
    summary: 'Create a gate policy with version 1',
    body: CreatePolicySchema,
    response: PolicySchema,
    status: 201,
    errors: [409],
  })
  create(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body() body: CreatePolicy,
    @RequestId() requestId: string,
  ) {
    return this.policies.create(operator, body, requestId);
  }

  @Get('policies/:id')
  @PoliciesRoute('viewer', {
    summary: 'One gate policy with its versions',
    params: { id: 'Policy id' },
    response: PolicyWithRobotsSchema,
    errors: [404],
  })
  get(@Param('id') id: string) {
    return this.policies.get(id);
  }

  /** Publishes the next immutable version of a policy. */
  @Post('policies/:id/versions')
  @PoliciesRoute('operator', {
    summary: 'Publish the next immutable version',
    params: { id: 'Policy id' },
    body: PolicyVersionInputSchema,
    response: PolicyVersionSchema,
    status: 201,
    errors: [404],
  })
  addVersion(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: PolicyVersionInput,
    @RequestId() requestId: string,
  ) {
    return this.policies.addVersion(operator, id, body, requestId);
  }

  @Get('fleet/default-policy')
  @PoliciesRoute('viewer', {
    summary: 'The fleet’s default policy version',
    response: FleetDefaultSchema,
  })
  fleetDefault() {
    return this.policies.fleetDefault();
  }

  /** Moves every robot that no rollout holds onto this policy version. */
  @Put('fleet/default-policy')
  @PoliciesRoute('operator', {
    summary: 'Set the fleet default',
    description: 'Moves every robot no rollout holds onto this version.',
    body: SetFleetDefaultSchema,
    response: SetFleetDefaultResultSchema,
  })
  setFleetDefault(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body() body: SetFleetDefault,
    @RequestId() requestId: string,
  ) {
    return this.policies.setFleetDefault(operator, body, requestId);
  }
}
