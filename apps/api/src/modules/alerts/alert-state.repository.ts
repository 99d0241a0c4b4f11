import type { AlertSignal } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { AlertSeverity, AlertState } from '../../generated/prisma/enums.js';
import { Database, Transactions } from '../../infrastructure/database.js';
import type { Tx } from './alert-config.repository.js';

export type AlertRow = Prisma.AlertGetPayload<object>;

const deliveryInclude = {
  attemptLog: { orderBy: { attempt: 'asc' as const } },
} satisfies Prisma.AlertDeliveryInclude;
export type DeliveryRow = Prisma.AlertDeliveryGetPayload<{ include: typeof deliveryInclude }>;
export type NotificationRow = Prisma.AlertNotificationGetPayload<{
  include: { deliveries: { include: typeof deliveryInclude } };
}>;

/** Alerts, their history, notifications and deliveries: what the engine writes and people read. */
@Injectable()
export class AlertStateRepository {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Transactions) private readonly transactions: Transactions,
  ) {}

  /** Runs `fn` in one transaction (Transactions.run); repository calls inside join it. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, timeoutMs = 30_000): Promise<T> {
    return this.transactions.run(() => fn(this.db.client), { timeoutMs, maxWaitMs: 10_000 });
  }

  /** Locks a rule for one evaluation; false when another process is evaluating it right now. */
  async lockRule(tx: Tx, ruleId: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM alert_rule WHERE id = ${ruleId}::uuid FOR UPDATE SKIP LOCKED`;
    return rows.length === 1;
  }

  openAlerts(tx: Tx, ruleId: string): Promise<AlertRow[]> {
    return tx.alert.findMany({ where: { ruleId, state: 'firing' } });
  }

  async fire(
    tx: Tx,
    rule: { id: string; name: string; severity: AlertSeverity },
    signals: AlertSignal[],
    now: Date,
  ): Promise<AlertRow[]> {
    if (signals.length === 0) return [];
    const rows = await tx.alert.createManyAndReturn({
      data: signals.map((s) => ({
        ruleId: rule.id,
        ruleName: rule.name,
        severity: rule.severity,
        subjectType: s.subjectType,
        subjectId: s.subjectId,
        subjectName: s.subjectName.slice(0, 200),
        state: 'firing' as const,
        value: s.value,
        summary: s.summary.slice(0, 2000),
        startedAt: now,
      })),
    });
    await tx.alertEvent.createMany({
      data: rows.map((row) => ({
        alertId: row.id,
        ruleId: rule.id,
        at: now,
        state: 'firing' as const,
        value: row.value,
        message: row.summary,
      })),
    });
    return rows;
  }

  /** Refreshes the value and summary of alerts that stay open (one statement). */
  async refresh(tx: Tx, kept: { id: string; value: number | null; summary: string }[]) {
    if (kept.length === 0) return;
    await tx.$executeRaw`
      UPDATE alert a SET value = k.value, summary = k.summary
        FROM unnest(${kept.map((k) => k.id)}::uuid[], ${kept.map((k) => k.value)}::float8[],
                    ${kept.map((k) => k.summary.slice(0, 2000))}::text[]) AS k(id, value, summary)
       WHERE a.id = k.id AND (a.value IS DISTINCT FROM k.value OR a.summary <> k.summary)`;
  }

  async resolve(tx: Tx, alerts: AlertRow[], now: Date, message: string) {
    if (alerts.length === 0) return;
    await tx.alert.updateMany({
      where: { id: { in: alerts.map((a) => a.id) }, state: 'firing' },
      data: { state: 'resolved', resolvedAt: now },
    });
    await tx.alertEvent.createMany({
      data: alerts.map((a) => ({
        alertId: a.id,
        ruleId: a.ruleId,
        at: now,
        state: 'resolved' as const,
        value: a.value,
        message,
      })),
    });
  }

  async markNotified(tx: Tx, ids: string[], field: 'notifiedAt' | 'resolveNotifiedAt', now: Date) {
    if (ids.length === 0) return;
    await tx.alert.updateMany({ where: { id: { in: ids }, [field]: null }, data: { [field]: now } });
  }

  alertsByIds(tx: Tx, ids: string[]): Promise<AlertRow[]> {
    return tx.alert.findMany({ where: { id: { in: ids } }, orderBy: [{ subjectName: 'asc' }] });
  }

  async finishEvaluation(
    tx: Tx,
    ruleId: string,
    data: { lastEvaluatedAt: Date; lastEvaluationError: string | null; lastNotifiedAt?: Date },
  ) {
    await tx.alertRule.update({ where: { id: ruleId }, data });
  }

  async recordEvaluationError(ruleId: string, at: Date, error: string) {
    await this.db.client.alertRule.update({
      where: { id: ruleId },
      data: { lastEvaluatedAt: at, lastEvaluationError: error.slice(0, 2000) },
    });
  }

  /** One notification and a pending delivery per channel; returns the delivery ids. */
  async createNotification(
    tx: Tx,
    notification: {
      id: string;
      ruleId: string;
      ruleName: string;
      type: string;
      payload: Prisma.InputJsonValue;
    },
    channels: { id: string; name: string }[],
  ): Promise<string[]> {
    await tx.alertNotification.create({ data: notification });
    if (channels.length === 0) return [];
    const rows = await tx.alertDelivery.createManyAndReturn({
      data: channels.map((c) => ({ notificationId: notification.id, channelId: c.id, channelName: c.name })),
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  // ── reads ──────────────────────────────────────────────────────────────────────────────────────

  async listAlerts(filter: { state?: AlertState; ruleId?: string; limit: number; offset: number }) {
    const where = {
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
    };
    const [total, items] = await Promise.all([
      this.db.client.alert.count({ where }),
      this.db.client.alert.findMany({
        where,
        orderBy: [{ startedAt: 'desc' }, { subjectName: 'asc' }],
        take: filter.limit,
        skip: filter.offset,
      }),
    ]);
    return { total, items };
  }

  async history(filter: { ruleId?: string; subjectId?: string; before?: bigint; limit: number }) {
    const rows = await this.db.client.alertEvent.findMany({
      where: {
        ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
        ...(filter.subjectId ? { alert: { subjectId: filter.subjectId } } : {}),
        ...(filter.before ? { id: { lt: filter.before } } : {}),
      },
      orderBy: { id: 'desc' },
      take: filter.limit + 1,
      include: { alert: true },
    });
    const page = rows.slice(0, filter.limit);
    return { items: page, nextCursor: rows.length > filter.limit ? page[page.length - 1]?.id : undefined };
  }

  async notifications(filter: { ruleId?: string; before?: Date; limit: number }): Promise<{
    items: NotificationRow[];
    nextCursor?: Date;
  }> {
    const rows = await this.db.client.alertNotification.findMany({
      where: {
        ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
        ...(filter.before ? { createdAt: { lt: filter.before } } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.limit + 1,
      include: { deliveries: { include: deliveryInclude, orderBy: { channelName: 'asc' } } },
    });
    const page = rows.slice(0, filter.limit);
    return {
      items: page,
      ...(rows.length > filter.limit ? { nextCursor: page[page.length - 1]?.createdAt } : {}),
    };
  }

  notification(id: string): Promise<NotificationRow | null> {
    return this.db.client.alertNotification.findUnique({
      where: { id },
      include: { deliveries: { include: deliveryInclude, orderBy: { channelName: 'asc' } } },
    });
  }

  // ── deliveries ───────────────────────────────────────────────────────────────────────────────────

  delivery(id: string) {
    return this.db.client.alertDelivery.findUnique({
      where: { id },
      include: { notification: true, channel: true },
    });
  }

  /** Deliveries still pending a minute after they were made: their job may be lost (Redis flushed). */
  stalledDeliveries(olderThan: Date) {
    return this.db.client.alertDelivery.findMany({
      where: { status: 'pending', updatedAt: { lt: olderThan } },
      select: { id: true },
      take: 1000,
    });
  }

  async recordAttempt(
    deliveryId: string,
    attempt: {
      number: number;
      statusCode: number | null;
      error: string | null;
      durationMs: number;
      at: Date;
    },
    outcome: 'delivered' | 'pending' | 'failed',
  ) {
    await this.transactions.run(async () => {
      await this.db.client.alertDeliveryAttempt.create({
        data: {
          deliveryId,
          attempt: attempt.number,
          at: attempt.at,
          statusCode: attempt.statusCode,
          error: attempt.error?.slice(0, 2000) ?? null,
          durationMs: attempt.durationMs,
        },
      });
      await this.db.client.alertDelivery.update({
        where: { id: deliveryId },
        data: {
          status: outcome,
          attempts: attempt.number,
          lastStatusCode: attempt.statusCode,
          lastError: attempt.error?.slice(0, 2000) ?? null,
          ...(outcome === 'delivered' ? { deliveredAt: attempt.at } : {}),
        },
      });
    });
  }

  /** Firing alerts by severity and kind, for /metrics. */
  async firingCounts() {
    return this.db.client.$queryRaw<{ severity: string; kind: string; firing: bigint }[]>`
      SELECT a.severity::text AS severity, coalesce(r.kind, 'deleted') AS kind, count(*) AS firing
        FROM alert a LEFT JOIN alert_rule r ON r.id = a.rule_id
       WHERE a.state = 'firing' GROUP BY 1, 2`;
  }
}
