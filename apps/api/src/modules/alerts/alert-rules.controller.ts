import {
  AlertChannelCreatedSchema,
  AlertChannelInputSchema,
  AlertChannelListSchema,
  AlertChannelSchema,
  AlertNotificationSchema,
  AlertRuleInputSchema,
  AlertRuleListSchema,
  AlertRuleSchema,
} from '@aura/core/contract';
import { Body, Controller, Delete, Get, Inject, Param, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.js';
import { CurrentOperator, OperatorAuth, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { AlertChannelsService } from './alert-channels.service.js';
import { AlertRulesService } from './alert-rules.service.js';

const TestFireSchema = z.object({
  breaching: z.number().int().describe('subjects past the threshold now (listed in the test)'),
  notification: AlertNotificationSchema,
});

/** Alert rules (viewers read, operators change; every change audited). */
@Controller('v1/alert-rules')
export class AlertRulesController {
  constructor(@Inject(AlertRulesService) private readonly rules: AlertRulesService) {}

  @Get()
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'List alert rules',
    tag: 'alerts',
    auth: 'operator',
    response: AlertRuleListSchema,
  })
  list() {
    return this.rules.list();
  }

  @Post()
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Create an alert rule',
    description:
      'Kinds, parameters and their defaults: docs/alerts.md. An unknown kind or a bad parameter is a 400 naming it.',
    tag: 'alerts',
    auth: 'operator',
    body: AlertRuleInputSchema,
    response: AlertRuleSchema,
    status: 201,
  })
  create(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body() body: z.output<typeof AlertRuleInputSchema>,
    @RequestId() requestId: string,
  ) {
    return this.rules.create(operator, body, requestId);
  }

  @Get(':id')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'An alert rule',
    tag: 'alerts',
    auth: 'operator',
    params: { id: 'Rule id' },
    response: AlertRuleSchema,
    errors: [404],
  })
  get(@Param('id') id: string) {
    return this.rules.get(id);
  }

  @Put(':id')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Replace an alert rule (its open alerts are judged by the new settings at the next evaluation)',
    tag: 'alerts',
    auth: 'operator',
    params: { id: 'Rule id' },
    body: AlertRuleInputSchema,
    response: AlertRuleSchema,
    errors: [404],
  })
  update(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: z.output<typeof AlertRuleInputSchema>,
    @RequestId() requestId: string,
  ) {
    return this.rules.update(operator, id, body, requestId);
  }

  @Delete(':id')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Delete an alert rule (its open alerts are resolved; history stays)',
    tag: 'alerts',
    auth: 'operator',
    params: { id: 'Rule id' },
    status: 204,
    errors: [404],
  })
  async remove(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @RequestId() requestId: string,
  ) {
    await this.rules.remove(operator, id, requestId);
  }

  @Post(':id/test')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Test-fire: send a test notification listing what would fire now (no alert changes)',
    tag: 'alerts',
    auth: 'operator',
    params: { id: 'Rule id' },
    response: TestFireSchema,
    errors: [404, 409],
  })
  test(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @RequestId() requestId: string,
  ) {
    return this.rules.testFire(operator, id, requestId);
  }
}

/** Notification channels (viewers read without secrets, operators change; audited). */
@Controller('v1/alert-channels')
export class AlertChannelsController {
  constructor(@Inject(AlertChannelsService) private readonly channels: AlertChannelsService) {}

  @Get()
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'List notification channels',
    tag: 'alerts',
    auth: 'operator',
    response: AlertChannelListSchema,
  })
  list() {
    return this.channels.list();
  }

  @Post()
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Create a notification channel (the signing secret is in this answer only)',
    description:
      'http(s) URLs only. Loopback, link-local and private targets — literal or resolved — are refused unless ALERTS_ALLOWED_TARGETS allows them.',
    tag: 'alerts',
    auth: 'operator',
    body: AlertChannelInputSchema,
    response: AlertChannelCreatedSchema,
    status: 201,
    errors: [409],
  })
  create(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body() body: z.output<typeof AlertChannelInputSchema>,
    @RequestId() requestId: string,
  ) {
    return this.channels.create(operator, body, requestId);
  }

  @Get(':id')
  @OperatorAuth('viewer')
  @ApiContract({
    summary: 'A notification channel',
    tag: 'alerts',
    auth: 'operator',
    params: { id: 'Channel id' },
    response: AlertChannelSchema,
    errors: [404],
  })
  get(@Param('id') id: string) {
    return this.channels.get(id);
  }

  @Put(':id')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Replace a channel’s name, kind, URL and routing key (the secret stays)',
    tag: 'alerts',
    auth: 'operator',
    params: { id: 'Channel id' },
    body: AlertChannelInputSchema,
    response: AlertChannelSchema,
    errors: [404, 409],
  })
  update(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: z.output<typeof AlertChannelInputSchema>,
    @RequestId() requestId: string,
  ) {
    return this.channels.update(operator, id, body, requestId);
  }

  @Delete(':id')
  @OperatorAuth('operator')
  @ApiContract({
    summary: 'Delete a channel no rule uses',
    tag: 'alerts',
    auth: 'operator',
    params: { id: 'Channel id' },
    status: 204,
    errors: [404, 409],
  })
  async remove(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @RequestId() requestId: string,
  ) {
    await this.channels.remove(operator, id, requestId);
  }
}
