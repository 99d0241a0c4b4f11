import { randomUUID } from 'node:crypto';
import {
  ALERT_RULE_PARAMS,
  type AlertRuleKind,
  type AlertScope,
  type AlertSignal,
  isSilenced,
  planAlertNotifications,
  planAlertTransitions,
  type SilenceMatcher,
} from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { toJsonb } from '../../infrastructure/jsonb.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { AlertConfigRepository, type RuleRow, type Tx } from './alert-config.repository.js';
import { AlertJobs } from './alert-jobs.js';
import { AlertSignalsRepository } from './alert-signals.repository.js';
import { type AlertRow, AlertStateRepository } from './alert-state.repository.js';
import { buildNotification, type PayloadAlert } from './build-notification.js';

const STALLED_DELIVERY_MS = 60_000;

export interface EvaluationResult {
  rules: number;
  fired: number;
  resolved: number;
  notifications: number;
  failedRules: number;
}

/** Rule as the engine and payloads see it. */
export function ruleView(rule: RuleRow) {
  return {
    id: rule.id,
    name: rule.name,
    kind: rule.kind as AlertRuleKind,
    severity: rule.severity,
    scope: rule.scope as AlertScope,
  };
}

const payloadAlert = (a: AlertRow): PayloadAlert => ({ ...a, state: a.state });

/**
 * The alerting engine (worker): evaluates every enabled rule, moves alerts between firing and resolved
 * with hysteresis, groups what changed into one notification per rule and kind of change, honours
 * silences and the repeat interval, and hands deliveries to BullMQ. Each rule is evaluated under its
 * row lock (SKIP LOCKED), so several workers never evaluate one rule at once.
 */
@Injectable()
export class AlertEvaluatorService {
  constructor(
    @Inject(AlertConfigRepository) private readonly rules: AlertConfigRepository,
    @Inject(AlertStateRepository) private readonly state: AlertStateRepository,
    @Inject(AlertSignalsRepository) private readonly signals: AlertSignalsRepository,
    @Inject(AlertJobs) private readonly jobs: AlertJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The subjects past a rule's threshold or inside its hysteresis band, now. */
  signalsFor(rule: RuleRow, now: Date): Promise<AlertSignal[]> {
    const scope = rule.scope as AlertScope;
    // Stored parameters were checked when the rule was saved; parsing again types them by kind.
    const params = rule.params;
    switch (rule.kind as AlertRuleKind) {
      case 'flash_life_below':
        return this.signals.flashLife(scope, ALERT_RULE_PARAMS.flash_life_below.parse(params), now);
      case 'write_rate_increase':
        return this.signals.writeRate(scope, ALERT_RULE_PARAMS.write_rate_increase.parse(params), now);
      case 'robot_silent':
        return this.signals.silent(scope, ALERT_RULE_PARAMS.robot_silent.parse(params), now);
      case 'rollout_event':
        return this.signals.rollouts(scope, ALERT_RULE_PARAMS.rollout_event.parse(params), now);
      case 'telemetry_dropped':
        return this.signals.telemetryDropped(scope, ALERT_RULE_PARAMS.telemetry_dropped.parse(params), now);
      case 'autopilot_proposal_waiting':
        return this.signals.autopilotProposals(
          scope,
          ALERT_RULE_PARAMS.autopilot_proposal_waiting.parse(params),
          now,
        );
      case 'signing_key_retirement':
        return this.signals.signingKeyRetirement(
          scope,
          ALERT_RULE_PARAMS.signing_key_retirement.parse(params),
          now,
        );
      default:
        throw new Error(`rule kind ${rule.kind} cannot be evaluated in this build`);
    }
  }

  async evaluateAll(correlationId: string): Promise<EvaluationResult> {
    const now = new Date();
    const [rules, silences] = await Promise.all([this.rules.enabledRules(), this.rules.activeSilences(now)]);
    const result: EvaluationResult = {
      rules: rules.length,
      fired: 0,
      resolved: 0,
      notifications: 0,
      failedRules: 0,
    };
    for (const rule of rules) {
      try {
        const outcome = await this.evaluateRule(rule, silences, now, correlationId);
        if (!outcome) continue;
        result.fired += outcome.fired;
        result.resolved += outcome.resolved;
        result.notifications += outcome.notifications;
      } catch (error) {
        result.failedRules += 1;
        const message = (error as Error).message;
        this.logger.warn({ correlationId, ruleId: rule.id, err: message }, 'alert rule evaluation failed');
        await this.state.recordEvaluationError(rule.id, now, message).catch(() => undefined);
      }
    }
    await this.reconcileDeliveries(correlationId);
    if (result.fired || result.resolved || result.notifications) {
      this.logger.info({ correlationId, ...result }, 'alert rules evaluated');
    }
    return result;
  }

  async evaluateRule(rule: RuleRow, silences: SilenceMatcher[], now: Date, correlationId: string) {
    const signals = await this.signalsFor(rule, now);
    const outcome = await this.state.transaction(async (tx) => {
      if (!(await this.state.lockRule(tx, rule.id))) return null; // another worker has it
      const current = await this.rules.findRule(rule.id, tx);
      if (!current?.enabled) return null;
      const open = await this.state.openAlerts(tx, rule.id);
      const plan = planAlertTransitions(open, signals);
      const fired = await this.state.fire(tx, current, plan.fire, now);
      const kept = plan.keep.map(({ alert, signal }) => ({
        ...alert,
        value: signal.value,
        summary: signal.summary,
      }));
      await this.state.refresh(tx, kept);
      await this.state.resolve(
        tx,
        plan.resolve,
        now,
        'resolved: back past the resolve level, or no longer in scope',
      );
      const resolved = plan.resolve.map((a) => ({ ...a, state: 'resolved' as const, resolvedAt: now }));
      const firing = [...kept, ...fired];
      const silenced = (a: AlertRow) => isSilenced(silences, rule.id, a.subjectId, now);
      const notes = planAlertNotifications({
        firing: firing.map((a) => ({ id: a.id, notifiedAt: a.notifiedAt, silenced: silenced(a) })),
        resolved: resolved.map((a) => ({ id: a.id, notifiedAt: a.notifiedAt, silenced: silenced(a) })),
        lastNotifiedAt: current.lastNotifiedAt,
        repeatIntervalMs: current.repeatIntervalMinutes * 60_000,
        now,
      });
      const audible = firing.filter((a) => !silenced(a)).length;
      const deliveries: string[] = [];
      let notifications = 0;
      if (notes.firing) {
        const ids = new Set(notes.firing.alertIds);
        const list = firing
          .filter((a) => ids.has(a.id))
          .sort((a, b) => a.subjectName.localeCompare(b.subjectName));
        deliveries.push(
          ...(
            await this.notify(
              tx,
              current,
              notes.firing.type,
              list,
              new Set(notes.firing.newAlertIds),
              audible,
              now,
            )
          ).deliveries,
        );
        await this.state.markNotified(tx, notes.firing.newAlertIds, 'notifiedAt', now);
        notifications += 1;
      }
      if (notes.resolvedAlertIds.length > 0) {
        const ids = new Set(notes.resolvedAlertIds);
        const list = resolved.filter((a) => ids.has(a.id));
        deliveries.push(
          ...(await this.notify(tx, current, 'resolved', list, new Set(), audible, now)).deliveries,
        );
        await this.state.markNotified(tx, notes.resolvedAlertIds, 'resolveNotifiedAt', now);
        notifications += 1;
      }
      await this.state.finishEvaluation(tx, rule.id, {
        lastEvaluatedAt: now,
        lastEvaluationError: null,
        ...(notes.firing ? { lastNotifiedAt: now } : {}),
      });
      return { deliveries, fired: fired.length, resolved: resolved.length, notifications };
    });
    if (outcome?.deliveries.length) await this.jobs.deliver(outcome.deliveries, correlationId);
    return outcome;
  }

  /** Stores one grouped notification and a pending delivery per channel of the rule. */
  async notify(
    tx: Tx,
    rule: RuleRow,
    type: 'firing' | 'repeat' | 'resolved' | 'test',
    alerts: (AlertRow | PayloadAlert)[],
    newAlertIds: ReadonlySet<string>,
    firingTotal: number,
    now: Date,
  ): Promise<{ id: string; deliveries: string[] }> {
    const id = randomUUID();
    const payload = buildNotification({
      id,
      type,
      rule: ruleView(rule),
      alerts: alerts.map((a) => payloadAlert(a as AlertRow)),
      newAlertIds,
      firingTotal,
      now,
      dashboardUrl: this.config.alerts.dashboardUrl,
    });
    const channels = rule.channels.map((c) => ({ id: c.channel.id, name: c.channel.name }));
    const deliveries = await this.state.createNotification(
      tx,
      { id, ruleId: rule.id, ruleName: rule.name, type, payload: toJsonb(payload) },
      channels,
    );
    return { id, deliveries };
  }

  /** Deliveries whose job was lost (Redis flushed, enqueue failed) get it back. */
  async reconcileDeliveries(correlationId: string) {
    const stalled = await this.state.stalledDeliveries(new Date(Date.now() - STALLED_DELIVERY_MS));
    let rebuilt = 0;
    for (const { id } of stalled) {
      if (await this.jobs.ensureDelivery(id, correlationId).catch(() => false)) rebuilt += 1;
    }
    if (rebuilt) this.logger.info({ correlationId, rebuilt }, 'alert delivery jobs rebuilt');
  }
}
