import {
  ALERT_STATES,
  AlertHistorySchema,
  AlertListSchema,
  AlertNotificationListSchema,
  AlertNotificationSchema,
  AlertSilenceInputSchema,
  AlertSilenceListSchema,
  AlertSilenceSchema,
} from '@aura/core/contract';
import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentOperator, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { AlertsService } from './alerts.service.js';
import { AlertsRoute } from './alerts-route.js';

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const AlertsQuerySchema = z
  .object({
    state: z.enum(ALERT_STATES).optional(),
    ruleId: z.uuid().optional(),
    limit: limit(500, 100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

const HistoryQuerySchema = z
  .object({
    ruleId: z.uuid().optional(),
    subjectId: z.string().min(1).max(100).optional(),
    before: z
      .string()
      .regex(/^\d{1,19}$/, 'must be a cursor from a previous page')
      .optional(),
    limit: limit(500, 100),
  })
  .strict();

const NotificationsQuerySchema = z
  .object({
    ruleId: z.uuid().optional(),
    before: z.iso.datetime({ offset: true }).optional().describe('cursor: nextCursor of the previous page'),
    limit: limit(200, 50),
  })
  .strict();

const SilencesQuerySchema = z
  .object({
    include: z.enum(['active', 'all']).default('active').describe('`all` adds ended and expired silences'),
  })
  .strict();

const ExpireSchema = z
  .object({
    reason: z.string().trim().min(1, 'is required: say why').max(2000, 'must be at most 2000 characters'),
  })
  .strict();

/** Firing alerts, history, notifications with their delivery log, and silences. */
@Controller('v1')
export class AlertsController {
  constructor(@Inject(AlertsService) private readonly alerts: AlertsService) {}

  @Get('alerts')
  @AlertsRoute('viewer', {
    summary: 'Alerts (open ones with `state=firing`), newest first, each with whether a silence mutes it',
    query: AlertsQuerySchema,
    response: AlertListSchema,
  })
  list(@Query() query: z.infer<typeof AlertsQuerySchema>) {
    return this.alerts.list(query);
  }

  @Get('alerts/history')
  @AlertsRoute('viewer', {
    summary: 'Every alert state change, newest first (cursor paging)',
    query: HistoryQuerySchema,
    response: AlertHistorySchema,
  })
  history(@Query() query: z.infer<typeof HistoryQuerySchema>) {
    return this.alerts.history(query);
  }

  @Get('alert-notifications')
  @AlertsRoute('viewer', {
    summary: 'Notifications sent, newest first, each with its deliveries and their attempt log',
    query: NotificationsQuerySchema,
    response: AlertNotificationListSchema,
  })
  notifications(@Query() query: z.infer<typeof NotificationsQuerySchema>) {
    return this.alerts.notifications(query);
  }

  @Get('alert-notifications/:id')
  @AlertsRoute('viewer', {
    summary: 'One notification with its delivery log',
    params: { id: 'Notification id' },
    response: AlertNotificationSchema,
    errors: [404],
  })
  notification(@Param('id') id: string) {
    return this.alerts.notification(id);
  }

  @Get('alert-silences')
  @AlertsRoute('viewer', {
    summary: 'Silences (active by default)',
    query: SilencesQuerySchema,
    response: AlertSilenceListSchema,
  })
  silences(@Query() query: z.infer<typeof SilencesQuerySchema>) {
    return this.alerts.silences(query.include === 'all');
  }

  @Post('alert-silences')
  @AlertsRoute('operator', {
    summary: 'Silence a rule, a subject or both until the silence expires (a reason is required)',
    body: AlertSilenceInputSchema,
    response: AlertSilenceSchema,
    status: 201,
  })
  createSilence(
    @CurrentOperator() operator: OperatorPrincipal,
    @Body() body: z.infer<typeof AlertSilenceInputSchema>,
    @RequestId() requestId: string,
  ) {
    return this.alerts.createSilence(operator, body, requestId);
  }

  @Post('alert-silences/:id/expire')
  @AlertsRoute('operator', {
    summary: 'End a silence now',
    params: { id: 'Silence id' },
    body: ExpireSchema,
    response: AlertSilenceSchema,
    errors: [404],
  })
  expire(
    @CurrentOperator() operator: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: z.infer<typeof ExpireSchema>,
    @RequestId() requestId: string,
  ) {
    return this.alerts.expireSilence(operator, id, body.reason, requestId);
  }
}
