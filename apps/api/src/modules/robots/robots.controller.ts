import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.js';
import { ZodPipe } from '../../common/zod-pipe.js';
import {
  GroupListSchema,
  GroupMembersResultSchema,
  GroupSchema,
  RobotDetailSchema,
  RobotListSchema,
  RobotRolloutHistorySchema,
  RobotSchema,
} from '../../contract/responses.js';
import { CurrentOperator, OperatorAuth, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { RobotsService } from './robots.service.js';

const Tag = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._:-]{0,62}$/, 'must be 1-63 lowercase letters, digits, . _ : -');

export const RobotListQuerySchema = z
  .object({
    q: z.string().max(200).optional(),
    groupId: z.uuid().optional(),
    tag: Tag.optional(),
    policyVersionId: z.uuid().optional(),
    status: z.enum(['online', 'offline']).optional(),
    sort: z.enum(['name', 'lastSeenAt', 'enrolledAt']).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const UpdateRobotSchema = z
  .object({ name: z.string().min(1).max(200).optional(), tags: z.array(Tag).max(20).optional() })
  .strict();

export const CreateGroupSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'must be 1-100 lowercase letters, digits, . _ -'),
    description: z.string().max(1000).optional(),
  })
  .strict();

export const ChangeMembersSchema = z
  .object({
    add: z.array(z.uuid()).max(10_000).default([]),
    remove: z.array(z.uuid()).max(10_000).default([]),
  })
  .strict();

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
  list(@Query(new ZodPipe(RobotListQuerySchema, 'query')) query: z.infer<typeof RobotListQuerySchema>) {
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
  get(@Param('id', new ParseUUIDPipe()) id: string) {
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
  rollouts(@Param('id', new ParseUUIDPipe()) id: string) {
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
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(UpdateRobotSchema)) body: z.infer<typeof UpdateRobotSchema>,
    @RequestId() requestId: string,
  ) {
    return this.robots.update(operator, id, body, requestId);
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
    @Body(new ZodPipe(CreateGroupSchema)) body: z.infer<typeof CreateGroupSchema>,
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
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(ChangeMembersSchema)) body: z.infer<typeof ChangeMembersSchema>,
    @RequestId() requestId: string,
  ) {
    return this.robots.changeMembers(operator, id, body, requestId);
  }
}
