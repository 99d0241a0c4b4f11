import { assignRolloutCohorts, evaluateRolloutHealth, insideApplyWindow } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error.js';
import type { RolloutStatus } from '../../generated/prisma/enums.js';
import { Transactions } from '../../infrastructure/database.js';
import { LOGGER } from '../../infrastructure/logger.js';
import type { IssuedConfig } from '../agent-config/agent-config.repository.js';
import { DesiredConfigService } from '../agent-config/desired-config.service.js';
import { RolloutJobs } from './rollout-jobs.js';
import { RolloutMembersRepository } from './rollout-members.repository.js';
import { RolloutStatsRepository } from './rollout-stats.repository.js';
import { type LockedRollout, type RolloutChange, RolloutsRepository } from './rollouts.repository.js';

/** What a transition did, for the work that follows its commit. */
export interface Transition {
  changed: boolean;
  status: RolloutStatus;
  currentStep: number;
  revision: number;
  evaluateAfter: Date | null;
  /** Configs issued by the transition (announced after commit, carried in the change message). */
  announce: IssuedConfig[];
  /** Applied members of steps ≤ this become verified after commit (a step passed). */
  verifyThrough?: number;
  /** Milliseconds spent in the step's statements, by statement (logged as the step's timing). */
  phases?: Record<string, number>;
}

/**
 * Transitions touch every robot of a step or of the whole rollout in one transaction (a revert of
 * 10,000 robots issues 10,000 configs): they get more than Prisma's 5 s default, so a loaded database
 * slows them down instead of failing them half-way (each statement stays under the API's
 * DATABASE_STATEMENT_TIMEOUT_MS).
 */
export const ROLLOUT_TRANSACTION = { timeoutMs: 120_000 } as const;

/** An inconclusive step is looked at again after its bake time, between 1 and 15 seconds. */
const retryInconclusiveMs = (bakeSeconds: number) => Math.min(15_000, Math.max(1_000, bakeSeconds * 1000));

/**
 * The step engine of staged rollouts (DESIGN.md §6): the transitions (start, advance, switch a step,
 * revert), the worker's scheduled evaluation of a step's health, and the reconciler. Every transition
 * runs on a rollout row locked by the caller's transaction and bumps its revision, so repeated, late
 * or concurrent calls from any number of API and worker processes are harmless. BullMQ only wakes the
 * worker when an evaluation is due.
 */
@Injectable()
export class RolloutEngine {
  constructor(
    @Inject(RolloutsRepository) private readonly rollouts: RolloutsRepository,
    @Inject(RolloutMembersRepository) private readonly members: RolloutMembersRepository,
    @Inject(RolloutStatsRepository) private readonly stats: RolloutStatsRepository,
    @Inject(DesiredConfigService) private readonly configs: DesiredConfigService,
    @Inject(RolloutJobs) private readonly jobs: RolloutJobs,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The rollout row, locked for a transition in the current transaction (404 when missing). */
  async lock(id: string): Promise<LockedRollout> {
    const rollout = await this.rollouts.lock(id);
    if (!rollout) throw new AppError('not_found', 'Rollout not found');
    return rollout;
  }

  /** Assigns cohorts ("once in, stay in") and switches the first step. */
  async start(rollout: LockedRollout, reason: string): Promise<Transition> {
    const targets = await this.rollouts.resolveTargets(rollout.spec.target);
    if (targets.length === 0) throw new AppError('conflict', 'The target matches no robot any more');
    const busy = await this.members.busyElsewhere(rollout.id, targets);
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
    await this.members.insert(rollout.id, assignRolloutCohorts(rollout.id, targets, rollout.spec.steps));
    return this.enterStep(rollout, 0, reason, { status: 'running', startedAt: new Date() });
  }

  pause(rollout: LockedRollout, reason: string): Promise<Transition> {
    return this.update(rollout, { status: 'paused', statusReason: reason, evaluateAfter: null });
  }

  /** Bakes the current step again (switching what is left of it first), then evaluates. */
  resume(rollout: LockedRollout, reason: string): Promise<Transition> {
    return this.enterStep(rollout, rollout.currentStep, reason, { status: 'running' });
  }

  /** Moves to the next step (delivering its cohort), or finishes the rollout after the last one. */
  async advance(rollout: LockedRollout, reason: string): Promise<Transition> {
    const next = rollout.currentStep + 1;
    if (next >= rollout.spec.steps.length) {
      await this.members.verifyApplied(rollout.id);
      await this.members.deactivate(rollout.id);
      // Done: the robots keep the new version but are no longer held (fleet-default changes reach them).
      await this.rollouts.release(rollout.id);
      return this.update(rollout, {
        status: 'succeeded',
        statusReason: reason,
        endedAt: new Date(),
        evaluateAfter: null,
      });
    }
    // The passed step's members become verified after commit (afterCommit), off the next step's path.
    return { ...(await this.enterStep(rollout, next, reason)), verifyThrough: rollout.currentStep };
  }

  /**
   * Returns every switched member's desired config to what it should run now, in this transaction:
   * the current fleet default when the default changed since the rollout started, else the version
   * it ran before (RolloutMembersRepository.revertTargets). Robots that come back later simply find
   * the reverted config. Members never switched become `skipped`.
   */
  async revertAll(
    rollout: LockedRollout,
    status: 'aborted' | 'rolled_back',
    reason: string,
  ): Promise<Transition> {
    const members = await this.members.revertTargets(rollout.id, rollout.startedAt);
    const byVersion = new Map<string, string[]>();
    for (const { robotId, target } of members) {
      if (!target) continue;
      const robots = byVersion.get(target);
      if (robots) robots.push(robotId);
      else byVersion.set(target, [robotId]);
    }
    const announce: IssuedConfig[] = [];
    for (const [version, robotIds] of byVersion)
      announce.push(...(await this.configs.issue(robotIds, version)));
    await this.members.markReverted(
      rollout.id,
      announce.map((config) => config.robot_id),
    );
    await this.members.skipUnswitched(rollout.id);
    await this.members.deactivate(rollout.id);
    const transition = await this.update(rollout, {
      status,
      statusReason: reason,
      endedAt: new Date(),
      evaluateAfter: null,
    });
    return { ...transition, announce };
  }

  /**
   * Once committed: wakes the robots whose config changed, marks the passed step's applied members
   * verified, and schedules the next evaluation. A crash before the verification leaves those members
   * `applied` until the next step passes (each verification covers every earlier step) or the rollout
   * succeeds (which verifies all).
   */
  async afterCommit(
    rolloutId: string,
    outcome: Transition,
    correlationId: string,
  ): Promise<{ announcedAt: number; verifiedAt: number }> {
    if (outcome.announce.length > 0) await this.configs.announce(outcome.announce);
    const announcedAt = Date.now();
    if (outcome.verifyThrough !== undefined)
      await this.members.verifyApplied(rolloutId, outcome.verifyThrough);
    const verifiedAt = Date.now();
    if (outcome.changed && outcome.status === 'running' && outcome.evaluateAfter) {
      await this.jobs.scheduleEvaluation(rolloutId, outcome.revision, outcome.evaluateAfter, correlationId);
    }
    return { announcedAt, verifiedAt };
  }

  // ── scheduled work (worker) ────────────────────────────────────────────────────────────────────

  /** Evaluates the current step's health and moves the rollout on; stale jobs are no-ops. */
  async evaluate(rolloutId: string, revision: number, correlationId: string): Promise<string> {
    const outcome = await this.transactions.run(async () => {
      const rollout = await this.lock(rolloutId);
      if (rollout.status !== 'running' || rollout.revision !== revision) return undefined;
      if (rollout.stepStartedAt === null) {
        // The step is still being switched (rate limit or apply window): continue, no verdict yet.
        return this.enterStep(rollout, rollout.currentStep, `switching step ${rollout.currentStep + 1}`);
      }
      return this.judgeStep(rollout, rollout.stepStartedAt, correlationId);
    }, ROLLOUT_TRANSACTION);
    if (!outcome) return 'stale';
    await this.afterCommit(rolloutId, outcome, correlationId);
    return outcome.status;
  }

  /**
   * Rebuilds the evaluation job of every running rollout from PostgreSQL: after Redis lost them, and
   * after a job failed all its attempts (PostgreSQL down across a due evaluation).
   */
  async reconcile(correlationId: string): Promise<number> {
    const running = await this.rollouts.scheduled();
    for (const rollout of running) {
      await this.jobs.scheduleEvaluation(rollout.id, rollout.revision, rollout.evaluateAfter, correlationId, {
        recover: true,
      });
    }
    return running.length;
  }

  /** A baked step's verdict (stored with its numbers) and what follows from it. */
  private async judgeStep(rollout: LockedRollout, stepStart: Date, correlationId: string) {
    const { spec, currentStep: step } = rollout;
    const now = new Date();
    const assignments = await this.members.all(rollout.id);
    const cohortIds = assignments
      .filter((a) => a.stepIndex <= step && a.configVersion !== null)
      .map((a) => a.robotId);
    const controlIds = assignments.filter((a) => a.stepIndex > step).map((a) => a.robotId);
    const cohort = await this.stats.cohortStats(cohortIds, stepStart, now, rollout.policyVersionId);
    let comparison: 'control' | 'baseline' = 'control';
    let reference = await this.stats.cohortStats(controlIds, stepStart, now, null);
    if (controlIds.length === 0) {
      // The last step leaves no control robots: compare with the cohort's own pre-rollout window,
      // without windows already run on the new version (a robot switched within its first window).
      comparison = 'baseline';
      const startedAt = rollout.startedAt ?? stepStart;
      const lookbackMs = Math.max(600_000, (spec.steps[step]?.bakeSeconds ?? 0) * 1000);
      reference = await this.stats.cohortStats(
        cohortIds,
        new Date(startedAt.getTime() - lookbackMs),
        startedAt,
        null,
        rollout.policyVersionId,
      );
    }
    // The bake is over: members that never acknowledged are timed out or unreachable. A later ack
    // still moves them on.
    await this.members.expireUnacknowledged(rollout.id, step, stepStart);
    // Each evaluation of a waiting step spends part of the gates' 2.5 % (docs/rollouts.md, "Looks").
    const look = 1 + (await this.rollouts.testedLooks(rollout.id, step));
    const verdict = evaluateRolloutHealth(cohort, reference, spec.gates, comparison, look);
    await this.rollouts.insertVerdict({
      rolloutId: rollout.id,
      stepIndex: step,
      result: verdict.result,
      comparison: verdict.comparison,
      reason: verdict.reason,
      numbers: JSON.parse(JSON.stringify(verdict.numbers, (_, v) => (v === Infinity ? null : v))),
    });
    this.logger.info({ rolloutId: rollout.id, step, correlationId, result: verdict.result }, verdict.reason);
    const where = `step ${step + 1}`;
    if (verdict.result === 'pass') return this.advance(rollout, `${where} passed: ${verdict.reason}`);
    if (verdict.result === 'fail') {
      const reason = `health gate failed at ${where}: ${verdict.reason}`;
      return spec.onFailure === 'rollback'
        ? this.revertAll(rollout, 'rolled_back', reason)
        : this.update(rollout, { status: 'paused', statusReason: reason, evaluateAfter: null });
    }
    const bakeSeconds = spec.steps[step]?.bakeSeconds ?? 0;
    const deadline = stepStart.getTime() + (bakeSeconds + spec.inconclusiveDeadlineSeconds) * 1000;
    if (now.getTime() >= deadline) {
      return this.update(rollout, {
        status: 'paused',
        statusReason: `inconclusive past its deadline at ${where}: ${verdict.reason}`,
        evaluateAfter: null,
      });
    }
    return this.update(rollout, {
      statusReason: `waiting for data at ${where}: ${verdict.reason}`,
      evaluateAfter: new Date(Math.min(deadline, now.getTime() + retryInconclusiveMs(bakeSeconds))),
    });
  }

  // ── transitions ────────────────────────────────────────────────────────────────────────────────

  /**
   * Switches step `index`'s robots — all at once, or in batches under the spec's rate limit, and only
   * inside its apply window — and starts the bake once every robot of the step has its config.
   */
  private async enterStep(
    rollout: LockedRollout,
    index: number,
    reason: string,
    extra: { status?: RolloutStatus; startedAt?: Date } = {},
  ): Promise<Transition> {
    const now = new Date();
    const phases: Record<string, number> = {};
    const delivery = await this.deliverBatch(rollout, index, now, phases);
    const updateStart = Date.now();
    const transition = delivery.nextAt
      ? await this.update(rollout, {
          ...extra,
          currentStep: index,
          statusReason: `${reason}; step ${index + 1}: ${delivery.note}`,
          stepStartedAt: null,
          evaluateAfter: delivery.nextAt,
        })
      : await this.update(rollout, {
          ...extra,
          currentStep: index,
          statusReason: reason,
          stepStartedAt: now,
          evaluateAfter: new Date(now.getTime() + (rollout.spec.steps[index]?.bakeSeconds ?? 0) * 1000),
        });
    phases.updateMs = Date.now() - updateStart;
    return { ...transition, announce: delivery.announce, phases };
  }

  /**
   * Issues the new version to the next robots of step `index` that do not have it yet: none outside
   * the apply window, at most `rateLimitPerMinute` per call otherwise. `nextAt` is when to continue
   * (undefined once the whole step is switched).
   */
  private async deliverBatch(
    rollout: LockedRollout,
    index: number,
    now: Date,
    phases: Record<string, number>,
  ): Promise<{ announce: IssuedConfig[]; nextAt?: Date; note: string }> {
    const spec = rollout.spec;
    let mark = Date.now();
    const pending = await this.members.awaitingSwitch(rollout.id, index);
    phases.awaitingSwitchMs = Date.now() - mark;
    if (pending.length === 0) return { announce: [], note: 'switched' };
    if (spec.applyWindow && !insideApplyWindow(spec.applyWindow, now)) {
      const window = spec.applyWindow;
      return {
        announce: [],
        nextAt: nextWindowStart(window.start, now),
        note: `waiting for the apply window ${window.start}–${window.end} UTC (${pending.length} robots to switch)`,
      };
    }
    const batch = pending.slice(0, spec.rateLimitPerMinute ?? pending.length);
    mark = Date.now();
    const announce = await this.configs.issueForRollout(batch, rollout.policyVersionId, rollout.id);
    phases.issueMs = Date.now() - mark;
    const remaining = pending.length - batch.length;
    return remaining > 0
      ? {
          announce,
          nextAt: new Date(now.getTime() + 60_000),
          note: `switched ${batch.length} robots, ${remaining} to go at ${spec.rateLimitPerMinute} per minute`,
        }
      : { announce, note: 'switched' };
  }

  private async update(rollout: LockedRollout, change: RolloutChange): Promise<Transition> {
    const updated = await this.rollouts.update(rollout.id, change);
    return {
      changed: true,
      status: updated.status,
      currentStep: updated.currentStep,
      revision: updated.revision,
      evaluateAfter: updated.evaluateAfter,
      announce: [],
    };
  }
}

/** The next time (after `now`) the daily UTC clock shows `hhmm`. */
function nextWindowStart(hhmm: string, now: Date): Date {
  const next = new Date(now);
  next.setUTCHours(Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)), 0, 0);
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}
