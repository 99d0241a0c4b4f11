import type { AlertNotificationPayload } from '@aura/core';
import type { ChannelRow, RuleRow, SilenceRow } from './alert-config.repository.js';
import type { AlertRow, NotificationRow } from './alert-state.repository.js';

/** Database rows → the response shapes of @aura/core/contract (alert-responses.ts). */

/** Slack and PagerDuty URLs carry their secret in the path: show the origin only. */
export function channelView(row: ChannelRow) {
  const url = new URL(row.url);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.kind === 'webhook' ? row.url : `${url.origin}/…`,
    hasRoutingKey: row.routingKey !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function ruleResponse(row: RuleRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    scope: row.scope,
    params: row.params,
    severity: row.severity,
    channels: row.channels.map((c) => c.channel),
    repeatIntervalMinutes: row.repeatIntervalMinutes,
    enabled: row.enabled,
    firing: row._count.alerts,
    lastEvaluatedAt: row.lastEvaluatedAt,
    lastEvaluationError: row.lastEvaluationError,
    lastNotifiedAt: row.lastNotifiedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function alertView(row: AlertRow, silenced: boolean) {
  return {
    id: row.id,
    ruleId: row.ruleId,
    ruleName: row.ruleName,
    severity: row.severity,
    subject: { type: row.subjectType, id: row.subjectId, name: row.subjectName },
    state: row.state,
    value: row.value,
    summary: row.summary,
    startedAt: row.startedAt,
    resolvedAt: row.resolvedAt,
    notifiedAt: row.notifiedAt,
    silenced,
  };
}

export function silenceView(row: SilenceRow, creators: Map<string, string>, now: Date) {
  return {
    id: row.id,
    ruleId: row.ruleId,
    ruleName: row.rule?.name ?? null,
    subjectId: row.subjectId,
    reason: row.reason,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    expiredAt: row.expiredAt,
    active: row.expiredAt === null && row.startsAt <= now && now < row.endsAt,
    createdByName: row.createdById ? (creators.get(row.createdById) ?? null) : null,
    createdAt: row.createdAt,
  };
}

export function notificationView(row: NotificationRow) {
  const payload = row.payload as unknown as AlertNotificationPayload;
  return {
    id: row.id,
    ruleId: row.ruleId,
    ruleName: row.ruleName,
    type: row.type,
    summary: payload.summary,
    alertsTotal: payload.alertsTotal,
    createdAt: row.createdAt,
    deliveries: row.deliveries.map((d) => ({
      id: d.id,
      channelId: d.channelId,
      channelName: d.channelName,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      createdAt: d.createdAt,
      deliveredAt: d.deliveredAt,
      log: d.attemptLog.map((a) => ({
        attempt: a.attempt,
        at: a.at,
        statusCode: a.statusCode,
        error: a.error,
        durationMs: a.durationMs,
      })),
    })),
  };
}
