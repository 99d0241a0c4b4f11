import type { RolloutSpec } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import type { RolloutStatus } from '../../generated/prisma/enums.js';
import { type MemberQuery, RolloutMembersRepository } from './rollout-members.repository.js';
import { RolloutPreviewService } from './rollout-preview.service.js';
import { RolloutsRepository } from './rollouts.repository.js';

interface RolloutRow {
  id: string;
  name: string;
  policyVersionId: string;
  status: RolloutStatus;
  spec: RolloutSpec;
  currentStep: number;
  stepStartedAt: Date | null;
  evaluateAfter: Date | null;
  revision: number;
  statusReason: string | null;
  createdById: string | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  createdBy?: { name: string } | null;
}

/** Reads of rollouts: the list, one rollout with its steps and verdicts, its members, previews. */
@Injectable()
export class RolloutQueriesService {
  constructor(
    @Inject(RolloutsRepository) private readonly rollouts: RolloutsRepository,
    @Inject(RolloutMembersRepository) private readonly members: RolloutMembersRepository,
    @Inject(RolloutPreviewService) private readonly previews: RolloutPreviewService,
  ) {}

  /** A rollout as the API shows it. */
  static view(row: RolloutRow) {
    return {
      id: row.id,
      name: row.name,
      policyVersionId: row.policyVersionId,
      status: row.status,
      spec: row.spec,
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

  async list(query: { status?: RolloutStatus | undefined; limit: number; offset: number }) {
    const { total, rows } = await this.rollouts.list(query.status, query);
    return {
      total,
      limit: query.limit,
      offset: query.offset,
      items: rows.map((row) => ({
        ...RolloutQueriesService.view(row),
        createdByName: row.createdBy?.name ?? null,
      })),
    };
  }

  async get(id: string) {
    const rollout = await this.rollouts.get(id);
    if (!rollout) throw new AppError('not_found', 'Rollout not found');
    const [states, verdicts, confirmed] = await Promise.all([
      this.members.stateCounts(id),
      this.rollouts.verdicts(id),
      this.members.confirmedRevertCount(id),
    ]);
    const steps = rollout.spec.steps.map((step, index) => ({
      ...step,
      index,
      robots: Object.fromEntries(
        states.filter((s) => s.stepIndex === index).map((s) => [s.state, s.robots] as const),
      ),
    }));
    const reverted = states.filter((s) => s.state === 'reverted').reduce((sum, s) => sum + s.robots, 0);
    return {
      ...RolloutQueriesService.view(rollout),
      createdByName: rollout.createdBy?.name ?? null,
      steps,
      verdicts: verdicts.map((v) => ({ ...v, id: v.id.toString() })),
      revert: { reverted, confirmed },
    };
  }

  /** A rollout's members with their step, state and whether they acknowledged their revert. */
  async robots(id: string, query: MemberQuery) {
    if (!(await this.rollouts.exists(id))) throw new AppError('not_found', 'Rollout not found');
    const { total, rows } = await this.members.page(id, query);
    const confirmed = await this.members.confirmedReverts(
      rows.flatMap((r) =>
        r.revertConfigVersion === null ? [] : [{ robotId: r.robotId, version: r.revertConfigVersion }],
      ),
    );
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
        revertConfirmed: confirmed.has(r.robotId),
        updatedAt: r.updatedAt,
      })),
    };
  }

  /** Robots a target names (groups ∪ tags ∪ ids), each once, narrowed by its agent facets. */
  async countTargets(target: RolloutSpec['target']) {
    const set = await this.rollouts.resolveTargetSet(target);
    return { robots: set.robotIds.length, unreported: set.unreported, notMatching: set.notMatching };
  }

  /** Dry run: predicted write rate and flash life per cohort under the new τ (nothing changes). */
  async preview(input: { spec: RolloutSpec } | { rolloutId: string }, windowMinutes: number) {
    let spec: RolloutSpec;
    let rolloutId: string | undefined;
    if ('rolloutId' in input) {
      const rollout = await this.rollouts.get(input.rolloutId);
      if (!rollout) throw new AppError('not_found', 'Rollout not found');
      spec = rollout.spec;
      rolloutId = rollout.id;
    } else {
      spec = input.spec;
    }
    const set = await this.rollouts.resolveTargetSet(spec.target);
    return {
      targets: set.robotIds.length,
      unreported: set.unreported,
      notMatching: set.notMatching,
      ...(await this.previews.preview(spec, set.robotIds, rolloutId, windowMinutes)),
    };
  }
}
