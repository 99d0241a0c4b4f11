import {
  CountTargetsRequestSchema,
  CreatedRolloutSchema,
  type CreateRollout,
  CreateRolloutSchema,
  PreviewRolloutRequestSchema,
  PreviewSpecRequestSchema,
  RolloutDetailSchema,
  type RolloutListQuery,
  RolloutListQuerySchema,
  RolloutListSchema,
  RolloutMemberListSchema,
  type RolloutMembersQuery,
  RolloutMembersQuerySchema,
  RolloutPreviewSchema,
  type RolloutSpec,
  RolloutTargetCountSchema,
  type RolloutVerb,
  type RolloutVerbRequest,
  RolloutVerbRequestSchema,
} from '@aura/core';
import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiContract } from '../../common/api-contract.js';
import { CurrentOperator, OperatorAuth, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { RolloutLifecycleService } from './rollout-lifecycle.service.js';
import { RolloutQueriesService } from './rollout-queries.service.js';

const verb = (name: RolloutVerb, summary: string) =>
  ApiContract({
    summary,
    tag: 'rollouts',
    auth: 'operator',
    params: { id: 'Rollout id' },
    body: RolloutVerbRequestSchema,
    response: RolloutDetailSchema,
    errors: [404, 409],
    description: `Idempotent: repeating \`${name}\` on a rollout already in its target state changes nothing.`,
  });

@Controller('v1/rollouts')
export class RolloutsController {
  constructor(
    @Inject(RolloutQueriesService) private readonly queries: RolloutQueriesService,
    @Inject(RolloutLifecycleService) private readonly lifecycle: RolloutLifecycleService,
  ) {}

  @Post()
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Create a rollout (draft)',
    tag: 'rollouts',
    auth: 'operator',
    body: CreateRolloutSchema,
    response: CreatedRolloutSchema,
    status: 201,
  })
  create(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body() body: CreateRollout,
    @RequestId() requestId: string,
  ) {
    return this.lifecycle.create(operator, body, requestId);
  }

  /** Dry run of a spec (cohorts provisional) — nothing is created or changed. */
  @Post('preview')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Preview a rollout: predicted write rate and flash life per cohort under the new τ',
    tag: 'rollouts',
    auth: 'operator',
    body: PreviewSpecRequestSchema,
    response: RolloutPreviewSchema,
  })
  previewSpec(@Body() body: { spec: RolloutSpec; windowMinutes: number }) {
    return this.queries.preview({ spec: body.spec }, body.windowMinutes);
  }

  /** How many robots a target names (groups ∪ tags ∪ ids, each once): the create form's live count. */
  @Post('targets/count')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Count the robots a rollout target names (groups ∪ tags ∪ robot ids, each robot once)',
    tag: 'rollouts',
    auth: 'operator',
    body: CountTargetsRequestSchema,
    response: RolloutTargetCountSchema,
  })
  countTargets(@Body() body: { target: RolloutSpec['target'] }) {
    return this.queries.countTargets(body.target);
  }

  /** Dry run of a created rollout, with its exact cohorts. */
  @Post(':id/preview')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Preview a created rollout with its exact cohorts',
    tag: 'rollouts',
    auth: 'operator',
    params: { id: 'Rollout id' },
    body: PreviewRolloutRequestSchema,
    response: RolloutPreviewSchema,
    errors: [404],
  })
  previewRollout(@Param('id') id: string, @Body() body: { windowMinutes: number }) {
    return this.queries.preview({ rolloutId: id }, body.windowMinutes);
  }

  @Get()
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'List rollouts',
    tag: 'rollouts',
    auth: 'operator',
    query: RolloutListQuerySchema,
    response: RolloutListSchema,
  })
  list(@Query() query: RolloutListQuery) {
    return this.queries.list(query);
  }

  @Get(':id')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'A rollout with per-step robot states, verdicts and revert confirmations',
    tag: 'rollouts',
    auth: 'operator',
    params: { id: 'Rollout id' },
    response: RolloutDetailSchema,
    errors: [404],
  })
  get(@Param('id') id: string) {
    return this.queries.get(id);
  }

  @Get(':id/robots')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: "A rollout's members: step, state (with its reason) and revert confirmation per robot",
    tag: 'rollouts',
    auth: 'operator',
    params: { id: 'Rollout id' },
    query: RolloutMembersQuerySchema,
    response: RolloutMemberListSchema,
    errors: [404],
  })
  robots(@Param('id') id: string, @Query() query: RolloutMembersQuery) {
    return this.queries.robots(id, query);
  }

  @Post(':id/start')
  @OperatorAuth('operator')
  @verb('start', 'Start: assign cohorts and deliver the first step')
  start(
    @CurrentOperator() o: OperatorPrincipal,
    @Param('id') id: string,
    @Body() b: RolloutVerbRequest,
    @RequestId() r: string,
  ) {
    return this.lifecycle.act(o, id, 'start', b.reason, r);
  }

  @Post(':id/pause')
  @OperatorAuth('operator')
  @verb('pause', 'Pause: stop evaluating and advancing')
  pause(
    @CurrentOperator() o: OperatorPrincipal,
    @Param('id') id: string,
    @Body() b: RolloutVerbRequest,
    @RequestId() r: string,
  ) {
    return this.lifecycle.act(o, id, 'pause', b.reason, r);
  }

  @Post(':id/resume')
  @OperatorAuth('operator')
  @verb('resume', 'Resume: bake the current step again, then evaluate')
  resume(
    @CurrentOperator() o: OperatorPrincipal,
    @Param('id') id: string,
    @Body() b: RolloutVerbRequest,
    @RequestId() r: string,
  ) {
    return this.lifecycle.act(o, id, 'resume', b.reason, r);
  }

  @Post(':id/promote')
  @OperatorAuth('operator')
  @verb('promote', 'Promote: skip the rest of the bake and move to the next step')
  promote(
    @CurrentOperator() o: OperatorPrincipal,
    @Param('id') id: string,
    @Body() b: RolloutVerbRequest,
    @RequestId() r: string,
  ) {
    return this.lifecycle.act(o, id, 'promote', b.reason, r);
  }

  @Post(':id/abort')
  @OperatorAuth('operator')
  @verb('abort', 'Abort: return every cohort member to its previous version in one transaction')
  abort(
    @CurrentOperator() o: OperatorPrincipal,
    @Param('id') id: string,
    @Body() b: RolloutVerbRequest,
    @RequestId() r: string,
  ) {
    return this.lifecycle.act(o, id, 'abort', b.reason, r);
  }
}
