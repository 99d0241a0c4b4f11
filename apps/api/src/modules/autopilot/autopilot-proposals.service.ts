import {
  type AutopilotGroup,
  type AutopilotSettings,
  buildAutopilotRolloutSpec,
  type FlashRecommendation,
  modeChanges,
  planAutopilotRollouts,
  RolloutSpecSchema,
  settingKey,
  type TauCurve,
} from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Transactions } from '../../infrastructure/database.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { AuditService } from '../audit/audit.service.js';
import type { SystemPrincipal } from '../auth/auth.types.js';
import { PoliciesService } from '../policies/policies.service.js';
import { RolloutLifecycleService } from '../rollouts/rollout-lifecycle.service.js';
import { AutopilotInputsRepository } from './autopilot-inputs.repository.js';
import {
  AutopilotProposalsRepository,
  type ProposalMember,
  type ProposalPredicted,
} from './autopilot-proposals.repository.js';
import { AutopilotStateRepository } from './autopilot-state.repository.js';

export const AUTOPILOT: SystemPrincipal = { kind: 'system', name: 'autopilot' };
export const AUTOPILOT_POLICY_NAME = 'flash-life-autopilot';

const finite = (x: number) => (Number.isFinite(x) ? x : null);
const days = (d: number | null) => (d === null ? 'unbounded' : `${Math.round(d).toLocaleString('en-US')} d`);

/**
 * The autopilot round's proposals: a draft rollout per group of robots whose next setting is the
 * same, followed until it ends, with feedback when it fails or is dismissed (the operator's decisions
 * on them are AutopilotDecisionsService). Rollouts are created and moved by the rollouts module's own
 * lifecycle, as the system actor `autopilot`.
 */
@Injectable()
export class AutopilotProposalsService {
  constructor(
    @Inject(AutopilotProposalsRepository) private readonly proposals: AutopilotProposalsRepository,
    @Inject(AutopilotStateRepository) private readonly state: AutopilotStateRepository,
    @Inject(AutopilotInputsRepository) private readonly inputs: AutopilotInputsRepository,
    @Inject(RolloutLifecycleService) private readonly rollouts: RolloutLifecycleService,
    @Inject(PoliciesService) private readonly policies: PoliciesService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Brings open proposals up to date with their rollouts: started, succeeded, or — rolled back or
   * aborted — failed / dismissed, which blocks the move for the proposal's robots (feedback).
   */
  async followUp(correlationId: string) {
    const counts = { started: 0, succeeded: 0, failed: 0, dismissed: 0 };
    for (const p of await this.proposals.open()) {
      const rs = p.rollout_status;
      let next: 'started' | 'succeeded' | 'failed' | 'dismissed' | undefined;
      if (rs === null) next = 'dismissed';
      else if ((rs === 'running' || rs === 'paused') && p.status === 'pending') next = 'started';
      else if (rs === 'succeeded') next = 'succeeded';
      else if (rs === 'rolled_back') next = 'failed';
      else if (rs === 'aborted') next = p.status === 'started' ? 'failed' : 'dismissed';
      if (!next) continue;
      const outcome =
        rs === null
          ? 'its rollout was deleted'
          : `rollout ${rs.replace('_', ' ')}: ${p.status_reason ?? ''}`.trim();
      const blocks = next === 'failed' || next === 'dismissed';
      await this.transactions.run(async () => {
        await this.proposals.setStatus(p.id, { status: next, outcomeReason: outcome });
        if (blocks) {
          await this.proposals.addBlocks(
            p.id,
            { tau: p.tau, persistMode: p.persistMode },
            p.predicted.robots,
            p.predicted.curveSha256,
            outcome,
          );
        }
        await this.audit.recordActor(AUTOPILOT, {
          action: blocks ? 'autopilot.feedback' : `autopilot.proposal.${next}`,
          targetType: 'autopilot_proposal',
          targetId: p.id,
          before: { status: p.status },
          after: { status: next, ...(blocks ? { blockedRobots: p.predicted.robots.length } : {}) },
          reason: outcome,
          requestId: correlationId,
        });
      });
      counts[next]++;
    }
    return counts;
  }

  /**
   * Keeps pending proposals whose robots still want their setting, supersedes the others (their
   * drafts aborted), and proposes new groups up to `maxPolicyVersions` pending proposals in all.
   */
  async propose(round: {
    runId: string;
    settings: AutopilotSettings;
    curve: TauCurve;
    recommendations: FlashRecommendation[];
    wearByRobot: Map<string, { wearPerDay: number; targetDays: number }>;
    correlationId: string;
  }) {
    const { settings, curve, correlationId } = round;
    const byRobot = new Map(round.recommendations.map((r) => [r.robotId, r]));
    const busy = await this.inputs.robotsInActiveRollouts();
    let kept = 0;
    let superseded = 0;
    for (const p of await this.proposals.open()) {
      if (p.status !== 'pending' || p.rollout_status !== 'draft') continue;
      const key = settingKey({ tau: p.tau, persistMode: p.persistMode });
      const still = p.robot_ids.every((id) => {
        const step = byRobot.get(id)?.step;
        return step && settingKey(step) === key && !busy.has(id);
      });
      if (still) {
        kept++;
        for (const id of p.robot_ids) busy.add(id);
        continue;
      }
      superseded++;
      await this.rollouts.act(
        AUTOPILOT,
        p.rollout_id!,
        'abort',
        'superseded by a newer recommendation',
        correlationId,
      );
      await this.transactions.run(async () => {
        await this.proposals.setStatus(p.id, {
          status: 'superseded',
          outcomeReason: 'its robots’ recommendations changed; replaced by this round’s proposals',
        });
        await this.audit.recordActor(AUTOPILOT, {
          action: 'autopilot.proposal.supersede',
          targetType: 'autopilot_proposal',
          targetId: p.id,
          before: { status: 'pending' },
          after: { status: 'superseded' },
          requestId: correlationId,
        });
      });
    }
    const room = Math.max(0, settings.maxPolicyVersions - kept);
    const plan = planAutopilotRollouts(round.recommendations, {
      maxPolicyVersions: room,
      busyRobotIds: busy,
    });
    let created = 0;
    let started = 0;
    for (const group of plan.groups) {
      const proposal = await this.createProposal(round, group);
      created++;
      if (settings.autoStart && (await this.autoStart(proposal, correlationId))) started++;
    }
    return { created, kept, superseded, started, deferred: plan.deferred.length, curve: curve.model.name };
  }

  private async createProposal(
    round: Parameters<AutopilotProposalsService['propose']>[0],
    group: AutopilotGroup,
  ) {
    const { settings, curve, correlationId } = round;
    const byRobot = new Map(round.recommendations.map((r) => [r.robotId, r]));
    const members: ProposalMember[] = group.robots.map((m) => ({
      robotId: m.robotId,
      fromTau: m.from.tau,
      fromPersistMode: m.from.persistMode,
      belowTarget: m.belowTarget,
      lifeBefore: finite(m.lifeBefore),
      lifeAfter: finite(m.lifeAfter),
      successChange: m.successChange,
      wearPerDay: round.wearByRobot.get(m.robotId)?.wearPerDay ?? 0,
      targetDays: round.wearByRobot.get(m.robotId)?.targetDays ?? settings.lifeTargetDays,
    }));
    const predicted: ProposalPredicted = {
      meanSuccessChange: group.predicted.meanSuccessChange,
      minLifeBefore: finite(group.predicted.minLifeBefore),
      minLifeAfter: finite(group.predicted.minLifeAfter),
      maxWritesRatio: group.predicted.maxWritesRatio,
      reachingTarget: group.predicted.reachingTarget,
      curveSha256: curve.model.sha256,
      robots: members,
    };
    const changes = modeChanges(group);
    const reason =
      `${group.robots.length} robot(s) to τ ${group.setting.tau.toFixed(2)}/${group.setting.persistMode}` +
      (group.belowTarget ? `, ${group.belowTarget} short of their target` : '') +
      (changes.length
        ? ` (persistence from ${changes.map((c) => `${c.from} ×${c.robots}`).join(', ')})`
        : '') +
      `: shortest projected life ${days(predicted.minLifeBefore)} → ${days(predicted.minLifeAfter)}, ` +
      `mean success ${(group.predicted.meanSuccessChange * 100).toFixed(1)} points; ` +
      `${predicted.reachingTarget} reach their target. First robot: ${byRobot.get(group.robots[0]!.robotId)?.reason ?? ''}`;
    return this.transactions.run(async () => {
      const policyVersionId = await this.versionFor(group.setting, correlationId);
      const spec = RolloutSpecSchema.parse(
        buildAutopilotRolloutSpec(group, {
          policyVersionId,
          bakeSeconds: settings.bakeSeconds,
          guardRails: settings.guardRails,
        }),
      );
      const rollout = await this.rollouts.create(
        AUTOPILOT,
        {
          name: `autopilot: τ ${group.setting.tau.toFixed(2)} · ${group.setting.persistMode} · ${group.robots.length} robots`,
          spec,
        },
        correlationId,
      );
      const row = await this.proposals.create({
        runId: round.runId,
        rolloutId: rollout.id,
        policyVersionId,
        tau: group.setting.tau,
        persistMode: group.setting.persistMode,
        robotIds: group.robots.map((r) => r.robotId),
        belowTarget: group.belowTarget,
        predicted,
        reason,
      });
      await this.audit.recordActor(AUTOPILOT, {
        action: 'autopilot.propose',
        targetType: 'autopilot_proposal',
        targetId: row.id,
        after: {
          rolloutId: rollout.id,
          policyVersionId,
          setting: group.setting,
          robots: group.robots.length,
          predicted,
        },
        reason,
        requestId: correlationId,
      });
      return row;
    });
  }

  /** Starts a new proposal's rollout under auto-start; false (left pending, with why) if refused. */
  private async autoStart(proposal: { id: string; rolloutId: string | null }, correlationId: string) {
    try {
      await this.rollouts.act(
        AUTOPILOT,
        proposal.rolloutId!,
        'start',
        'auto-start: the autopilot’s settings allow starting its proposals within the guard rails',
        correlationId,
      );
    } catch (error) {
      const why = `auto-start refused: ${(error as Error).message}`;
      this.logger.warn({ proposalId: proposal.id, correlationId }, why);
      await this.proposals.setStatus(proposal.id, { status: 'pending', outcomeReason: why });
      return false;
    }
    await this.transactions.run(async () => {
      await this.proposals.setStatus(proposal.id, {
        status: 'started',
        decidedAt: new Date(),
        decidedById: null,
      });
      await this.audit.recordActor(AUTOPILOT, {
        action: 'autopilot.proposal.auto_start',
        targetType: 'autopilot_proposal',
        targetId: proposal.id,
        before: { status: 'pending' },
        after: { status: 'started', rolloutId: proposal.rolloutId },
        reason: 'auto-start is on',
        requestId: correlationId,
      });
    });
    return true;
  }

  /** The autopilot policy's version with this setting, made (and the policy, once) when there is none. */
  private async versionFor(
    setting: { tau: number; persistMode: AutopilotGroup['setting']['persistMode'] },
    requestId: string,
  ) {
    let { policyId } = await this.state.settings();
    if (policyId && !(await this.proposals.policyExists(policyId))) policyId = null;
    policyId ??= (await this.proposals.policyIdByName(AUTOPILOT_POLICY_NAME)) ?? null;
    const notes = `flash-life autopilot: τ ${setting.tau.toFixed(2)}, ${setting.persistMode}`;
    if (!policyId) {
      const created = await this.policies.create(
        AUTOPILOT,
        {
          name: AUTOPILOT_POLICY_NAME,
          description:
            'Settings proposed by the flash-life autopilot (docs/autopilot.md); one version per setting.',
          tau: setting.tau,
          persistMode: setting.persistMode,
          notes,
        },
        requestId,
      );
      await this.state.setPolicyId(created.id);
      return created.versions[0]!.id;
    }
    await this.state.setPolicyId(policyId);
    const existing = await this.proposals.versionWith(policyId, setting.tau, setting.persistMode);
    if (existing) return existing;
    return (await this.policies.addVersion(AUTOPILOT, policyId, { ...setting, notes }, requestId)).id;
  }
}
