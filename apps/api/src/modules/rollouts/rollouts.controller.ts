import { ROLLOUT_ROBOT_STATES, ROLLOUT_STATUSES, RolloutSpecSchema } from '@aura/core';
import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.js';
import { ZodPipe } from '../../common/zod-pipe.js';
import { RolloutPreviewSchema, RolloutSchema } from '../../contract/responses.js';
import {
  RolloutDetailWithCreatorSchema,
  RolloutRobotListSchema,
  RolloutTargetCountSchema,
  RolloutWithCreatorListSchema,
} from '../../contract/rollout-responses.js';
import { CurrentOperator, OperatorAuth, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { RolloutsService, type RolloutVerb } from './rollouts.service.js';

export const CreateRolloutSchema = z
  .object({
    name: z.string().min(1, 'must not be empty').max(200),
    // Validated in detail by RolloutSpecSchema (errors name `spec.<field>`).
    spec: z.record(z.string(), z.unknown()),
  })
  .strict();

export const RolloutVerbSchema = z
  .object({ reason: z.string().min(1, 'is required: say why').max(2000, 'must be at most 2000 characters') })
  .strict();

const windowMinutes = z
  .number()
  .int()
  .min(5)
  .max(7 * 24 * 60)
  .default(60);
const PreviewWindowSchema = z.object({ windowMinutes }).strict();
const PreviewSchema = z.object({ spec: z.record(z.string(), z.unknown()), windowMinutes }).strict();

const ListQuerySchema = z
  .object({
    status: z.enum(ROLLOUT_STATUSES).optional(),
  })
  .strict();

const TargetCountSchema = z.object({ target: RolloutSpecSchema.shape.target }).strict();

const ASSIGNMENT_STATES = ROLLOUT_ROBOT_STATES;
const RobotsQuerySchema = z
  .object({
    step: z.coerce.number().int().min(0).max(19).optional(),
    state: z.enum(ASSIGNMENT_STATES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

const verb = (name: RolloutVerb, summary: string) =>
  ApiContract({
    summary,
    tag: 'rollouts',
    auth: 'operator',
    params: { id: 'Rollout id' },
    body: RolloutVerbSchema,
    response: RolloutDetailWithCreatorSchema,
    errors: [404, 409],
    description: `Idempotent: repeating \`${name}\` on a rollout already in its target state changes nothing.`,
  });

@Controller('v1/rollouts')
export class RolloutsController {
  constructor(@Inject(RolloutsService) private readonly rollouts: RolloutsService) {}

  @Post()
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Create a rollout (draft)',
    tag: 'rollouts',
    auth: 'operator',
    body: CreateRolloutSchema,
    response: RolloutSchema.extend({ targets: z.number().int() }),
    status: 201,
  })
  create(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body(new ZodPipe(CreateRolloutSchema)) body: z.infer<typeof CreateRolloutSchema>,
    @RequestId() requestId: string,
  ) {
    return this.rollouts.create(operator, body, requestId);
  }

  /** Dry run of a spec (cohorts provisional) — nothing is created or changed. */
  @Post('preview')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Preview a rollout: predicted write rate and flash life per cohort under the new τ',
    tag: 'rollouts',
    auth: 'operator',
    body: PreviewSchema,
    response: RolloutPreviewSchema,
  })
  previewSpec(@Body(new ZodPipe(PreviewSchema)) body: z.infer<typeof PreviewSchema>) {
    return this.rollouts.preview({ spec: body.spec }, body.windowMinutes);
  }

  /** How many robots a target names (groups ∪ tags ∪ ids, each once): the create form's live count. */
  @Post('targets/count')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Count the robots a rollout target names (groups ∪ tags ∪ robot ids, each robot once)',
    tag: 'rollouts',
    auth: 'operator',
    body: TargetCountSchema,
    response: RolloutTargetCountSchema,
  })
  countTargets(@Body(new ZodPipe(TargetCountSchema)) body: z.infer<typeof TargetCountSchema>) {
    return this.rollouts.countTargets(body.target);
  }

  /** Dry run of a created rollout, with its exact cohorts. */
  @Post(':id/preview')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'Preview a created rollout with its exact cohorts',
    tag: 'rollouts',
    auth: 'operator',
    params: { id: 'Rollout id' },
    body: PreviewWindowSchema,
    response: RolloutPreviewSchema,
    errors: [404],
  })
  previewRollout(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(PreviewWindowSchema)) body: z.infer<typeof PreviewWindowSchema>,
  ) {
    return this.rollouts.preview({ rolloutId: id }, body.windowMinutes);
  }

  @Get()
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'List rollouts',
    tag: 'rollouts',
    auth: 'operator',
    query: ListQuerySchema,
    response: RolloutWithCreatorListSchema,
  })
  list(@Query(new ZodPipe(ListQuerySchema, 'query')) query: z.infer<typeof ListQuerySchema>) {
    return this.rollouts.list(query.status);
  }

  @Get(':id')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'A rollout with per-step robot states, verdicts and revert confirmations',
    tag: 'rollouts',
    auth: 'operator',
    params: { id: 'Rollout id' },
    response: RolloutDetailWithCreatorSchema,
    errors: [404],
  })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.rollouts.get(id);
  }

  @Get(':id/robots')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: "A rollout's members: step, state (with its reason) and revert confirmation per robot",
    tag: 'rollouts',
    auth: 'operator',
    params: { id: 'Rollout id' },
    query: RobotsQuerySchema,
    response: RolloutRobotListSchema,
    errors: [404],
  })
  robots(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(new ZodPipe(RobotsQuerySchema, 'query')) query: z.infer<typeof RobotsQuerySchema>,
  ) {
    return this.rollouts.robots(id, query);
  }

  @Post(':id/start')
  @OperatorAuth('operator')
  @verb('start', 'Start: assign cohorts and deliver the first step')
  start(
    @CurrentOperator() o: OperatorPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(RolloutVerbSchema)) b: { reason: string },
    @RequestId() r: string,
  ) {
    return this.rollouts.act(o, id, 'start', b.reason, r);
  }

  @Post(':id/pause')
  @OperatorAuth('operator')
  @verb('pause', 'Pause: stop evaluating and advancing')
  pause(
    @CurrentOperator() o: OperatorPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(RolloutVerbSchema)) b: { reason: string },
    @RequestId() r: string,
  ) {
    return this.rollouts.act(o, id, 'pause', b.reason, r);
  }

  @Post(':id/resume')
  @OperatorAuth('operator')
  @verb('resume', 'Resume: bake the current step again, then evaluate')
  resume(
    @CurrentOperator() o: OperatorPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(RolloutVerbSchema)) b: { reason: string },
    @RequestId() r: string,
  ) {
    return this.rollouts.act(o, id, 'resume', b.reason, r);
  }

  @Post(':id/promote')
  @OperatorAuth('operator')
  @verb('promote', 'Promote: skip the rest of the bake and move to the next step')
  promote(
    @CurrentOperator() o: OperatorPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(RolloutVerbSchema)) b: { reason: string },
    @RequestId() r: string,
  ) {
    return this.rollouts.act(o, id, 'promote', b.reason, r);
  }

  @Post(':id/abort')
  @OperatorAuth('operator')
  @verb('abort', 'Abort: return every cohort member to its previous version in one transaction')
  abort(
    @CurrentOperator() o: OperatorPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(RolloutVerbSchema)) b: { reason: string },
    @RequestId() r: string,
  ) {
    return this.rollouts.act(o, id, 'abort', b.reason, r);
  }
}
