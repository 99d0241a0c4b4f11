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
import { CurrentOperator, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { AlertChannelsService } from './alert-channels.service.js';
import { AlertRulesService } from './alert-rules.service.js';
import { AlertsRoute } from './alerts-route.js';

const TestFireSchema = z.object({
  breaching: z.number().int().describe('subjects past the threshold now (listed in the test)'),
  notification: AlertNotificationSchema,
});

/** Alert rules (viewers read, operators change; every change audited). */
@Controller('v1/alert-rules')
export class AlertRulesController {
  constructor(@Inject(AlertRulesService) private readonly rules: AlertRulesService) {}

  @Get()
  @AlertsRoute('viewer', {
    summary: 'List alert rules',
    response: AlertRuleListSchema,
  })
  list() {
    return this.rules.list();
  }

  @Post()
  @AlertsRoute('operator', {
    summary: 'Create an alert rule',
    description:
      'Kinds, parameters and their defaults: docs/alerts.md. An unknown kind or a bad parameter is a 400 naming it.',
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
  @AlertsRoute('viewer', {
    summary: 'An alert rule',
    params: { id: 'Rule id' },
    response: AlertRuleSchema,
    errors: [404],
  })
  get(@Param('id') id: string) {
    return this.rules.get(id);
  }

  @Put(':id')
  @AlertsRoute('operator', {
    summary: 'Replace an alert rule (its open alerts are judged by the new settings at the next evaluation)',
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
  @AlertsRoute('operator', {
    summary: 'Delete an alert rule (its open alerts are resolved; history stays)',
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
  @AlertsRoute('operator', {
    summary: 'Test-fire: send a test notification listing what would fire now (no alert changes)',
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
  @AlertsRoute('viewer', {
    summary: 'List notification channels',
    response: AlertChannelListSchema,
  })
  list() {
    return this.channels.list();
  }

  @Post()
  @AlertsRoute('operator', {
    summary: 'Create a notification channel (the signing secret is in this answer only)',
    description:
      'http(s) URLs only. Loopback, link-local and private targets — literal or resolved — are refused unless ALERTS_ALLOWED_TARGETS allows them.',
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
  @AlertsRoute('viewer', {
    summary: 'A notification channel',
    params: { id: 'Channel id' },
    response: AlertChannelSchema,
    errors: [404],
  })
  get(@Param('id') id: string) {
    return this.channels.get(id);
  }

  @Put(':id')
  @AlertsRoute('operator', {
    summary: 'Replace a channel’s name, kind, URL and routing key (the secret stays)',
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
  @AlertsRoute('operator', {
    summary: 'Delete a channel no rule uses',
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
