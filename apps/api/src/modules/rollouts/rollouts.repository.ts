import { hasAgentFacets, matchesAgentFacets, type RolloutSpec, RolloutSpecSchema } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { RolloutStatus, VerdictResult } from '../../generated/prisma/enums.js';
import { Database } from '../../infrastructure/database.js';

/** A rollout row locked for a transition (SELECT … FOR UPDATE). */
export interface LockedRollout {
  id: string;
  name: string;
  status: RolloutStatus;
  policyVersionId: string;
  spec: RolloutSpec;
  currentStep: number;
  stepStartedAt: Date | null;
  startedAt: Date | null;
  revision: number;
}

export interface RolloutChange {
  status?: RolloutStatus;
  statusReason?: string;
  currentStep?: number;
  startedAt?: Date;
  stepStartedAt?: Date | null;
  endedAt?: Date;
  evaluateAfter?: Date | null;
}

const withCreator = { createdBy: { select: { name: true } } } as const;

/** Stored specs were validated on the way in; parsing again gives them their type (and defaults). */
const withSpec = <R extends { spec: unknown }>(row: R) => ({
  ...row,
  spec: RolloutSpecSchema.parse(row.spec),
});

/** Rollout rows, their verdicts and the robots a target names. Writes join the caller's transaction. */
@Injectable()
export class RolloutsRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** Newest first (id breaks ties, so pages never overlap), and how many match in all. */
  async list(status: RolloutStatus | undefined, page: { limit: number; offset: number }) {
    const where = status ? { status } : {};
    const [rows, total] = await Promise.all([
      this.db.client.rollout.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.limit,
        skip: page.offset,
        include: withCreator,
      }),
      this.db.client.rollout.count({ where }),
    ]);
    return { total, rows: rows.map(withSpec) };
  }

  async get(id: string) {
    const row = await this.db.client.rollout.findUnique({ where: { id }, include: withCreator });
    return row ? withSpec(row) : null;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.client.rollout.findUnique({ where: { id }, select: { id: true } })) !== null;
  }

  async create(data: { name: string; spec: RolloutSpec; createdById: string | null }) {
    const row = await this.db.client.rollout.create({
      data: {
        name: data.name,
        policyVersionId: data.spec.policyVersionId,
        spec: data.spec as Prisma.InputJsonObject,
        createdById: data.createdById,
      },
    });
    return withSpec(row);
  }

  /** Locks the rollout row for a transition; undefined when there is no such rollout. */
  async lock(id: string): Promise<LockedRollout | undefined> {
    const [row] = await this.db.client.$queryRaw<(Omit<LockedRollout, 'spec'> & { spec: unknown })[]>`
      SELECT id, name, status, policy_version_id AS "policyVersionId", spec, current_step AS "currentStep",
             step_started_at AS "stepStartedAt", started_at AS "startedAt", revision
        FROM rollout WHERE id = ${id}::uuid FOR UPDATE`;
    return row ? withSpec(row) : undefined;
  }

  /** Applies a transition and bumps the revision (stale scheduled work then sees a newer one). */
  async update(id: string, change: RolloutChange) {
    return this.db.client.rollout.update({
      where: { id },
      data: {
        ...change,
        ...(change.statusReason ? { statusReason: change.statusReason.slice(0, 2000) } : {}),
        revision: { increment: 1 },
      },
    });
  }

  /** Running rollouts with an evaluation due (what the reconciler re-schedules). */
  async scheduled() {
    return this.db.client.rollout.findMany({
      where: { status: 'running', evaluateAfter: { not: null } },
      select: { id: true, revision: true, evaluateAfter: true },
    });
  }

  async verdicts(rolloutId: string) {
    return this.db.client.rolloutVerdict.findMany({ where: { rolloutId }, orderBy: { id: 'asc' } });
  }

  /**
   * How many of a step's verdicts ran its noise tests (numbers.look set): the next evaluation is look
   * count + 1 and tests at that look's share of the error rate (evaluateRolloutHealth, lookAlpha).
   */
  async testedLooks(rolloutId: string, stepIndex: number): Promise<number> {
    const [row] = await this.db.client.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM rollout_verdict
       WHERE rollout_id = ${rolloutId}::uuid AND step_index = ${stepIndex}
         AND jsonb_typeof(numbers->'look') = 'number'`;
    return row?.n ?? 0;
  }

  async insertVerdict(data: {
    rolloutId: string;
    stepIndex: number;
    result: VerdictResult;
    comparison: string;
    reason: string;
    numbers: Prisma.InputJsonObject;
  }): Promise<void> {
    await this.db.client.rolloutVerdict.create({ data });
  }

  /** Robots a target names and its agent facets let through, each once, by id; never a decommissioned one. */
  async resolveTargets(target: RolloutSpec['target']): Promise<string[]> {
    return (await this.resolveTargetSet(target)).robotIds;
  }

  /**
   * Robots a target names (groups ∪ tags ∪ ids; the whole fleet when it names none), each once, never
   * a decommissioned one, narrowed by its agent facets (agentVersions, arch, flashKinds) against each
   * robot's latest agent report; with how many a facet left out: never reported, or not matching.
   */
  async resolveTargetSet(
    target: RolloutSpec['target'],
  ): Promise<{ robotIds: string[]; unreported: number; notMatching: number }> {
    const named = target.groupIds.length + target.tags.length + target.robotIds.length > 0;
    const rows = await this.db.client.$queryRaw<
      { id: string; agent_version: string | null; arch: string | null; flash_kind: string | null }[]
    >`
      SELECT r.id, a.agent_version, a.arch, a.flash_kind
        FROM robot r LEFT JOIN robot_agent_report a ON a.robot_id = r.id
       WHERE r.decommissioned_at IS NULL
         AND (NOT ${named}
              OR r.id = ANY(${target.robotIds}::uuid[])
              OR r.tags && ${target.tags}::text[]
              OR r.id IN (SELECT robot_id FROM robot_group_member WHERE group_id = ANY(${target.groupIds}::uuid[])))
       ORDER BY r.id`;
    if (!hasAgentFacets(target))
      return { robotIds: rows.map((row) => row.id), unreported: 0, notMatching: 0 };
    const robotIds: string[] = [];
    let unreported = 0;
    let notMatching = 0;
    for (const row of rows) {
      const facts =
        row.agent_version === null || row.arch === null
          ? null
          : { agentVersion: row.agent_version, arch: row.arch, flashKind: row.flash_kind };
      if (!facts) unreported += 1;
      else if (matchesAgentFacets(target, facts)) robotIds.push(row.id);
      else notMatching += 1;
    }
    return { robotIds, unreported, notMatching };
  }

  async policyVersion(id: string) {
    return this.db.client.gatePolicyVersion.findUnique({ where: { id } });
  }

  /** Robots a rollout no longer holds once it has finished: fleet-default changes reach them again. */
  async release(rolloutId: string): Promise<void> {
    // Robot rows locked in id order, as every bulk robot change does (AgentConfigRepository).
    await this.db.client.$executeRaw`
      WITH locked AS (
        SELECT id FROM robot WHERE desired_rollout_id = ${rolloutId}::uuid ORDER BY id FOR UPDATE)
      UPDATE robot r SET desired_rollout_id = NULL FROM locked WHERE r.id = locked.id`;
  }
}
