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
import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { CurrentOperator, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { operatorRoute } from '../auth/operator-route.js';
import { AutopilotDecisionsService } from './autopilot-decisions.service.js';
import { AutopilotQueriesService } from './autopilot-queries.service.js';
import { AutopilotSettingsService } from './autopilot-settings.service.js';

const AutopilotRoute = operatorRoute('autopilot');

/** An operator's decision on a proposal: a reason in, the proposal's new status out. */
const ProposalDecision = (summary: string) =>
  AutopilotRoute('operator', {
    summary,
    params: { id: 'Proposal id' },
    body: AutopilotDecisionSchema,
    response: AutopilotDecisionResultSchema,
    errors: [404, 409],
  });

/** The flash-life autopilot (docs/autopilot.md): settings, recommendations, proposals, runs. */
@Controller('v1/autopilot')
export class AutopilotController {
  constructor(
    @Inject(AutopilotQueriesService) private readonly queries: AutopilotQueriesService,
    @Inject(AutopilotSettingsService) private readonly settings: AutopilotSettingsService,
    @Inject(AutopilotDecisionsService) private readonly decisions: AutopilotDecisionsService,
  ) {}

  @Get()
  @AutopilotRoute('viewer', {
    summary:
      'The autopilot: settings, whether it is active (and why not), the model’s curve, last run, counts',
    response: AutopilotStatusSchema,
  })
  status() {
    return this.queries.status();
  }

  @Put('settings')
  @AutopilotRoute('operator', {
    summary: 'Set the flash-life targets and guard rails (audited; a round follows when enabled)',
    description:
      'The whole settings object (missing fields take their defaults). 400 names each bad field: a life ' +
      'target ≤ 0 or above 50 years, an empty τ range (tauMax below tauMin), an unknown group.',
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
  @AutopilotRoute('operator', {
    summary: 'Recompute every recommendation now (the worker runs it; audited)',
    response: AutopilotRunRequestSchema,
    status: 202,
  })
  run(@CurrentOperator() operator: OperatorPrincipal, @RequestId() requestId: string) {
    return this.settings.requestRun(operator, requestId);
  }

  @Get('recommendations')
  @AutopilotRoute('viewer', {
    summary:
      'Every robot’s latest recommendation with its numbers and reason (shortest projected life first)',
    query: AutopilotRecommendationQuerySchema,
    response: AutopilotRecommendationListSchema,
  })
  recommendations(@Query() query: AutopilotRecommendationQuery) {
    return this.queries.recommendations(query);
  }

  @Get('proposals')
  @AutopilotRoute('viewer', {
    summary: 'The autopilot’s proposals (draft rollouts) with their predicted effect, newest first',
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
  @AutopilotRoute('viewer', {
    summary: 'The autopilot’s rounds, newest first: trigger, outcome, counts, model',
    query: AutopilotRunQuerySchema,
    response: AutopilotRunListSchema,
  })
  runs(@Query() query: { limit: number }) {
    return this.queries.runs(query.limit);
  }
}
