import {
  type AutopilotDecision,
  AutopilotDecisionResultSchema,
  AutopilotDecisionSchema,
  AutopilotProposalListSchema,
  type AutopilotProposalQuery,
  AutopilotProposalQuerySchema,
  AutopilotRecommendationListSchema,
  type AutopilotRecommendationQuery,
  AutopilotRecommendationQuerySchema,
  AutopilotRunListSchema,
  AutopilotRunQuerySchema,
  AutopilotRunRequestSchema,
  AutopilotStatusSchema,
  type UpdateAutopilotSettings,
  UpdateAutopilotSettingsSchema,
} from '@aura/core';
import { applyDecorators, Body, Controller, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiContract } from '../../common/api-contract.js';
import { CurrentOperator, OperatorAuth, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { AutopilotDecisionsService } from './autopilot-decisions.service.js';
import { AutopilotQueriesService } from './autopilot-queries.service.js';
import { AutopilotSettingsService } from './autopilot-settings.service.js';

/** An operator's decision on a proposal: a reason in, the proposal's new status out. */
const ProposalDecision = (summary: string) =>
  applyDecorators(
    ApiContract({
      summary,
      tag: 'autopilot',
      auth: 'operator',
      params: { id: 'Proposal id' },
      body: AutopilotDecisionSchema,
      response: AutopilotDecisionResultSchema,
      errors: [404, 409],
    }),
    OperatorAuth('operator'),
  );

/** The flash-life autopilot (docs/autopilot.md): settings, recommendations, proposals, runs. */
@Controller('v1/autopilot')
export class AutopilotController {
  constructor(
    @Inject(AutopilotQueriesService) private readonly queries: AutopilotQueriesService,
    @Inject(AutopilotSettingsService) private readonly settings: AutopilotSettingsService,
    @Inject(AutopilotDecisionsService) private readonly decisions: AutopilotDecisionsService,
  ) {}

  @Get()
  @OperatorAuth('viewer')
  @ApiContract({
    summary:
      'The autopilot: settings, whether it is active (and why not), the model’s curve, last run, counts',
    tag: 'autopilot',
    auth: 'operator',
    response: AutopilotStatusSchema,
  })
  status() {
    return this.queries.status();
  }

  @Put('settings')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Set the flash-life targets and guard rails (audited; a round follows when enabled)',
    description:
      'The whole settings object (missing fields take their defaults). 400 names each bad field: a life ' +
      'target ≤ 0 or above 50 years, an empty τ range (tauMax below tauMin), an unknown group.',
    tag: 'autopilot',
    auth: 'operator',
    body: UpdateAutopilotSettingsSchema,
    response: AutopilotStatusSchema,
  })
  async updateSettings(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body() body: UpdateAutopilotSettings,
    @RequestId() requestId: string,
  ) {
    const { reason, ...settings } = body;
    await this.settings.update(operator, settings, reason, requestId);
    return this.queries.status();
  }

  @Post('run')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Recompute every recommendation now (the worker runs it; audited)',
    tag: 'autopilot',
    auth: 'operator',
    response: AutopilotRunRequestSchema,
    status: 202,
  })
  run(@CurrentOperator() operator: OperatorPrincipal, @RequestId() requestId: string) {
    return this.settings.requestRun(operator, requestId);
  }

  @Get('recommendations')
  @OperatorAuth('viewer')
  @ApiContract({
    summary:
      'Every robot’s latest recommendation with its numbers and reason (shortest projected life first)',
    tag: 'autopilot',
    auth: 'operator',
    query: AutopilotRecommendationQuerySchema,
    response: AutopilotRecommendationListSchema,
  })
  recommendations(@Query() query: AutopilotRecommendationQuery) {
    return this.queries.recommendations(query);
  }

  @Get('proposals')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'The autopilot’s proposals (draft rollouts) with their predicted effect, newest first',
    tag: 'autopilot',
    auth: 'operator',
    query: AutopilotProposalQuerySchema,
    response: AutopilotProposalListSchema,
  })
  proposalList(@Query() query: AutopilotProposalQuery) {
    return this.queries.proposalList(query);
  }

  @Post('proposals/:id/approve')
  @ProposalDecision(
    'Approve a pending proposal: start its rollout (health gates and control cohort as proposed)',
  )
  approve(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: AutopilotDecision,
    @RequestId() requestId: string,
  ) {
    return this.decisions.approve(operator, id, body.reason, requestId);
  }

  @Post('proposals/:id/dismiss')
  @ProposalDecision(
    'Dismiss a pending proposal: abort its draft; the move is not proposed again until inputs change',
  )
  dismiss(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: AutopilotDecision,
    @RequestId() requestId: string,
  ) {
    return this.decisions.dismiss(operator, id, body.reason, requestId);
  }

  @Get('runs')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'The autopilot’s rounds, newest first: trigger, outcome, counts, model',
    tag: 'autopilot',
    auth: 'operator',
    query: AutopilotRunQuerySchema,
    response: AutopilotRunListSchema,
  })
  runs(@Query() query: { limit: number }) {
    return this.queries.runs(query.limit);
  }
}
