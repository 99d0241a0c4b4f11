import {
  type ChangeMembers,
  ChangeMembersSchema,
  type CreateGroup,
  CreateGroupSchema,
  GroupListSchema,
  GroupMembersResultSchema,
  GroupSchema,
  type RobotCredentialAction,
  RobotCredentialActionSchema,
  RobotDetailSchema,
  type RobotListQuery,
  RobotListQuerySchema,
  RobotListSchema,
  RobotRolloutHistorySchema,
  RobotSchema,
  RotatedRobotSecretSchema,
  type UpdateRobot,
  UpdateRobotSchema,
} from '@aura/core';
import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiContract } from '../../common/api-contract.js';
import { CurrentOperator, OperatorAuth, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { RobotsService } from './robots.service.js';

@Controller('v1')
export class RobotsController {
  constructor(@Inject(RobotsService) private readonly robots: RobotsService) {}

  @Get('robots')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Search, filter, sort and page robots',
    tag: 'robots',
    auth: 'operator',
    query: RobotListQuerySchema,
    response: RobotListSchema,
  })
  list(@Query() query: RobotListQuery) {
    return this.robots.list(query);
  }

  @Get('robots/:id')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'One robot with its recent configs',
    tag: 'robots',
    auth: 'operator',
    params: { id: 'Robot id' },
    response: RobotDetailSchema,
    errors: [404],
  })
  get(@Param('id') id: string) {
    return this.robots.get(id);
  }

  @Get('robots/:id/rollouts')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'The rollouts that included a robot',
    description:
      'Newest first: each rollout’s name, status and policy version, the robot’s step and per-robot state, and when it was issued and acknowledged.',
    tag: 'robots',
    auth: 'operator',
    params: { id: 'Robot id' },
    response: RobotRolloutHistorySchema,
    errors: [404],
  })
  rollouts(@Param('id') id: string) {
    return this.robots.rolloutHistory(id);
  }

  @Patch('robots/:id')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Rename or re-tag a robot',
    tag: 'robots',
    auth: 'operator',
    params: { id: 'Robot id' },
    body: UpdateRobotSchema,
    response: RobotSchema,
    errors: [404],
  })
  update(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: UpdateRobot,
    @RequestId() requestId: string,
  ) {
    return this.robots.update(operator, id, body, requestId);
  }

  @Post('robots/:id/decommission')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Decommission a robot',
    description:
      'Its secret is refused at once by every API process (no cache window); audited with the reason. Idempotent. 503 when Redis could not carry the invalidation (the processes then refuse the secret within 60 s; retry).',
    tag: 'robots',
    auth: 'operator',
    params: { id: 'Robot id' },
    body: RobotCredentialActionSchema,
    response: RobotSchema,
    errors: [404],
  })
  decommission(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: RobotCredentialAction,
    @RequestId() requestId: string,
  ) {
    return this.robots.decommission(operator, id, body.reason, requestId);
  }

  @Post('robots/:id/rotate-secret')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Give a robot a new secret',
    description:
      'The new secret is in this answer only; the old one is refused at once by every API process. Install it as the robot’s credential (the agent resumes when its credential file changes). Audited.',
    tag: 'robots',
    auth: 'operator',
    params: { id: 'Robot id' },
    body: RobotCredentialActionSchema,
    response: RotatedRobotSecretSchema,
    errors: [404, 409],
  })
  rotateSecret(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: RobotCredentialAction,
    @RequestId() requestId: string,
  ) {
    return this.robots.rotateSecret(operator, id, body.reason, requestId);
  }

  @Get('groups')
  @OperatorAuth('viewer')
  @ApiContract({ summary: 'List robot groups', tag: 'robots', auth: 'operator', response: GroupListSchema })
  groups() {
    return this.robots.listGroups();
  }

  @Post('groups')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Create a robot group',
    tag: 'robots',
    auth: 'operator',
    body: CreateGroupSchema,
    response: GroupSchema,
    status: 201,
    errors: [409],
  })
  createGroup(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body() body: CreateGroup,
    @RequestId() requestId: string,
  ) {
    return this.robots.createGroup(operator, body, requestId);
  }

  @Post('groups/:id/members')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Add and remove group members',
    tag: 'robots',
    auth: 'operator',
    params: { id: 'Group id' },
    body: ChangeMembersSchema,
    response: GroupMembersResultSchema,
    errors: [404],
  })
  changeMembers(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: ChangeMembers,
    @RequestId() requestId: string,
  ) {
    return this.robots.changeMembers(operator, id, body, requestId);
  }
}
