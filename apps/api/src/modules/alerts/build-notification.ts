import type { AlertNotificationPayload, AlertRuleKind, AlertScope, AlertSeverity } from '@aura/core';

/** The generic notification body (stored; webhook channels receive it as is). */
export interface PayloadAlert {
  id: string;
  state: 'firing' | 'resolved';
  subjectType: string;
  subjectId: string;
  subjectName: string;
  value: number | null;
  summary: string;
  startedAt: Date;
  resolvedAt: Date | null;
}

export const MAX_LISTED_ALERTS = 500;

const NOUNS: Record<string, [string, string]> = {
  robot: ['robot', 'robots'],
  rollout: ['rollout', 'rollouts'],
  group: ['group', 'groups'],
  tag: ['tag', 'tags'],
  fleet: ['fleet', 'fleets'],
  signing_key: ['signing key', 'signing keys'],
};

function noun(type: string | undefined, n: number) {
  const [one, many] = NOUNS[type ?? 'robot'] ?? ['subject', 'subjects'];
  return n === 1 ? one : many;
}

export function summarize(
  type: AlertNotificationPayload['type'],
  alerts: PayloadAlert[],
  newCount: number,
  firingTotal: number,
): string {
  const first = alerts[0];
  const n = alerts.length;
  if (type === 'test') {
    return n === 0
      ? 'Test notification: nothing breaches this rule right now'
      : `Test notification: ${n} ${noun(first?.subjectType, n)} would fire now`;
  }
  if (type === 'resolved') {
    const head =
      n === 1 && first ? `${first.subjectName}: resolved` : `${n} ${noun(first?.subjectType, n)} resolved`;
    return firingTotal > 0 ? `${head}; ${firingTotal} still firing` : head;
  }
  if (n === 1 && first) return `${first.subjectName}: ${first.summary}`;
  const fresh = type === 'firing' && newCount > 0 && newCount < n ? ` (${newCount} new)` : '';
  return `${n} ${noun(first?.subjectType, n)} firing${fresh}: ${first?.summary ?? ''}${n > 1 ? ', …' : ''}`;
}

export function buildNotification(options: {
  id: string;
  type: AlertNotificationPayload['type'];
  rule: { id: string; name: string; kind: AlertRuleKind; severity: AlertSeverity; scope: AlertScope };
  alerts: PayloadAlert[];
  newAlertIds: ReadonlySet<string>;
  firingTotal: number;
  now: Date;
  dashboardUrl: string | null;
}): AlertNotificationPayload {
  const { alerts } = options;
  const status = options.type === 'resolved' && options.firingTotal === 0 ? 'resolved' : 'firing';
  return {
    version: 1,
    notificationId: options.id,
    type: options.type,
    status: options.type === 'test' ? 'firing' : status,
    summary: summarize(options.type, alerts, options.newAlertIds.size, options.firingTotal).slice(0, 1900),
    rule: options.rule,
    alerts: alerts.slice(0, MAX_LISTED_ALERTS).map((a) => ({
      id: a.id,
      state: a.state,
      new: options.newAlertIds.has(a.id),
      subject: { type: a.subjectType as 'robot', id: a.subjectId, name: a.subjectName },
      value: a.value,
      summary: a.summary,
      startedAt: a.startedAt.toISOString(),
      resolvedAt: a.resolvedAt?.toISOString() ?? null,
    })),
    alertsTotal: alerts.length,
    firingTotal: options.firingTotal,
    createdAt: options.now.toISOString(),
    links: options.dashboardUrl
      ? {
          rule: `${options.dashboardUrl}/alerts/rules/${options.rule.id}`,
          alerts: `${options.dashboardUrl}/alerts`,
        }
      : {},
  };
}
