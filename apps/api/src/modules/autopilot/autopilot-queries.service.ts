import type {
  AutopilotProposal,
  AutopilotProposalStatus,
  AutopilotRecommendation,
  AutopilotRecommendationStatus,
  AutopilotStatus,
  FlashRecommendation,
} from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { toWirePersistMode } from '../../common/persist-mode.js';
import { TauCurveSource } from '../model-curve/tau-curve.source.js';
import { AutopilotInputsRepository } from './autopilot-inputs.repository.js';
import { AutopilotProposalsRepository, type ProposalPredicted } from './autopilot-proposals.repository.js';
import { AutopilotStateRepository, toWireStatus } from './autopilot-state.repository.js';

const finite = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

type RunRow = NonNullable<Awaited<ReturnType<AutopilotStateRepository['lastRun']>>>;
const runView = (r: RunRow) => ({
  id: r.id,
  trigger: r.trigger as 'schedule' | 'manual',
  startedAt: r.startedAt.toISOString(),
  finishedAt: iso(r.finishedAt),
  outcome: r.outcome as 'running' | 'completed' | 'disabled' | 'failed',
  message: r.message,
  modelName: r.modelName,
  curveSha256: r.curveSha256,
  counts: (r.counts ?? {}) as Record<string, number>,
});

/** Reads of the autopilot for the operator API and the dashboard, and the pending count for alerts. */
@Injectable()
export class AutopilotQueriesService {
  constructor(
    @Inject(AutopilotStateRepository) private readonly state: AutopilotStateRepository,
    @Inject(AutopilotProposalsRepository) private readonly proposals: AutopilotProposalsRepository,
    @Inject(AutopilotInputsRepository) private readonly inputs: AutopilotInputsRepository,
    @Inject(TauCurveSource) private readonly curves: TauCurveSource,
  ) {}

  async status(): Promise<AutopilotStatus> {
    const [current, lookup, lastRun, recommendations, pending] = await Promise.all([
      this.state.settings(),
      this.curves.load(),
      this.state.lastRun(),
      this.state.recommendationCounts(),
      this.proposals.pending(),
    ]);
    const { settings } = current;
    const curve = lookup.curve;
    const inactiveReason = !settings.enabled
      ? 'the autopilot is off: enable it in its settings'
      : lookup.status !== 'ok'
        ? lookup.message
        : null;
    const next =
      settings.enabled && lookup.status === 'ok'
        ? new Date(
            Math.max(Date.now(), (lastRun?.startedAt.getTime() ?? 0) + settings.intervalMinutes * 60_000),
          )
        : null;
    return {
      settings,
      updatedAt: iso(current.updatedAt),
      updatedByName: current.updatedByName,
      active: inactiveReason === null,
      inactiveReason,
      model: {
        curve: lookup.status,
        message: lookup.message,
        modelPath: lookup.modelPath,
        curvePath: lookup.curvePath,
        name: curve?.model.name ?? null,
        version: curve?.model.version ?? null,
        sha256: curve?.model.sha256 ?? null,
        defaultTau: curve?.model.defaultTau ?? null,
        points: (curve?.points ?? []).map((p) => ({
          tau: p.tau,
          writesPerStep: p.writesPerStep.mean,
          successRate: p.successRate.mean,
        })),
      },
      lastRun: lastRun ? runView(lastRun) : null,
      nextRunAt: iso(next),
      recommendations,
      proposals: { pending: pending.count, oldestPendingAt: iso(pending.oldestCreatedAt) },
    };
  }

  /**
   * Pending proposals (draft rollouts waiting for an operator), optionally only those created at or
   * before `olderThan`: the "autopilot proposal waiting" alert reads this.
   */
  countPendingProposals(olderThan?: Date): Promise<{ count: number; oldestCreatedAt: Date | null }> {
    return this.proposals.pending(olderThan);
  }

  async recommendations(query: {
    status?: AutopilotRecommendationStatus | undefined;
    belowTarget?: boolean | undefined;
    limit: number;
    offset: number;
  }): Promise<{ total: number; items: AutopilotRecommendation[] }> {
    const { total, rows } = await this.state.recommendations(query);
    const names = await this.inputs.robotNames(rows.map((r) => r.robotId));
    return {
      total,
      items: rows.map((r) => {
        const d = r.details as unknown as Partial<FlashRecommendation> & { reason: string };
        const full = r.status !== 'insufficient_data' && d.current !== undefined;
        return {
          robotId: r.robotId,
          robotName: names.get(r.robotId) ?? r.robotId,
          status: toWireStatus(r.status),
          reason: r.reason,
          belowTarget: r.belowTarget,
          current:
            r.currentTau !== null && r.currentPersistMode !== null
              ? {
                  tau: r.currentTau,
                  persistMode: toWirePersistMode(r.currentPersistMode),
                  lifeDays: finite(r.projectedLifeDays),
                  successRate: full ? (d.current?.successRate ?? null) : null,
                  persistModeSource: full ? (d.current?.persistModeSource ?? null) : null,
                }
              : null,
          requiredLifeDays: finite(r.requiredLifeDays),
          targetDays: finite(r.targetDays),
          goal:
            full && d.goal
              ? {
                  tau: d.goal.tau,
                  persistMode: d.goal.persistMode,
                  lifeDays: finite(d.goal.lifeDays),
                  successRate: d.goal.successRate,
                }
              : null,
          step:
            full && d.step
              ? {
                  tau: d.step.tau,
                  persistMode: d.step.persistMode,
                  lifeDays: finite(d.step.lifeDays),
                  successRate: d.step.successRate,
                  successChange: d.step.successChange,
                  writesRatio: d.step.writesRatio,
                }
              : null,
          rolloutsToGoal: full ? (d.rolloutsToGoal ?? 0) : 0,
          bestAchievableLifeDays: finite(r.bestAchievableLifeDays),
          measured:
            full && d.measured
              ? {
                  wearSource: d.measured.wearSource,
                  deviceSource: d.measured.deviceSource,
                  wearPerDay: d.measured.wearPerDay,
                  remaining: d.measured.remaining,
                  stepsPerSecond: d.measured.stepsPerSecond,
                  writesPerStep: d.measured.writesPerStep,
                  hostBytesPerDay: d.measured.hostBytesPerSecond * 86_400,
                  spanDays: d.measured.spanDays,
                  notes: d.measured.notes,
                }
              : null,
          computedAt: r.computedAt.toISOString(),
        };
      }),
    };
  }

  async proposalList(query: { status?: AutopilotProposalStatus | undefined; limit: number }) {
    const rows = await this.proposals.list(query);
    const names = await this.inputs.robotNames([...new Set(rows.flatMap((r) => r.robot_ids))]);
    const items: AutopilotProposal[] = rows.map((r) => {
      const p = r.predicted as ProposalPredicted;
      return {
        id: r.id,
        status: r.status,
        rolloutId: r.rollout_id,
        rolloutStatus: r.rollout_status,
        policyVersionId: r.policy_version_id,
        tau: r.tau,
        persistMode: r.persistMode,
        robots: r.robot_ids.length,
        belowTarget: r.below_target,
        predicted: {
          meanSuccessChange: p.meanSuccessChange,
          minLifeBefore: finite(p.minLifeBefore),
          minLifeAfter: finite(p.minLifeAfter),
          maxWritesRatio: p.maxWritesRatio,
          reachingTarget: p.reachingTarget,
          robots: p.robots.map((m) => ({
            robotId: m.robotId,
            name: names.get(m.robotId) ?? null,
            fromTau: m.fromTau,
            fromPersistMode: m.fromPersistMode,
            belowTarget: m.belowTarget,
            lifeBefore: finite(m.lifeBefore),
            lifeAfter: finite(m.lifeAfter),
            successChange: m.successChange,
            wearPerDay: m.wearPerDay,
          })),
        },
        reason: r.reason,
        outcomeReason: r.outcome_reason,
        createdAt: r.created_at.toISOString(),
        decidedAt: iso(r.decided_at),
        decidedByName: r.decided_by_name,
      };
    });
    return { items };
  }

  async runs(limit: number) {
    return { items: (await this.state.runs(limit)).map(runView) };
  }
}
