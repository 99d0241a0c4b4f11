import { z } from 'zod';
import { ALERT_CHANNEL_KINDS, ALERT_RULE_KINDS, ALERT_SEVERITIES, AlertScopeSchema } from './alert-rules.js';

/** Response shapes of the alerting endpoints (docs/alerts.md). Dates travel as ISO-8601 strings. */
const date = z.iso.datetime({ offset: true });
const id = z.uuid();

export const ALERT_STATES = ['firing', 'resolved'] as const;
export const ALERT_NOTIFICATION_TYPES = ['firing', 'resolved', 'repeat', 'test'] as const;
export const ALERT_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const ALERT_SUBJECT_TYPES = ['robot', 'rollout', 'group', 'tag', 'fleet', 'signing_key'] as const;

export const AlertChannelSchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(ALERT_CHANNEL_KINDS),
  url: z.string().describe('Slack and PagerDuty URLs are shown up to their path only'),
  hasRoutingKey: z.boolean(),
  createdAt: date,
  updatedAt: date,
});
export const AlertChannelCreatedSchema = AlertChannelSchema.extend({
  secret: z.string().describe('HMAC-SHA256 key of X-Aura-Signature; shown once, store it now'),
});
export const AlertChannelListSchema = z.object({ items: z.array(AlertChannelSchema) });

export const AlertRuleSchema = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  kind: z.enum(ALERT_RULE_KINDS),
  scope: AlertScopeSchema,
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.string())])),
  severity: z.enum(ALERT_SEVERITIES),
  channels: z.array(z.object({ id, name: z.string(), kind: z.enum(ALERT_CHANNEL_KINDS) })),
  repeatIntervalMinutes: z.number().int(),
  enabled: z.boolean(),
  firing: z.number().int().describe('open alerts of this rule now'),
  lastEvaluatedAt: date.nullable(),
  lastEvaluationError: z.string().nullable(),
  lastNotifiedAt: date.nullable(),
  createdAt: date,
  updatedAt: date,
});
export const AlertRuleListSchema = z.object({ items: z.array(AlertRuleSchema) });

export const AlertSubjectSchema = z.object({
  type: z.enum(ALERT_SUBJECT_TYPES),
  id: z.string(),
  name: z.string(),
});

export const AlertSchema = z.object({
  id,
  ruleId: id.nullable().describe('null once the rule was deleted'),
  ruleName: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  subject: AlertSubjectSchema,
  state: z.enum(ALERT_STATES),
  value: z.number().nullable(),
  summary: z.string(),
  startedAt: date,
  resolvedAt: date.nullable(),
  notifiedAt: date.nullable(),
  silenced: z.boolean().describe('an active silence mutes its notifications'),
});
export const AlertListSchema = z.object({
  total: z.number().int(),
  items: z.array(AlertSchema),
});

export const AlertEventSchema = z.object({
  id: z.string().describe('cursor: pass as `before` for older events'),
  alertId: id,
  ruleId: id.nullable(),
  ruleName: z.string(),
  subject: AlertSubjectSchema,
  at: date,
  state: z.enum(ALERT_STATES),
  value: z.number().nullable(),
  message: z.string(),
});
export const AlertHistorySchema = z.object({
  items: z.array(AlertEventSchema),
  nextCursor: z.string().optional(),
});

export const AlertSilenceSchema = z.object({
  id,
  ruleId: id.nullable(),
  ruleName: z.string().nullable(),
  subjectId: z.string().nullable(),
  reason: z.string(),
  startsAt: date,
  endsAt: date,
  expiredAt: date.nullable(),
  active: z.boolean(),
  createdByName: z.string().nullable(),
  createdAt: date,
});
export const AlertSilenceListSchema = z.object({ items: z.array(AlertSilenceSchema) });

/** The generic JSON body of a notification (webhook channels get exactly this). */
export const AlertNotificationPayloadSchema = z.object({
  version: z.literal(1),
  notificationId: id,
  type: z.enum(ALERT_NOTIFICATION_TYPES),
  status: z.enum(ALERT_STATES).describe('firing while any alert of the rule fires'),
  summary: z.string(),
  rule: z.object({
    id,
    name: z.string(),
    kind: z.enum(ALERT_RULE_KINDS),
    severity: z.enum(ALERT_SEVERITIES),
    scope: AlertScopeSchema,
  }),
  alerts: z.array(
    z.object({
      id: z.string(),
      state: z.enum(ALERT_STATES),
      new: z.boolean().describe('first notification of this alert'),
      subject: AlertSubjectSchema,
      value: z.number().nullable(),
      summary: z.string(),
      startedAt: date,
      resolvedAt: date.nullable(),
    }),
  ),
  alertsTotal: z.number().int().describe('alerts this notification is about (the list stops at 500)'),
  firingTotal: z.number().int().describe("the rule's firing, unsilenced alerts after this evaluation"),
  createdAt: date,
  links: z.object({ rule: z.string().optional(), alerts: z.string().optional() }),
});
export type AlertNotificationPayload = z.infer<typeof AlertNotificationPayloadSchema>;

export const AlertDeliverySchema = z.object({
  id,
  channelId: id.nullable(),
  channelName: z.string(),
  status: z.enum(ALERT_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: date,
  deliveredAt: date.nullable(),
  log: z.array(
    z.object({
      attempt: z.number().int(),
      at: date,
      statusCode: z.number().int().nullable(),
      error: z.string().nullable(),
      durationMs: z.number().int(),
    }),
  ),
});

export const AlertNotificationSchema = z.object({
  id,
  ruleId: id.nullable(),
  ruleName: z.string(),
  type: z.enum(ALERT_NOTIFICATION_TYPES),
  summary: z.string(),
  alertsTotal: z.number().int(),
  createdAt: date,
  deliveries: z.array(AlertDeliverySchema),
});
export const AlertNotificationListSchema = z.object({
  items: z.array(AlertNotificationSchema),
  nextCursor: z.string().optional(),
});
