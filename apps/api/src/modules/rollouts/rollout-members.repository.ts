import { Inject, Injectable } from '@nestjs/common';
import type { AssignmentState } from '../../generated/prisma/enums.js';
import { Database } from '../../infrastructure/database.js';

export interface MemberQuery {
  step?: number | undefined;
  state?: AssignmentState | undefined;
  limit: number;
  offset: number;
}

/**
 * Rollout membership (rollout_assignment): each target robot's step ("once in, stay in"), its
 * per-robot state and the configs that switched and reverted it. Writes join the caller's transaction.
 */
@Injectable()
export class RolloutMembersRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** One page of members (by step, then robot name) and how many match. */
  async page(rolloutId: string, query: MemberQuery) {
    const where = {
      rolloutId,
      ...(query.step !== undefined ? { stepIndex: query.step } : {}),
      ...(query.state ? { state: query.state } : {}),
    };
    const [total, rows] = await Promise.all([
      this.db.client.rolloutAssignment.count({ where }),
      this.db.client.rolloutAssignment.findMany({
        where,
        orderBy: [{ stepIndex: 'asc' }, { robot: { name: 'asc' } }, { robotId: 'asc' }],
        take: query.limit,
        skip: query.offset,
        include: { robot: { select: { name: true } } },
      }),
    ]);
    return { total, rows };
  }

  /** Of these (robot, revert config version) pairs, the robots that acknowledged the revert as applied. */
  async confirmedReverts(reverts: readonly { robotId: string; version: number }[]): Promise<Set<string>> {
    if (reverts.length === 0) return new Set();
    const rows = await this.db.client.robotConfig.findMany({
      where: { OR: reverts.map((r) => ({ robotId: r.robotId, version: r.version })), ackStatus: 'applied' },
      select: { robotId: true },
    });
    return new Set(rows.map((row) => row.robotId));
  }

  /** Members per (step, state). */
  async stateCounts(rolloutId: string) {
    const rows = await this.db.client.rolloutAssignment.groupBy({
      by: ['stepIndex', 'state'],
      where: { rolloutId },
      _count: { _all: true },
    });
    return rows.map((row) => ({ stepIndex: row.stepIndex, state: row.state, robots: row._count._all }));
  }

  /** Reverted members whose revert config was acknowledged as applied. */
  async confirmedRevertCount(rolloutId: string): Promise<number> {
    const [row] = await this.db.client.$queryRaw<{ confirmed: bigint }[]>`
      SELECT count(*) AS confirmed FROM rollout_assignment a
        JOIN robot_config c ON c.robot_id = a.robot_id AND c.version = a.revert_config_version
       WHERE a.rollout_id = ${rolloutId}::uuid AND c.ack_status = 'applied'`;
    return Number(row?.confirmed ?? 0);
  }

  /** Active rollouts other than `rolloutId` that hold some of `robotIds`, with how many each. */
  async busyElsewhere(rolloutId: string, robotIds: readonly string[]) {
    return this.db.client.$queryRaw<{ name: string; robots: bigint }[]>`
      SELECT r.name, count(*) AS robots FROM rollout_assignment a JOIN rollout r ON r.id = a.rollout_id
       WHERE a.active AND a.robot_id = ANY(${robotIds as string[]}::uuid[]) AND a.rollout_id <> ${rolloutId}::uuid
       GROUP BY r.name`;
  }

  /** Makes the robots members with their step, remembering the version each ran before. */
  async insert(rolloutId: string, cohorts: ReadonlyMap<string, number>): Promise<void> {
    await this.db.client.$executeRaw`
      INSERT INTO rollout_assignment (rollout_id, robot_id, step_index, previous_policy_version_id)
      SELECT ${rolloutId}::uuid, t.robot_id, t.step_index, r.desired_policy_version_id
        FROM unnest(${[...cohorts.keys()]}::uuid[], ${[...cohorts.values()]}::int[]) AS t(robot_id, step_index)
        JOIN robot r ON r.id = t.robot_id`;
  }

  async all(rolloutId: string) {
    return this.db.client.rolloutAssignment.findMany({
      where: { rolloutId },
      select: { robotId: true, stepIndex: true, configVersion: true },
    });
  }

  /**
   * After a bake: members of steps ≤ `step` that never acknowledged become `timed_out` (still
   * reporting since `since`, on their old config) or `unreachable` (silent).
   */
  async expireUnacknowledged(rolloutId: string, step: number, since: Date): Promise<void> {
    await this.db.client.$executeRaw`
      UPDATE rollout_assignment a
         SET state = CASE WHEN EXISTS (
               SELECT 1 FROM telemetry_record t WHERE t.robot_id = a.robot_id AND t.window_start >= ${since})
             THEN 'timed_out'::assignment_state ELSE 'unreachable'::assignment_state END,
             state_reason = 'no acknowledgement by the end of the bake', updated_at = now()
       WHERE a.rollout_id = ${rolloutId}::uuid AND a.step_index <= ${step}
         AND a.config_version IS NOT NULL AND a.state IN ('pending', 'delivered')`;
  }

  /** Applied members of steps ≤ `throughStep` (all steps when omitted) become verified. */
  async verifyApplied(rolloutId: string, throughStep?: number): Promise<void> {
    await this.db.client.rolloutAssignment.updateMany({
      where: {
        rolloutId,
        state: 'applied',
        ...(throughStep !== undefined ? { stepIndex: { lte: throughStep } } : {}),
      },
      data: { state: 'verified' },
    });
  }

  /** The rollout has ended: its members may join other rollouts. */
  async deactivate(rolloutId: string): Promise<void> {
    await this.db.client.rolloutAssignment.updateMany({ where: { rolloutId }, data: { active: false } });
  }

  /** Members of steps ≤ `step` not switched yet, earlier steps first (a promote may cut a batch short). */
  async awaitingSwitch(rolloutId: string, step: number): Promise<string[]> {
    const rows = await this.db.client.rolloutAssignment.findMany({
      where: { rolloutId, stepIndex: { lte: step }, configVersion: null },
      select: { robotId: true },
      orderBy: [{ stepIndex: 'asc' }, { robotId: 'asc' }],
    });
    return rows.map((row) => row.robotId);
  }

  /**
   * Switched members not reverted yet, each with what it should run NOW had the rollout never held
   * it: the fleet default as it is when the default was set after the rollout started (a change that
   * moved every robot no rollout held, and would have moved this one), else the version it ran before
   * (falling back to the default). Locks the fleet settings row (shared) so a default change cannot
   * slip in between this read and the revert's commit.
   */
  async revertTargets(rolloutId: string, startedAt: Date | null) {
    return this.db.client.$queryRaw<{ robotId: string; target: string | null }[]>`
      WITH fs AS (
        SELECT default_policy_version_id AS fleet_default, updated_at FROM fleet_settings WHERE id = 1 FOR SHARE)
      SELECT a.robot_id::text AS "robotId",
             (CASE WHEN fs.updated_at > ${startedAt ?? new Date(0)}::timestamptz THEN fs.fleet_default
                   ELSE COALESCE(a.previous_policy_version_id, fs.fleet_default) END)::text AS target
        FROM rollout_assignment a LEFT JOIN fs ON true
       WHERE a.rollout_id = ${rolloutId}::uuid AND a.config_version IS NOT NULL AND a.state <> 'reverted'`;
  }

  /** Records the config version that reverted each robot (its current desired version). */
  async markReverted(rolloutId: string, robotIds: readonly string[]): Promise<void> {
    await this.db.client.$executeRaw`
      UPDATE rollout_assignment a
         SET state = 'reverted', revert_config_version = r.desired_config_version, updated_at = now()
        FROM robot r
       WHERE a.rollout_id = ${rolloutId}::uuid AND r.id = a.robot_id AND a.robot_id = ANY(${robotIds as string[]}::uuid[])`;
  }

  /** Members whose step was never switched never got the config: skipped, not pending. */
  async skipUnswitched(rolloutId: string): Promise<void> {
    await this.db.client.rolloutAssignment.updateMany({
      where: { rolloutId, configVersion: null, state: 'pending' },
      data: { state: 'skipped' },
    });
  }
}
