import { type AlertSilenceInput, isSilenced } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import type { AlertState } from '../../generated/prisma/enums.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { AlertConfigRepository } from './alert-config.repository.js';
import { AlertStateRepository } from './alert-state.repository.js';
import { alertView, notificationView, silenceView } from './alert-views.js';

/** Alerts as people read them (firing, history, notifications with their delivery log) and silences. */
@Injectable()
export class AlertsService {
  constructor(
    @Inject(AlertConfigRepository) private readonly config: AlertConfigRepository,
    @Inject(AlertStateRepository) private readonly state: AlertStateRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(filter: { state?: AlertState; ruleId?: string; limit: number; offset: number }) {
    const now = new Date();
    const [page, silences] = await Promise.all([
      this.state.listAlerts(filter),
      this.config.activeSilences(now),
    ]);
    return {
      total: page.total,
      items: page.items.map((a) =>
        alertView(
          a,
          a.state === 'firing' && a.ruleId !== null && isSilenced(silences, a.ruleId, a.subjectId, now),
        ),
      ),
    };
  }

  async history(filter: { ruleId?: string; subjectId?: string; before?: string; limit: number }) {
    const page = await this.state.history({
      ...filter,
      before: filter.before ? BigInt(filter.before) : undefined,
    });
    return {
      items: page.items.map((e) => ({
        id: e.id.toString(),
        alertId: e.alertId,
        ruleId: e.ruleId,
        ruleName: e.alert.ruleName,
        subject: { type: e.alert.subjectType, id: e.alert.subjectId, name: e.alert.subjectName },
        at: e.at,
        state: e.state,
        value: e.value,
        message: e.message,
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor.toString() } : {}),
    };
  }

  async notifications(filter: { ruleId?: string; before?: string; limit: number }) {
    const page = await this.state.notifications({
      ...filter,
      before: filter.before ? new Date(filter.before) : undefined,
    });
    return {
      items: page.items.map(notificationView),
      ...(page.nextCursor ? { nextCursor: page.nextCursor.toISOString() } : {}),
    };
  }

  async notification(id: string) {
    const row = await this.state.notification(id);
    if (!row) throw new AppError('not_found', 'Notification not found');
    return notificationView(row);
  }

  async silences(includeEnded: boolean) {
    const now = new Date();
    const rows = await this.config.listSilences({ includeEnded, now });
    const creators = await this.config.operatorNames(
      rows.flatMap((r) => (r.createdById ? [r.createdById] : [])),
    );
    return { items: rows.map((row) => silenceView(row, creators, now)) };
  }

  async createSilence(operator: OperatorPrincipal, input: AlertSilenceInput, requestId: string) {
    if (input.ruleId && !(await this.config.findRule(input.ruleId))) {
      throw new AppError('validation_failed', 'Invalid body: ruleId names no rule', [
        { path: 'ruleId', message: 'names no rule' },
      ]);
    }
    const now = new Date();
    const row = await this.config.transaction(async (tx) => {
      const created = await this.config.createSilence(
        tx,
        {
          ruleId: input.ruleId ?? null,
          subjectId: input.subjectId ?? null,
          reason: input.reason,
          startsAt: now,
          endsAt: new Date(now.getTime() + input.durationMinutes * 60_000),
        },
        operator.operatorId,
      );
      await this.audit.recordOperator(operator, {
        action: 'alert_silence.create',
        targetType: 'alert_silence',
        targetId: created.id,
        after: { ruleId: created.ruleId, subjectId: created.subjectId, endsAt: created.endsAt },
        reason: input.reason,
        requestId,
      });
      return created;
    });
    return silenceView(row, new Map([[operator.operatorId, operator.name]]), now);
  }

  /** Ends a silence now (idempotent). */
  async expireSilence(operator: OperatorPrincipal, id: string, reason: string, requestId: string) {
    const now = new Date();
    const row = await this.config.transaction(async (tx) => {
      const before = await this.config.findSilence(id, tx);
      if (!before) throw new AppError('not_found', 'Silence not found');
      if (before.expiredAt || before.endsAt <= now) return before;
      const expired = await this.config.expireSilence(tx, id, now);
      await this.audit.recordOperator(operator, {
        action: 'alert_silence.expire',
        targetType: 'alert_silence',
        targetId: id,
        before: { endsAt: before.endsAt },
        after: { expiredAt: now },
        reason,
        requestId,
      });
      return expired;
    });
    const creators = await this.config.operatorNames(row.createdById ? [row.createdById] : []);
    return silenceView(row, creators, now);
  }
}
