import { checkRolloutVerb, type RolloutSpec, type RolloutVerb } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { Transactions } from '../../infrastructure/database.js';
import { DeliveryTiming } from '../agent-config/delivery-timing.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, operatorIdOf } from '../auth/auth.types.js';
import { ROLLOUT_TRANSACTION, RolloutEngine, type Transition } from './rollout-engine.service.js';
import { RolloutQueriesService } from './rollout-queries.service.js';
import { type LockedRollout, RolloutsRepository } from './rollouts.repository.js';

const PAST: Record<RolloutVerb, string> = {
  start: 'started',
  pause: 'paused',
  resume: 'resumed',
  promote: 'promoted',
  abort: 'aborted',
};

/** Whether a write failed on a unique index (PostgreSQL 23505), as Prisma reports it. */
const isUniqueViolation = (error: unknown) =>
  JSON.stringify((error as { meta?: unknown }).meta ?? '').includes('23505');

/**
 * What operators (or the system, e.g. the flash-life autopilot) do to rollouts: create a draft, and the verbs (start, pause, resume, promote,
 * abort). Which verb a status accepts is core's ROLLOUT_VERBS_BY_STATUS; a verb repeated on a rollout
 * already in its target state changes nothing. Each change is audited in its transaction.
 */
@Injectable()
export class RolloutLifecycleService {
  constructor(
    @Inject(RolloutsRepository) private readonly rollouts: RolloutsRepository,
    @Inject(RolloutEngine) private readonly engine: RolloutEngine,
    @Inject(RolloutQueriesService) private readonly queries: RolloutQueriesService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(DeliveryTiming) private readonly timing: DeliveryTiming,
  ) {}

  async create(actor: Actor, input: { name: string; spec: RolloutSpec }, requestId: string) {
    const { spec } = input;
    return this.transactions.run(async () => {
      if (!(await this.rollouts.policyVersion(spec.policyVersionId))) {
        throw new AppError('validation_failed', 'Unknown policy version', [
          { path: 'spec.policyVersionId', message: 'no such policy version' },
        ]);
      }
      const targets = await this.rollouts.resolveTargets(spec.target);
      if (targets.length === 0) {
        throw new AppError('validation_failed', 'The target matches no robot', [
          { path: 'spec.target', message: 'matches no robot' },
        ]);
      }
      const rollout = await this.rollouts.create({
        name: input.name,
        spec,
        createdById: operatorIdOf(actor),
      });
      await this.audit.recordActor(actor, {
        action: 'rollout.create',
        targetType: 'rollout',
        targetId: rollout.id,
        after: { name: rollout.name, spec, targets: targets.length },
        requestId,
      });
      return { ...RolloutQueriesService.view(rollout), targets: targets.length };
    });
  }

  /** Applies `verb` with the operator's reason, then answers with the rollout as it now is. */
  async act(actor: Actor, id: string, verb: RolloutVerb, reason: string, requestId: string) {
    const startedAt = Date.now();
    const outcome = await this.transactions
      .run(async () => {
        const rollout = await this.engine.lock(id);
        const before = { status: rollout.status, currentStep: rollout.currentStep };
        const result = await this.transition(rollout, verb, reason);
        if (result.changed) {
          await this.audit.recordActor(actor, {
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
      }, ROLLOUT_TRANSACTION)
      .catch((error: unknown) => {
        // Two rollouts racing for the same robot: the partial unique index decides; report it as such.
        if (isUniqueViolation(error)) {
          throw new AppError(
            'conflict',
            'Target robots were just claimed by another active rollout; try again',
          );
        }
        throw error;
      });
    const committedAt = Date.now();
    const { announcedAt, verifiedAt } = await this.engine.afterCommit(id, outcome, requestId);
    const view = await this.queries.get(id);
    if (outcome.announce.length > 0) {
      // Where a step's time goes before its robots can be woken (read by `pnpm bench rollout`).
      const { phases } = outcome;
      const answeredAt = Date.now();
      this.timing.step(
        {
          rolloutId: id,
          verb,
          step: outcome.currentStep,
          robots: outcome.announce.length,
          startedAt,
          committedAt,
          announcedAt,
          verifiedAt,
          answeredAt,
          phases,
        },
        requestId,
      );
    }
    return view;
  }

  private transition(rollout: LockedRollout, verb: RolloutVerb, reason: string): Promise<Transition> {
    switch (checkRolloutVerb(rollout.status, verb)) {
      case 'repeat':
        return Promise.resolve({
          changed: false,
          status: rollout.status,
          currentStep: rollout.currentStep,
          revision: rollout.revision,
          evaluateAfter: null,
          announce: [],
        });
      case 'refused':
        throw new AppError('conflict', `A ${rollout.status} rollout cannot be ${PAST[verb]}`);
      case 'allowed':
        break;
    }
    switch (verb) {
      case 'start':
        return this.engine.start(rollout, `started: ${reason}`);
      case 'pause':
        return this.engine.pause(rollout, `paused: ${reason}`);
      case 'resume':
        return this.engine.resume(rollout, `resumed: ${reason}`);
      case 'promote':
        return this.engine.advance(rollout, `promoted by an operator: ${reason}`);
      case 'abort':
        return this.engine.revertAll(rollout, 'aborted', `aborted: ${reason}`);
    }
  }
}
