import type { AutopilotProposalStatus, PersistMode } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { toDbPersistMode, toWirePersistMode } from '../../common/persist-mode.js';
import type {
  PersistMode as DbPersistMode,
  AutopilotProposalStatus as DbProposalStatus,
  RolloutStatus,
} from '../../generated/prisma/enums.js';
import { Database } from '../../infrastructure/database.js';
import { toJsonb } from '../../infrastructure/jsonb.js';

/** A proposal's per-robot record: where the robot was, and the measured wear rate the move was decided on. */
export interface ProposalMember {
  robotId: string;
  fromTau: number;
  fromPersistMode: PersistMode;
  belowTarget: boolean;
  lifeBefore: number | null;
  lifeAfter: number | null;
  successChange: number;
  wearPerDay: number;
  targetDays: number;
}

export interface ProposalPredicted {
  meanSuccessChange: number;
  minLifeBefore: number | null;
  minLifeAfter: number | null;
  maxWritesRatio: number | null;
  reachingTarget: number;
  curveSha256: string;
  robots: ProposalMember[];
}

export interface BlockRow {
  id: bigint;
  robotId: string;
  fromTau: number;
  toTau: number;
  persistMode: PersistMode;
  curveSha256: string;
  targetDays: number;
  fromPersistMode: PersistMode;
  wearPerDay: number;
}

/** The autopilot's proposals (draft rollouts it made), the blocks they leave, and its policy versions. */
@Injectable()
export class AutopilotProposalsRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async create(data: {
    runId: string;
    rolloutId: string;
    policyVersionId: string;
    tau: number;
    persistMode: PersistMode;
    robotIds: string[];
    belowTarget: number;
    predicted: ProposalPredicted;
    reason: string;
  }) {
    return this.db.client.autopilotProposal.create({
      data: {
        ...data,
        persistMode: toDbPersistMode(data.persistMode),
        predicted: toJsonb(data.predicted),
        reason: data.reason.slice(0, 2000),
      },
    });
  }

  /** Locks a proposal for a decision (approve, dismiss, sync); undefined when there is none. */
  async lock(id: string) {
    const [row] = await this.db.client.$queryRaw<{ id: string }[]>`
      SELECT id FROM autopilot_proposal WHERE id = ${id}::uuid FOR UPDATE`;
    return row ? this.db.client.autopilotProposal.findUnique({ where: { id } }) : undefined;
  }

  async setStatus(
    id: string,
    change: {
      status: AutopilotProposalStatus;
      outcomeReason?: string | null;
      decidedAt?: Date;
      decidedById?: string | null;
    },
  ) {
    await this.db.client.autopilotProposal.update({
      where: { id },
      data: {
        status: change.status as DbProposalStatus,
        ...(change.outcomeReason !== undefined
          ? { outcomeReason: change.outcomeReason?.slice(0, 2000) ?? null }
          : {}),
        ...(change.decidedAt ? { decidedAt: change.decidedAt } : {}),
        ...(change.decidedById !== undefined ? { decidedById: change.decidedById } : {}),
      },
    });
  }

  /** Proposals still open (pending or started), with their rollout's status and reason. */
  async open() {
    return this.db.pool
      .query<{
        id: string;
        status: DbProposalStatus;
        rollout_id: string | null;
        rollout_status: RolloutStatus | null;
        status_reason: string | null;
        tau: number;
        persist_mode: DbPersistMode;
        robot_ids: string[];
        predicted: ProposalPredicted;
      }>(
        `SELECT p.id, p.status, p.rollout_id, r.status AS rollout_status, r.status_reason, p.tau,
                p.persist_mode::text AS persist_mode, p.robot_ids, p.predicted
           FROM autopilot_proposal p LEFT JOIN rollout r ON r.id = p.rollout_id
          WHERE p.status IN ('pending', 'started')
          ORDER BY p.created_at`,
      )
      .then(({ rows }) => rows.map((r) => ({ ...r, persistMode: toWirePersistMode(r.persist_mode) })));
  }

  async list(query: { status?: AutopilotProposalStatus | undefined; limit: number }) {
    const { rows } = await this.db.pool.query<{
      id: string;
      status: DbProposalStatus;
      rollout_id: string | null;
      rollout_status: RolloutStatus | null;
      policy_version_id: string;
      tau: number;
      persist_mode: DbPersistMode;
      robot_ids: string[];
      below_target: number;
      predicted: ProposalPredicted;
      reason: string;
      outcome_reason: string | null;
      created_at: Date;
      decided_at: Date | null;
      decided_by_name: string | null;
    }>(
      `SELECT p.id, p.status, p.rollout_id, r.status AS rollout_status, p.policy_version_id, p.tau,
              p.persist_mode::text AS persist_mode, p.robot_ids, p.below_target, p.predicted, p.reason,
              p.outcome_reason, p.created_at, p.decided_at, o.name AS decided_by_name
         FROM autopilot_proposal p
         LEFT JOIN rollout r ON r.id = p.rollout_id
         LEFT JOIN operator o ON o.id = p.decided_by_id
        WHERE $1::autopilot_proposal_status IS NULL OR p.status = $1::autopilot_proposal_status
        ORDER BY p.created_at DESC, p.id
        LIMIT $2`,
      [query.status ?? null, query.limit],
    );
    return rows.map((r) => ({ ...r, persistMode: toWirePersistMode(r.persist_mode) }));
  }

  /** Pending proposals: how many, and since when the oldest waits (the alert "proposal waiting"). */
  async pending(olderThan?: Date): Promise<{ count: number; oldestCreatedAt: Date | null }> {
    const where = { status: 'pending' as const, ...(olderThan ? { createdAt: { lte: olderThan } } : {}) };
    const [count, oldest] = await Promise.all([
      this.db.client.autopilotProposal.count({ where }),
      this.db.client.autopilotProposal.findFirst({
        where,
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true },
      }),
    ]);
    return { count, oldestCreatedAt: oldest?.createdAt ?? null };
  }

  /** The version of the autopilot's policy with exactly these settings, if it made one before. */
  async versionWith(policyId: string, tau: number, persistMode: PersistMode): Promise<string | undefined> {
    const row = await this.db.client.gatePolicyVersion.findFirst({
      where: { policyId, tau, persistMode: toDbPersistMode(persistMode) },
      orderBy: { version: 'asc' },
      select: { id: true },
    });
    return row?.id;
  }

  async policyExists(policyId: string): Promise<boolean> {
    return (await this.db.client.gatePolicy.count({ where: { id: policyId } })) > 0;
  }

  async policyIdByName(name: string): Promise<string | undefined> {
    return (await this.db.client.gatePolicy.findUnique({ where: { name }, select: { id: true } }))?.id;
  }

  // ── blocks ─────────────────────────────────────────────────────────────────────────────────────

  async addBlocks(
    proposalId: string,
    setting: { tau: number; persistMode: PersistMode },
    members: readonly ProposalMember[],
    curveSha256: string,
    reason: string,
  ) {
    if (members.length === 0) return;
    await this.db.client.autopilotBlock.createMany({
      data: members.map((m) => ({
        robotId: m.robotId,
        proposalId,
        fromTau: m.fromTau,
        toTau: setting.tau,
        persistMode: toDbPersistMode(setting.persistMode),
        curveSha256,
        targetDays: m.targetDays,
        fromPersistMode: toDbPersistMode(m.fromPersistMode),
        wearPerDay: m.wearPerDay,
        reason: reason.slice(0, 2000),
      })),
    });
  }

  async blocks(): Promise<BlockRow[]> {
    const rows = await this.db.client.autopilotBlock.findMany({ orderBy: { id: 'asc' } });
    return rows.map((r) => ({
      id: r.id,
      robotId: r.robotId,
      fromTau: r.fromTau,
      toTau: r.toTau,
      persistMode: toWirePersistMode(r.persistMode),
      curveSha256: r.curveSha256,
      targetDays: r.targetDays,
      fromPersistMode: toWirePersistMode(r.fromPersistMode),
      wearPerDay: r.wearPerDay,
    }));
  }

  async deleteBlocks(ids: readonly bigint[]) {
    if (ids.length > 0) await this.db.client.autopilotBlock.deleteMany({ where: { id: { in: [...ids] } } });
  }
}
