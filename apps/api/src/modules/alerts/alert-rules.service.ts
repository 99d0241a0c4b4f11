import { randomUUID } from 'node:crypto';
import type { AlertRuleInput, ErrorDetail } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { toJsonb } from '../../infrastructure/jsonb.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { AlertConfigRepository, type RuleData } from './alert-config.repository.js';
import { AlertEvaluatorService } from './alert-evaluator.service.js';
import { AlertJobs } from './alert-jobs.js';
import { AlertStateRepository } from './alert-state.repository.js';
import { notificationView, ruleResponse } from './alert-views.js';

/** Alert rules: create, edit, delete, test-fire; every change audited with before and after. */
@Injectable()
export class AlertRulesService {
  constructor(
    @Inject(AlertConfigRepository) private readonly config: AlertConfigRepository,
    @Inject(AlertStateRepository) private readonly state: AlertStateRepository,
    @Inject(AlertEvaluatorService) private readonly evaluator: AlertEvaluatorService,
    @Inject(AlertJobs) private readonly jobs: AlertJobs,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list() {
    return { items: (await this.config.listRules()).map(ruleResponse) };
  }

  async get(id: string) {
    const rule = await this.config.findRule(id);
    if (!rule) throw new AppError('not_found', 'Alert rule not found');
    return ruleResponse(rule);
  }

  async create(operator: OperatorPrincipal, input: AlertRuleInput, requestId: string) {
    const data = await this.checked(input);
    const rule = await this.config.transaction(async (tx) => {
      const created = await this.config.createRule(tx, data, operator.operatorId);
      await this.audit.recordOperator(operator, {
        action: 'alert_rule.create',
        targetType: 'alert_rule',
        targetId: created.id,
        after: ruleResponse(created),
        requestId,
      });
      return created;
    });
    return ruleResponse(rule);
  }

  async update(operator: OperatorPrincipal, id: string, input: AlertRuleInput, requestId: string) {
    const data = await this.checked(input);
    const rule = await this.config.transaction(async (tx) => {
      const before = await this.config.findRule(id, tx);
      if (!before) throw new AppError('not_found', 'Alert rule not found');
      const updated = await this.config.updateRule(tx, id, data);
      await this.audit.recordOperator(operator, {
        action: 'alert_rule.update',
        targetType: 'alert_rule',
        targetId: id,
        before: ruleResponse(before),
        after: ruleResponse(updated),
        requestId,
      });
      return updated;
    });
    return ruleResponse(rule);
  }

  /** Open alerts of the rule are resolved first, so its history ends with a resolve. */
  async remove(operator: OperatorPrincipal, id: string, requestId: string) {
    await this.config.transaction(async (tx) => {
      const before = await this.config.findRule(id, tx);
      if (!before) throw new AppError('not_found', 'Alert rule not found');
      const open = await this.state.openAlerts(tx, id);
      await this.state.resolve(tx, open, new Date(), 'resolved: the rule was deleted');
      await this.config.deleteRule(tx, id);
      await this.audit.recordOperator(operator, {
        action: 'alert_rule.delete',
        targetType: 'alert_rule',
        targetId: id,
        before: ruleResponse(before),
        requestId,
      });
    });
  }

  /**
   * Test-fire: evaluates the rule now without changing any alert and sends a `test` notification to
   * its channels listing what would fire (or saying nothing would). Audited.
   */
  async testFire(operator: OperatorPrincipal, id: string, requestId: string) {
    const rule = await this.config.findRule(id);
    if (!rule) throw new AppError('not_found', 'Alert rule not found');
    if (rule.channels.length === 0) {
      throw new AppError('conflict', 'The rule has no channels to send a test to', [
        { path: 'channelIds', message: 'add a channel first' },
      ]);
    }
    const now = new Date();
    const signals = (await this.evaluator.signalsFor(rule, now)).filter((s) => s.state === 'breach');
    const sample = signals.map((s) => ({
      id: randomUUID(),
      state: 'firing' as const,
      subjectType: s.subjectType,
      subjectId: s.subjectId,
      subjectName: s.subjectName,
      value: s.value,
      summary: s.summary,
      startedAt: now,
      resolvedAt: null,
    }));
    const sent = await this.config.transaction(async (tx) => {
      const notification = await this.evaluator.notify(
        tx,
        rule,
        'test',
        sample,
        new Set(),
        sample.length,
        now,
      );
      await this.audit.recordOperator(operator, {
        action: 'alert_rule.test',
        targetType: 'alert_rule',
        targetId: id,
        after: { breaching: sample.length, channels: rule.channels.map((c) => c.channel.name) },
        requestId,
      });
      return notification;
    });
    await this.jobs.deliver(sent.deliveries, requestId);
    const notification = await this.state.notification(sent.id);
    if (!notification) throw new AppError('not_found', 'Test notification not found');
    return { breaching: sample.length, notification: notificationView(notification) };
  }

  /** Checks what the schema cannot: the group and the channels exist. */
  private async checked(input: AlertRuleInput): Promise<RuleData> {
    const problems: ErrorDetail[] = [];
    if (input.scope.type === 'group' && !(await this.config.groupExists(input.scope.groupId))) {
      problems.push({ path: 'scope.groupId', message: 'names no group' });
    }
    if (input.channelIds.length) {
      const found = new Set((await this.config.findChannels(input.channelIds)).map((c) => c.id));
      input.channelIds.forEach((channelId, i) => {
        if (!found.has(channelId)) problems.push({ path: `channelIds[${i}]`, message: 'names no channel' });
      });
    }
    if (problems.length) {
      throw new AppError(
        'validation_failed',
        `Invalid body: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
        problems,
      );
    }
    return {
      name: input.name,
      description: input.description ?? null,
      kind: input.kind,
      scope: input.scope,
      params: toJsonb(input.params),
      severity: input.severity,
      repeatIntervalMinutes: input.repeatIntervalMinutes,
      enabled: input.enabled,
      channelIds: input.channelIds,
    };
  }
}
