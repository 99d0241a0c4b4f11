import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { toWirePersistMode } from '../../common/persist-mode.js';
import { Transactions } from '../../infrastructure/database.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { RolloutLifecycleService } from '../rollouts/rollout-lifecycle.service.js';
import { AutopilotProposalsRepository, type ProposalPredicted } from './autopilot-proposals.repository.js';

/**
 * An operator's decisions on the autopilot's pending proposals: approve starts the proposal's rollout
 * (its health gates and control cohort as proposed), dismiss aborts its draft and blocks the move for
 * its robots. Both move the rollout through the rollouts module's lifecycle as the deciding operator,
 * and are audited.
 */
@Injectable()
export class AutopilotDecisionsService {
  constructor(
    @Inject(AutopilotProposalsRepository) private readonly proposals: AutopilotProposalsRepository,
    @Inject(RolloutLifecycleService) private readonly rollouts: RolloutLifecycleService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Transactions) private readonly transactions: Transactions,
  ) {}

  /** Starts a pending proposal's rollout (its health gates and control cohort as proposed). */
  async approve(operator: OperatorPrincipal, id: string, reason: string, requestId: string) {
    const proposal = await this.pendingProposal(id, 'approved');
    if (proposal.status === 'started') return { id, status: 'started' as const };
    await this.rollouts.act(
      operator,
      proposal.rolloutId!,
      'start',
      `autopilot proposal approved: ${reason}`,
      requestId,
    );
    await this.transactions.run(async () => {
      await this.proposals.setStatus(id, {
        status: 'started',
        decidedAt: new Date(),
        decidedById: operator.operatorId,
      });
      await this.audit.recordOperator(operator, {
        action: 'autopilot.proposal.approve',
        targetType: 'autopilot_proposal',
        targetId: id,
        before: { status: 'pending' },
        after: { status: 'started', rolloutId: proposal.rolloutId },
        reason,
        requestId,
      });
    });
    return { id, status: 'started' as const };
  }

  /** Aborts a pending proposal's draft; the move is not proposed again for its robots until inputs change. */
  async dismiss(operator: OperatorPrincipal, id: string, reason: string, requestId: string) {
    const proposal = await this.pendingProposal(id, 'dismissed');
    if (proposal.status === 'dismissed') return { id, status: 'dismissed' as const };
    await this.rollouts.act(
      operator,
      proposal.rolloutId!,
      'abort',
      `autopilot proposal dismissed: ${reason}`,
      requestId,
    );
    const predicted = proposal.predicted as unknown as ProposalPredicted;
    await this.transactions.run(async () => {
      await this.proposals.setStatus(id, {
        status: 'dismissed',
        outcomeReason: `dismissed by ${operator.name}: ${reason}`,
        decidedAt: new Date(),
        decidedById: operator.operatorId,
      });
      await this.proposals.addBlocks(
        id,
        {
          tau: proposal.tau,
          persistMode: toWirePersistMode(proposal.persistMode),
        },
        predicted.robots,
        predicted.curveSha256,
        `dismissed by ${operator.name}: ${reason}`,
      );
      await this.audit.recordOperator(operator, {
        action: 'autopilot.proposal.dismiss',
        targetType: 'autopilot_proposal',
        targetId: id,
        before: { status: 'pending' },
        after: { status: 'dismissed', blockedRobots: predicted.robots.length },
        reason,
        requestId,
      });
    });
    return { id, status: 'dismissed' as const };
  }

  private async pendingProposal(id: string, verb: 'approved' | 'dismissed') {
    const proposal = await this.transactions.run(() => this.proposals.lock(id));
    if (!proposal) throw new AppError('not_found', 'Autopilot proposal not found');
    const repeat = verb === 'approved' ? 'started' : 'dismissed';
    if (proposal.status !== 'pending' && proposal.status !== repeat) {
      throw new AppError('conflict', `A ${proposal.status} proposal cannot be ${verb}`);
    }
    if (!proposal.rolloutId) throw new AppError('conflict', 'The proposal’s rollout no longer exists');
    return proposal;
  }
}
