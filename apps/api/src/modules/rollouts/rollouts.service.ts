import {
  assignRolloutCohorts,
  evaluateRolloutHealth,
  insideApplyWindow,
  type RolloutSpec,
  RolloutSpecSchema,
} from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { AssignmentState, RolloutStatus } from '../../generated/prisma/enums.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { PrismaService } from '../../infrastructure/prisma.service.js';
import { DesiredConfigService } from '../agent-config/desired-config.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { RolloutJobs } from './rollout-jobs.js';
import { RolloutPreviewService } from './rollout-preview.service.js';
import { RolloutStatsRepository } from './rollout-stats.repository.js';

type Tx = Prisma.TransactionClient;

interface LockedRollout {
  id: string;
  name: string;
  status: RolloutStatus;
  policy_version_id: string;
  spec: RolloutSpec;
  current_step: number;
  step_started_at: Date | null;
  started_at: Date | null;
  revision: number;
}

export type RolloutVerb = 'start' | 'pause' | 'resume' | 'promote' | 'abort';

const ACTIVE: RolloutStatus[] = ['running', 'paused'];
/** An inconclusive step is looked at again after its bake time, between 1 and 15 seconds. */
const retryInconclusiveMs = (bakeSeconds: number) => Math.min(15_000, Math.max(1_000, bakeSeconds * 1000));

/**
 * Staged rollouts (DESIGN.md §6). PostgreSQL holds the state of record; every transition locks the
 * rollout row, checks its status (and, for scheduled work, its revision) and bumps the revision, so
 * repeated, late or concurrent calls from any number of API and worker processes are harmless.
 * BullMQ only wakes the worker when an evaluation is due.
 */
@Injectable()
export class RolloutsService {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DesiredConfigService) private readonly configs: DesiredConfigService,
    @Inject(RolloutStatsRepository) private readonly stats: RolloutStatsRepository,
    @Inject(RolloutJobs) private readonly jobs: RolloutJobs,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(RolloutPreviewService) private readonly previews: RolloutPreviewService,
  ) {}

  // ── reads ──────────────────────────────────────────────────────────────────────────────────────

  async list(status?: RolloutStatus) {
    const rows = await this.prisma.rollout.findMany({
      where: status ? { status } : {},
      orderBy: { createdAt: 'desc' },
      take: 200,
      include: { createdBy: { select: { name: true } } },
    });
    return { items: rows.map((row) => ({ ...this.view(row), createdByName: row.createdBy?.name ?? null })) };
  }

  /** Robots a target names (groups ∪ tags ∪ ids), each once. */
  async countTargets(target: RolloutSpec['target']) {
    return { robots: (await this.resolveTargets(this.prisma, { target } as RolloutSpec)).length };
  }

  /** A rollout's members with their step, state and whether they acknowledged their revert. */
  async robots(id: string, query: { step?: number; state?: AssignmentState; limit: number; offset: number }) {
    if (!(await this.prisma.rollout.findUnique({ where: { id }, select: { id: true } })))
      throw new AppError('not_found', 'Rollout not found');
    const where = {
      rolloutId: id,
      ...(query.step !== undefined ? { stepIndex: query.step } : {}),
      ...(query.state ? { state: query.state } : {}),
    };
    const [total, rows] = await Promise.all([
      this.prisma.rolloutAssignment.count({ where }),
      this.prisma.rolloutAssignment.findMany({
        where,
        orderBy: [{ stepIndex: 'asc' }, { robot: { name: 'asc' } }, { robotId: 'asc' }],
        take: query.limit,
        skip: query.offset,
        include: { robot: { select: { name: true } } },
      }),
    ]);
    const reverts = rows.filter((r) => r.revertConfigVersion !== null);
    const confirmed = reverts.length
      ? await this.prisma.robotConfig.findMany({
          where: {
            OR: reverts.map((r) => ({ robotId: r.robotId, version: r.revertConfigVersion as number })),
            ackStatus: 'applied',
          },
          select: { robotId: true },
        })
      : [];
    const confirmedIds = new Set(confirmed.map((c) => c.robotId));
    return {
      total,
      items: rows.map((r) => ({
        robotId: r.robotId,
        name: r.robot.name,
        stepIndex: r.stepIndex,
        state: r.state,
        stateReason: r.stateReason,
        configVersion: r.configVersion,
        revertConfigVersion: r.revertConfigVersion,
        revertConfirmed: confirmedIds.has(r.robotId),
        updatedAt: r.updatedAt,
      })),
    };
  }

  async get(id: string) {
    const rollout = await this.prisma.rollout.findUnique({
      where: { id },
      include: { createdBy: { select: { name: true } } },
    });
    if (!rollout) throw new AppError('not_found', 'Rollout not found');
    const [states, verdicts, confirmedReverts] = await Promise.all([
      this.prisma.rolloutAssignment.groupBy({
        by: ['stepIndex', 'state'],
        where: { rolloutId: id },
        _count: { _all: true },
      }),
      this.prisma.rolloutVerdict.findMany({ where: { rolloutId: id }, orderBy: { id: 'asc' } }),
      this.prisma.$queryRaw<{ confirmed: bigint }[]>`
        SELECT count(*) AS confirmed FROM rollout_assignment a
          JOIN robot_config c ON c.robot_id = a.robot_id AND c.version = a.revert_config_version
         WHERE a.rollout_id = ${id}::uuid AND c.ack_status = 'applied'`,
    ]);
    const steps = (rollout.spec as RolloutSpec).steps.map((step, index) => ({
      ...step,
      index,
      robots: Object.fromEntries(
        states.filter((s) => s.stepIndex === index).map((s) => [s.state, s._count._all] as const),
      ),
    }));
    const reverted = states.filter((s) => s.state === 'reverted').reduce((sum, s) => sum + s._count._all, 0);
    return {
      ...this.view(rollout),
      createdByName: rollout.createdBy?.name ?? null,
      steps,
      verdicts: verdicts.map((v) => ({ ...v, id: v.id.toString() })),
      revert: { reverted, confirmed: Number(confirmedReverts[0]?.confirmed ?? 0) },
    };
  }

  /** Dry run: predicted write rate and flash life per cohort under the new τ (nothing changes). */
  async preview(input: { spec?: unknown; rolloutId?: string }, windowMinutes: number) {
    let spec: RolloutSpec;
    if (input.rolloutId) {
      const rollout = await this.prisma.rollout.findUnique({ where: { id: input.rolloutId } });
      if (!rollout) throw new AppError('not_found', 'Rollout not found');
      spec = rollout.spec as RolloutSpec;
    } else {
      spec = this.parseSpec(input.spec);
    }
    const targets = await this.resolveTargets(this.prisma, spec);
    return {
      targets: targets.length,
      ...(await this.previews.preview(spec, targets, input.rolloutId, windowMinutes)),
    };
  }

  // ── operator verbs ─────────────────────────────────────────────────────────────────────────────

  async create(operator: OperatorPrincipal, input: { name: string; spec: unknown }, requestId: string) {
    const spec = this.parseSpec(input.spec);
    return this.prisma.$transaction(async (tx) => {
      if (!(await tx.gatePolicyVersion.findUnique({ where: { id: spec.policyVersionId } }))) {
        throw new AppError('validation_failed', 'Unknown policy version', [
          { path: 'spec.policyVersionId', message: 'no such policy version' },
        ]);
      }
      const targets = await this.resolveTargets(tx, spec);
      if (targets.length === 0) {
        throw new AppError('validation_failed', 'The target matches no robot', [
          { path: 'spec.target', message: 'matches no robot' },
        ]);
      }
      const rollout = await tx.rollout.create({
        data: {
          name: input.name,
          policyVersionId: spec.policyVersionId,
          spec: spec as unknown as Prisma.InputJsonValue,
          createdById: operator.operatorId,
        },
      });
      await this.audit.recordOperator(tx, operator, {
        action: 'rollout.create',
        targetType: 'rollout',
        targetId: rollout.id,
        after: { name: rollout.name, spec, targets: targets.length },
        requestId,
      });
      return { ...this.view(rollout), targets: targets.length };
    });
  }

  async act(operator: OperatorPrincipal, id: string, verb: RolloutVerb, reason: string, requestId: string) {
    const outcome = await this.prisma
      .$transaction(async (tx) => {
        const rollout = await this.lock(tx, id);
        const before = { status: rollout.status, currentStep: rollout.current_step };
        const result = await this.apply(tx, rollout, verb, reason);
        if (result.changed) {
          await this.audit.recordOperator(tx, operator, {
            action: `rollout.${verb}`,
            targetType: 'rollout',
            targetId: id,
            before,
            after: { status: result.status, currentStep: result.currentStep },
            reason,
            requestId,
          });
        }
        return result;
      })
      .catch((error: unknown) => {
        // Two rollouts racing for the same robot: the partial unique index decides; report it as such.
        if (JSON.stringify((error as { meta?: unknown }).meta ?? '').includes('23505')) {
          throw new AppError(
            'conflict',
            'Target robots were just claimed by another active rollout; try again',
          );
        }
        throw error;
      });
    await this.afterCommit(id, outcome, requestId);
    return this.get(id);
  }

  private async apply(
    tx: Tx,
    rollout: LockedRollout,
    verb: RolloutVerb,
    reason: string,
  ): Promise<Transition> {
    const unchanged = (): Transition => ({
      changed: false,
      status: rollout.status,
      currentStep: rollout.current_step,
      revision: rollout.revision,
      evaluateAfter: null,
      announce: [],
    });
    switch (verb) {
      case 'start':
        if (rollout.status !== 'draft') {
          if (ACTIVE.includes(rollout.status)) return unchanged();
          throw new AppError('conflict', `A ${rollout.status} rollout cannot be started`);
        }
        return this.startRollout(tx, rollout, reason);
      case 'pause':
        if (rollout.status === 'paused') return unchanged();
        this.requireStatus(rollout, ['running'], 'paused');
        return this.update(tx, rollout, {
          status: 'paused',
          statusReason: `paused: ${reason}`,
          evaluateAfter: null,
        });
      case 'resume': {
        if (rollout.status === 'running') return unchanged();
        this.requireStatus(rollout, ['paused'], 'resumed');
        return this.enterStep(tx, rollout, rollout.current_step, `resumed: ${reason}`, { status: 'running' });
      }
      case 'promote':
        this.requireStatus(rollout, ['running'], 'promoted');
        return this.advance(tx, rollout, `promoted by an operator: ${reason}`);
      case 'abort':
        if (rollout.status === 'aborted') return unchanged();
        this.requireStatus(rollout, ['draft', 'running', 'paused'], 'aborted');
        return this.revertAll(tx, rollout, 'aborted', `aborted: ${reason}`);
    }
  }

  // ── scheduled work (worker) ────────────────────────────────────────────────────────────────────

  /** Evaluates the current step's health and moves the rollout on; stale jobs are no-ops. */
  async evaluate(rolloutId: string, revision: number, correlationId: string): Promise<string> {
    const outcome = await this.prisma.$transaction(async (tx) => {
      const rollout = await this.lock(tx, rolloutId);
      if (rollout.status !== 'running' || rollout.revision !== revision) return undefined;
      const spec = rollout.spec;
      const step = rollout.current_step;
      if (rollout.step_started_at === null) {
        // The step is still being switched (rate limit or apply window): continue, no verdict yet.
        return this.enterStep(tx, rollout, step, `switching step ${step + 1}`);
      }
      const now = new Date();
      const stepStart = rollout.step_started_at ?? now;
      const assignments = await tx.rolloutAssignment.findMany({
        where: { rolloutId },
        select: { robotId: true, stepIndex: true, configVersion: true },
      });
      const cohortIds = assignments
        .filter((a) => a.stepIndex <= step && a.configVersion !== null)
        .map((a) => a.robotId);
      const controlIds = assignments.filter((a) => a.stepIndex > step).map((a) => a.robotId);
      const cohort = await this.stats.cohortStats(cohortIds, stepStart, now, rollout.policy_version_id);
      let comparison: 'control' | 'baseline' = 'control';
      let reference = await this.stats.cohortStats(controlIds, stepStart, now, null);
      if (controlIds.length === 0) {
        // The last step leaves no control robots: compare with the cohort's own pre-rollout window.
        comparison = 'baseline';
        const startedAt = rollout.started_at ?? stepStart;
        const lookbackMs = Math.max(600_000, (spec.steps[step]?.bakeSeconds ?? 0) * 1000);
        reference = await this.stats.cohortStats(
          cohortIds,
          new Date(startedAt.getTime() - lookbackMs),
          startedAt,
          null,
        );
      }
      // The bake is over: members that never acknowledged are timed out (still reporting, on their
      // old config) or unreachable (silent). A later ack still moves them on.
      await tx.$executeRaw`
        UPDATE rollout_assignment a
           SET state = CASE WHEN EXISTS (
                 SELECT 1 FROM telemetry_record t WHERE t.robot_id = a.robot_id AND t.window_start >= ${stepStart})
               THEN 'timed_out'::assignment_state ELSE 'unreachable'::assignment_state END,
               state_reason = 'no acknowledgement by the end of the bake', updated_at = now()
         WHERE a.rollout_id = ${rolloutId}::uuid AND a.step_index <= ${step}
           AND a.config_version IS NOT NULL AND a.state IN ('pending', 'delivered')`;
      const verdict = evaluateRolloutHealth(cohort, reference, spec.gates, comparison);
      await tx.rolloutVerdict.create({
        data: {
          rolloutId,
          stepIndex: step,
          result: verdict.result,
          comparison: verdict.comparison,
          reason: verdict.reason,
          numbers: JSON.parse(JSON.stringify(verdict.numbers, (_, v) => (v === Infinity ? null : v))),
        },
      });
      this.logger.info({ rolloutId, step, correlationId, result: verdict.result }, verdict.reason);
      if (verdict.result === 'pass')
        return this.advance(tx, rollout, `step ${step + 1} passed: ${verdict.reason}`);
      if (verdict.result === 'fail') {
        return spec.onFailure === 'rollback'
          ? this.revertAll(
              tx,
              rollout,
              'rolled_back',
              `health gate failed at step ${step + 1}: ${verdict.reason}`,
            )
          : this.update(tx, rollout, {
              status: 'paused',
              statusReason: `health gate failed at step ${step + 1}: ${verdict.reason}`,
              evaluateAfter: null,
            });
      }
      const deadline =
        stepStart.getTime() +
        ((spec.steps[step]?.bakeSeconds ?? 0) + spec.inconclusiveDeadlineSeconds) * 1000;
      if (now.getTime() >= deadline) {
        return this.update(tx, rollout, {
          status: 'paused',
          statusReason: `inconclusive past its deadline at step ${step + 1}: ${verdict.reason}`,
          evaluateAfter: null,
        });
      }
      return this.update(tx, rollout, {
        statusReason: `waiting for data at step ${step + 1}: ${verdict.reason}`,
        evaluateAfter: new Date(
          Math.min(deadline, now.getTime() + retryInconclusiveMs(spec.steps[step]?.bakeSeconds ?? 0)),
        ),
      });
    });
    if (!outcome) return 'stale';
    await this.afterCommit(rolloutId, outcome, correlationId);
    return outcome.status;
  }

  /** Rebuilds the evaluation job of every running rollout from PostgreSQL (after Redis lost them). */
  async reconcile(correlationId: string): Promise<number> {
    const running = await this.prisma.rollout.findMany({
      where: { status: 'running', evaluateAfter: { not: null } },
      select: { id: true, revision: true, evaluateAfter: true },
    });
    for (const rollout of running) {
      await this.jobs.scheduleEvaluation(rollout.id, rollout.revision, rollout.evaluateAfter, correlationId);
    }
    return running.length;
  }

  // ── transitions ────────────────────────────────────────────────────────────────────────────────

  private async startRollout(tx: Tx, rollout: LockedRollout, reason: string): Promise<Transition> {
    const spec = rollout.spec;
    const targets = await this.resolveTargets(tx, spec);
    if (targets.length === 0) throw new AppError('conflict', 'The target matches no robot any more');
    const busy = await tx.$queryRaw<{ name: string; robots: bigint }[]>`
      SELECT r.name, count(*) AS robots FROM rollout_assignment a JOIN rollout r ON r.id = a.rollout_id
       WHERE a.active AND a.robot_id = ANY(${targets}::uuid[]) AND a.rollout_id <> ${rollout.id}::uuid
       GROUP BY r.name`;
    if (busy.length > 0) {
      throw new AppError(
        'conflict',
        `Target robots are already in an active rollout: ${busy.map((b) => `${b.robots} in "${b.name}"`).join(', ')}`,
        busy.map((b) => ({
          path: 'spec.target',
          message: `${b.robots} robot(s) in active rollout "${b.name}"`,
        })),
      );
    }
    const cohorts = assignRolloutCohorts(rollout.id, targets, spec.steps);
    await tx.$executeRaw`
      INSERT INTO rollout_assignment (rollout_id, robot_id, step_index, previous_policy_version_id)
      SELECT ${rollout.id}::uuid, t.robot_id, t.step_index, r.desired_policy_version_id
        FROM unnest(${[...cohorts.keys()]}::uuid[], ${[...cohorts.values()]}::int[]) AS t(robot_id, step_index)
        JOIN robot r ON r.id = t.robot_id`;
    return this.enterStep(tx, rollout, 0, `started: ${reason}`, { status: 'running', startedAt: new Date() });
  }

  /** Moves to the next step (delivering its cohort), or finishes the rollout after the last one. */
  private async advance(tx: Tx, rollout: LockedRollout, reason: string): Promise<Transition> {
    const next = rollout.current_step + 1;
    if (next >= rollout.spec.steps.length) {
      await tx.rolloutAssignment.updateMany({
        where: { rolloutId: rollout.id, state: 'applied' },
        data: { state: 'verified' },
      });
      await tx.rolloutAssignment.updateMany({ where: { rolloutId: rollout.id }, data: { active: false } });
      // Done: the robots keep the new version but are no longer held (fleet-default changes reach them).
      await tx.robot.updateMany({
        where: { desiredRolloutId: rollout.id },
        data: { desiredRolloutId: null },
      });
      return this.update(tx, rollout, {
        status: 'succeeded',
        statusReason: reason,
        endedAt: new Date(),
        evaluateAfter: null,
      });
    }
    await tx.rolloutAssignment.updateMany({
      where: { rolloutId: rollout.id, stepIndex: { lte: rollout.current_step }, state: 'applied' },
      data: { state: 'verified' },
    });
    return this.enterStep(tx, rollout, next, reason);
  }

  /**
   * Switches step `index`'s robots — all at once, or in batches under the spec's rate limit, and only
   * inside its apply window — and starts the bake once every robot of the step has its config.
   */
  private async enterStep(
    tx: Tx,
    rollout: LockedRollout,
    index: number,
    reason: string,
    extra: { status?: RolloutStatus; startedAt?: Date } = {},
  ): Promise<Transition> {
    const now = new Date();
    const delivery = await this.deliverBatch(tx, rollout, index, now);
    if (delivery.nextAt) {
      const transition = await this.update(tx, rollout, {
        ...extra,
        currentStep: index,
        statusReason: `${reason}; step ${index + 1}: ${delivery.note}`,
        stepStartedAt: null,
        evaluateAfter: delivery.nextAt,
      });
      return { ...transition, announce: delivery.announce };
    }
    const transition = await this.update(tx, rollout, {
      ...extra,
      currentStep: index,
      statusReason: reason,
      stepStartedAt: now,
      evaluateAfter: new Date(now.getTime() + (rollout.spec.steps[index]?.bakeSeconds ?? 0) * 1000),
    });
    return { ...transition, announce: delivery.announce };
  }

  /**
   * Returns every cohort member's desired config to its previous policy version in this transaction;
   * robots that come back later simply find the reverted config. Members never switched become
   * `skipped`.
   */
  private async revertAll(
    tx: Tx,
    rollout: LockedRollout,
    status: 'aborted' | 'rolled_back',
    reason: string,
  ): Promise<Transition> {
    const switched = await tx.rolloutAssignment.findMany({
      where: { rolloutId: rollout.id, configVersion: { not: null }, state: { not: 'reverted' } },
      select: { robotId: true, previousPolicyVersionId: true },
    });
    const settings = await tx.fleetSettings.findUnique({ where: { id: 1 } });
    const byVersion = new Map<string, string[]>();
    for (const a of switched) {
      const version = a.previousPolicyVersionId ?? settings?.defaultPolicyVersionId;
      if (!version) continue;
      byVersion.set(version, [...(byVersion.get(version) ?? []), a.robotId]);
    }
    const announce: string[] = [];
    for (const [version, robotIds] of byVersion)
      announce.push(...(await this.configs.issue(tx, robotIds, version)));
    await tx.$executeRaw`
      UPDATE rollout_assignment a
         SET state = 'reverted', revert_config_version = r.desired_config_version, updated_at = now()
        FROM robot r
       WHERE a.rollout_id = ${rollout.id}::uuid AND r.id = a.robot_id AND a.robot_id = ANY(${announce}::uuid[])`;
    // members whose step was never switched never got the config: skipped, not pending
    await tx.rolloutAssignment.updateMany({
      where: { rolloutId: rollout.id, configVersion: null, state: 'pending' },
      data: { state: 'skipped' },
    });
    await tx.rolloutAssignment.updateMany({ where: { rolloutId: rollout.id }, data: { active: false } });
    const transition = await this.update(tx, rollout, {
      status,
      statusReason: reason,
      endedAt: new Date(),
      evaluateAfter: null,
    });
    return { ...transition, announce };
  }

  /**
   * Issues the new version to the next robots of step `index` that do not have it yet: none outside
   * the apply window, at most `rateLimitPerMinute` per call otherwise. `nextAt` is when to continue
   * (undefined once the whole step is switched).
   */
  private async deliverBatch(
    tx: Tx,
    rollout: LockedRollout,
    index: number,
    now: Date,
  ): Promise<{ announce: string[]; nextAt?: Date; note: string }> {
    const spec = rollout.spec;
    const pending = await tx.rolloutAssignment.findMany({
      // Earlier steps' leftovers first (a promote may have cut a batched delivery short).
      where: { rolloutId: rollout.id, stepIndex: { lte: index }, configVersion: null },
      select: { robotId: true },
      orderBy: [{ stepIndex: 'asc' }, { robotId: 'asc' }],
    });
    if (pending.length === 0) return { announce: [], note: 'switched' };
    if (!insideApplyWindow(spec.applyWindow, now)) {
      const window = spec.applyWindow!;
      return {
        announce: [],
        nextAt: nextWindowStart(window.start, now),
        note: `waiting for the apply window ${window.start}–${window.end} UTC (${pending.length} robots to switch)`,
      };
    }
    const batch = pending.slice(0, spec.rateLimitPerMinute ?? pending.length).map((m) => m.robotId);
    const announce = await this.configs.issue(tx, batch, rollout.policy_version_id, rollout.id);
    await tx.$executeRaw`
      UPDATE rollout_assignment a SET config_version = r.desired_config_version, updated_at = now()
        FROM robot r
       WHERE a.rollout_id = ${rollout.id}::uuid AND r.id = a.robot_id AND a.robot_id = ANY(${batch}::uuid[])`;
    const remaining = pending.length - batch.length;
    return remaining > 0
      ? {
          announce,
          nextAt: new Date(now.getTime() + 60_000),
          note: `switched ${batch.length} robots, ${remaining} to go at ${spec.rateLimitPerMinute} per minute`,
        }
      : { announce, note: 'switched' };
  }

  private async update(
    tx: Tx,
    rollout: LockedRollout,
    data: {
      status?: RolloutStatus;
      statusReason?: string;
      currentStep?: number;
      startedAt?: Date;
      stepStartedAt?: Date | null;
      endedAt?: Date;
      evaluateAfter?: Date | null;
    },
  ): Promise<Transition> {
    const updated = await tx.rollout.update({
      where: { id: rollout.id },
      data: {
        ...data,
        ...(data.statusReason ? { statusReason: data.statusReason.slice(0, 2000) } : {}),
        revision: { increment: 1 },
      },
    });
    return {
      changed: true,
      status: updated.status,
      currentStep: updated.currentStep,
      revision: updated.revision,
      evaluateAfter: updated.evaluateAfter,
      announce: [],
    };
  }

  private async afterCommit(rolloutId: string, outcome: Transition, correlationId: string) {
    if (outcome.announce.length > 0) await this.configs.announce(outcome.announce);
    if (outcome.changed && outcome.status === 'running' && outcome.evaluateAfter) {
      await this.jobs.scheduleEvaluation(rolloutId, outcome.revision, outcome.evaluateAfter, correlationId);
    }
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────

  private parseSpec(input: unknown): RolloutSpec {
    const parsed = RolloutSpecSchema.safeParse(input);
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => ({
        path: ['spec', ...issue.path]
          .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
          .join(''),
        message: issue.message,
      }));
      throw new AppError(
        'validation_failed',
        `Invalid rollout spec: ${details[0]?.path} ${details[0]?.message}`,
        details,
      );
    }
    const spec = parsed.data;
    return spec;
  }

  private async resolveTargets(tx: Tx | PrismaService, spec: RolloutSpec): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT r.id FROM robot r
       WHERE r.id = ANY(${spec.target.robotIds}::uuid[])
          OR r.tags && ${spec.target.tags}::text[]
          OR r.id IN (SELECT robot_id FROM robot_group_member WHERE group_id = ANY(${spec.target.groupIds}::uuid[]))
       ORDER BY r.id`;
    return rows.map((row) => row.id);
  }

  private async lock(tx: Tx, id: string): Promise<LockedRollout> {
    const [row] = await tx.$queryRaw<LockedRollout[]>`
      SELECT id, name, status, policy_version_id, spec, current_step, step_started_at, started_at, revision
        FROM rollout WHERE id = ${id}::uuid FOR UPDATE`;
    if (!row) throw new AppError('not_found', 'Rollout not found');
    return row;
  }

  private requireStatus(rollout: LockedRollout, allowed: RolloutStatus[], verb: string) {
    if (!allowed.includes(rollout.status)) {
      throw new AppError('conflict', `A ${rollout.status} rollout cannot be ${verb}`);
    }
  }

  private view(row: {
    id: string;
    name: string;
    policyVersionId: string;
    status: RolloutStatus;
    spec: unknown;
    currentStep: number;
    stepStartedAt: Date | null;
    evaluateAfter: Date | null;
    revision: number;
    statusReason: string | null;
    createdById: string | null;
    createdAt: Date;
    startedAt: Date | null;
    endedAt: Date | null;
  }) {
    return {
      id: row.id,
      name: row.name,
      policyVersionId: row.policyVersionId,
      status: row.status,
      spec: row.spec as RolloutSpec,
      currentStep: row.currentStep,
      stepStartedAt: row.stepStartedAt,
      evaluateAfter: row.evaluateAfter,
      revision: row.revision,
      statusReason: row.statusReason,
      createdById: row.createdById,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
    };
  }
}

interface Transition {
  changed: boolean;
  status: RolloutStatus;
  currentStep: number;
  revision: number;
  evaluateAfter: Date | null;
  /** Robots whose desired config changed (wake their long-polls after commit). */
  announce: string[];
}

/** The next time (after `now`) the daily UTC clock shows `hhmm`. */
function nextWindowStart(hhmm: string, now: Date): Date {
  const next = new Date(now);
  next.setUTCHours(Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)), 0, 0);
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}
