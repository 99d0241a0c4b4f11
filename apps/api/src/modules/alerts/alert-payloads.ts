import type { AlertChannelKind, AlertNotificationPayload } from '@aura/core/contract';

/**
 * Renders a stored notification (the generic JSON payload) for a channel: generic webhooks get it
 * as is, Slack incoming webhooks a message with blocks, PagerDuty an Events v2 event whose dedup key
 * is the rule, so one rule is one incident that a resolve closes.
 */
const SLACK_LIST = 20;
const PAGERDUTY_DETAILS = 50;

const SEVERITY_ICON = { critical: ':red_circle:', warning: ':warning:', info: ':information_source:' };

export function slackBody(payload: AlertNotificationPayload): Record<string, unknown> {
  const state =
    payload.status === 'firing' ? (payload.type === 'repeat' ? 'STILL FIRING' : 'FIRING') : 'RESOLVED';
  const icon = payload.status === 'firing' ? SEVERITY_ICON[payload.rule.severity] : ':white_check_mark:';
  const title = `${icon} [${payload.type === 'test' ? 'TEST' : state}] ${payload.rule.name}`;
  const lines = payload.alerts
    .slice(0, SLACK_LIST)
    .map((a) => `• *${a.subject.name}* — ${a.summary}${a.state === 'resolved' ? ' _(resolved)_' : ''}`);
  const more = payload.alertsTotal - Math.min(payload.alerts.length, SLACK_LIST);
  if (more > 0) lines.push(`…and ${more} more`);
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n${payload.summary}` } },
  ];
  if (lines.length)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 2900) } });
  if (payload.links.rule) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<${payload.links.rule}|Open the rule>` }],
    });
  }
  return { text: `${title}: ${payload.summary}`, blocks };
}

const PD_SEVERITY = { critical: 'critical', warning: 'warning', info: 'info' } as const;

export function pagerDutyBody(
  payload: AlertNotificationPayload,
  routingKey: string,
): Record<string, unknown> {
  // One incident per rule; a test fires its own incident so it never touches a real one.
  const dedupKey =
    payload.type === 'test' ? `aura-test-${payload.notificationId}` : `aura-alert-rule-${payload.rule.id}`;
  // A resolve while other alerts of the rule still fire updates the incident instead of closing it.
  const action = payload.status === 'resolved' && payload.firingTotal === 0 ? 'resolve' : 'trigger';
  const body: Record<string, unknown> = {
    routing_key: routingKey,
    event_action: action,
    dedup_key: dedupKey,
  };
  if (action === 'trigger') {
    body.payload = {
      summary: `${payload.rule.name}: ${payload.summary}`.slice(0, 1024),
      source: 'aura-fleet',
      severity: PD_SEVERITY[payload.rule.severity],
      timestamp: payload.createdAt,
      component: payload.rule.kind,
      group: payload.rule.scope.type === 'fleet' ? 'fleet' : JSON.stringify(payload.rule.scope),
      class: payload.rule.kind,
      custom_details: {
        notification: payload.type,
        firing: payload.firingTotal,
        alerts: payload.alerts.slice(0, PAGERDUTY_DETAILS).map((a) => `${a.subject.name}: ${a.summary}`),
        more: Math.max(0, payload.alertsTotal - PAGERDUTY_DETAILS),
      },
    };
    if (payload.links.rule) body.links = [{ href: payload.links.rule, text: 'Alert rule in AURA Fleet' }];
  }
  return body;
}

export function renderNotification(
  kind: AlertChannelKind,
  payload: AlertNotificationPayload,
  routingKey: string | null,
): string {
  if (kind === 'slack') return JSON.stringify(slackBody(payload));
  if (kind === 'pagerduty') return JSON.stringify(pagerDutyBody(payload, routingKey ?? ''));
  return JSON.stringify(payload);
}
