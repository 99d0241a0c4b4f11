import type { ConfigAck } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import { Database } from '../../infrastructure/database.js';

export interface DesiredConfigRow {
  robot_id: string;
  version: number;
  policy_version_id: string;
  rollout_id: string | null;
  issued_at: Date;
  tau: number;
  persist_mode: string | null;
  /** The config has been handed to the robot at least once. */
  delivered: boolean;
}

/** A config just issued (the row a change message carries, so no process needs to re-read it). */
export type IssuedConfig = DesiredConfigRow;

export interface AckOutcome {
  found: boolean;
  delivered: boolean;
  ack_status: string | null;
}

/**
 * Desired config per robot (DESIGN.md §5): every change inserts a new numbered, immutable robot_config
 * row and moves the robot's desired pointer to it. Writes join the caller's transaction.
 */
@Injectable()
export class AgentConfigRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  // Bulk changes lock the robot rows in id order first (the `locked` CTEs), as telemetry ingest does:
  // locking them in heap order could deadlock with an ingest group and abort the change (40P01).

  /** Points each robot's desired config at `policyVersionId` as a new version; returns the new configs. */
  async issue(robotIds: readonly string[], policyVersionId: string, rolloutId: string | null) {
    return this.issueConfigs(robotIds, policyVersionId, rolloutId, Prisma.empty);
  }

  /**
   * A rollout step's switch in one statement: as `issue`, and each robot's rollout member records
   * the config version that switched it (rollout_assignment.config_version). Returns the new configs.
   */
  async issueForRollout(robotIds: readonly string[], policyVersionId: string, rolloutId: string) {
    return this.issueConfigs(
      robotIds,
      policyVersionId,
      rolloutId,
      Prisma.sql`, switched AS (
        UPDATE rollout_assignment a SET config_version = b.desired_config_version, updated_at = now()
          FROM bumped b WHERE a.rollout_id = ${rolloutId}::uuid AND a.robot_id = b.id
        RETURNING 1)`,
    );
  }

  /**
   * Locks the robots in id order, bumps their desired config, inserts the new rows; `also` adds CTEs
   * over `bumped`. Returns each new config as `loadDesired` would read it (with its policy version's
   * settings), so the change message can carry it.
   */
  private async issueConfigs(
    robotIds: readonly string[],
    policyVersionId: string,
    rolloutId: string | null,
    also: Prisma.Sql,
  ): Promise<IssuedConfig[]> {
    return this.db.client.$queryRaw<IssuedConfig[]>`
      WITH locked AS (
        SELECT id FROM robot WHERE id = ANY(${robotIds as string[]}::uuid[]) ORDER BY id FOR UPDATE),
      bumped AS (
        UPDATE robot r
           SET desired_config_version = r.desired_config_version + 1,
               desired_policy_version_id = ${policyVersionId}::uuid,
               desired_rollout_id = ${rolloutId}::uuid
          FROM locked WHERE r.id = locked.id
        RETURNING r.id, r.desired_config_version)${also}
      , inserted AS (
        INSERT INTO robot_config (robot_id, version, policy_version_id, rollout_id)
        SELECT id, desired_config_version, ${policyVersionId}::uuid, ${rolloutId}::uuid FROM bumped
        RETURNING robot_id, version, policy_version_id, rollout_id, issued_at)
      SELECT i.robot_id::text AS robot_id, i.version, i.policy_version_id::text AS policy_version_id,
             i.rollout_id::text AS rollout_id, i.issued_at, false AS delivered, p.tau,
             p.persist_mode::text AS persist_mode
        FROM inserted i JOIN gate_policy_version p ON p.id = i.policy_version_id`;
  }

  /** Re-points every robot no rollout holds at `policyVersionId`; returns how many moved. */
  async issueFleetDefault(policyVersionId: string): Promise<number> {
    return this.db.client.$executeRaw`
      WITH locked AS (
        SELECT id FROM robot
         WHERE desired_rollout_id IS NULL
           AND desired_policy_version_id IS DISTINCT FROM ${policyVersionId}::uuid
         ORDER BY id FOR UPDATE),
      bumped AS (
        UPDATE robot r
           SET desired_config_version = r.desired_config_version + 1,
               desired_policy_version_id = ${policyVersionId}::uuid
          FROM locked WHERE r.id = locked.id
        RETURNING r.id, r.desired_config_version)
      INSERT INTO robot_config (robot_id, version, policy_version_id)
      SELECT id, desired_config_version, ${policyVersionId}::uuid FROM bumped`;
  }

  /** The fleet's default policy version, if one is set. */
  async fleetDefaultVersionId(): Promise<string | null> {
    const settings = await this.db.client.fleetSettings.findUnique({ where: { id: 1 } });
    return settings?.defaultPolicyVersionId ?? null;
  }

  /**
   * The desired config of the given robots (every robot when `robotIds` is omitted), with its policy
   * version's settings: what a config-serving process keeps in memory. One statement for any number.
   */
  async loadDesired(robotIds?: readonly string[]): Promise<DesiredConfigRow[]> {
    const { rows } = await this.db.pool.query<DesiredConfigRow>(
      `SELECT r.id AS robot_id, c.version, c.policy_version_id, c.rollout_id, c.issued_at,
              c.delivered_at IS NOT NULL AS delivered, p.tau, p.persist_mode
         FROM robot r
         JOIN robot_config c ON c.robot_id = r.id AND c.version = r.desired_config_version
         JOIN gate_policy_version p ON p.id = c.policy_version_id
        ${robotIds ? 'WHERE r.id = ANY($1::uuid[])' : ''}`,
      robotIds ? [robotIds] : [],
    );
    return rows;
  }

  /** Every robot's desired config version (the sweep that repairs a lost change notification). */
  async desiredVersions(): Promise<{ id: string; v: number }[]> {
    const { rows } = await this.db.pool.query<{ id: string; v: number }>(
      'SELECT id, desired_config_version AS v FROM robot',
    );
    return rows;
  }

  /**
   * Marks configs delivered (and their rollout members' state), for many robots in one statement:
   * the delivery bookkeeping of every poll answered in the last few milliseconds.
   */
  async markDelivered(items: readonly { robotId: string; version: number }[]): Promise<void> {
    await this.db.pool.query(
      `WITH d AS (SELECT * FROM unnest($1::uuid[], $2::int[]) AS d(robot_id, version)),
            delivered AS (
              UPDATE robot_config c SET delivered_at = now()
                FROM d WHERE c.robot_id = d.robot_id AND c.version = d.version AND c.delivered_at IS NULL
              RETURNING 1),
            member AS (
              UPDATE rollout_assignment a SET state = 'delivered', updated_at = now()
                FROM d WHERE a.robot_id = d.robot_id AND a.config_version = d.version AND a.state = 'pending'
              RETURNING 1)
       SELECT (SELECT count(*) FROM delivered) AS delivered, (SELECT count(*) FROM member) AS members`,
      [items.map((item) => item.robotId), items.map((item) => item.version)],
    );
  }

  /**
   * Records robots' answers, many in one statement (a whole fleet acks within seconds of a rollout
   * step): each ack on its robot_config row, the rollout member's state, and — when applied — the
   * robot's applied version. A version counts as delivered when its delivery is recorded **or** it is
   * the robot's desired version now: polls are answered before their delivery is recorded (written in
   * batches after the answer), and the desired version was committed before any robot could be handed
   * it, so an ack for it may arrive first (through any process, or after the answering one crashed);
   * such an ack records the delivery too. Changes nothing for any other version never recorded as
   * delivered, or for an answer contradicting an earlier one; the outcome (one per ack, in order) says
   * which (`delivered`: as recorded after this ack). A (robot, version) must appear at most once per call.
   */
  async acknowledge(acks: readonly { robotId: string; ack: ConfigAck }[]): Promise<AckOutcome[]> {
    const { rows } = await this.db.pool.query<AckOutcome & { ord: string }>(
      `WITH a AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) WITH ORDINALITY
                  AS a(robot_id, version, status, reason, ord)),
       cfg AS (
         SELECT a.*, c.robot_id IS NOT NULL AS found, c.ack_status, c.policy_version_id,
                c.delivered_at IS NOT NULL OR (c.robot_id IS NOT NULL AND r.desired_config_version = a.version)
                  AS delivered
           FROM a LEFT JOIN robot_config c ON c.robot_id = a.robot_id AND c.version = a.version
                  LEFT JOIN robot r ON r.id = a.robot_id),
       ok AS (
         SELECT * FROM cfg
          WHERE delivered AND (ack_status IS NULL OR ack_status = status::config_ack_status)),
       acked AS (
         UPDATE robot_config c SET ack_status = ok.status::config_ack_status, ack_reason = ok.reason, acked_at = now(),
                delivered_at = COALESCE(c.delivered_at, now())
           FROM ok WHERE c.robot_id = ok.robot_id AND c.version = ok.version AND c.ack_status IS NULL
         RETURNING 1),
       member AS (
         UPDATE rollout_assignment m
            SET state = ok.status::assignment_state, state_reason = ok.reason, updated_at = now()
           FROM ok WHERE m.robot_id = ok.robot_id AND m.config_version = ok.version
            AND m.state IN ('pending', 'delivered', 'unreachable', 'timed_out')
         RETURNING 1),
       newest AS (
         SELECT DISTINCT ON (robot_id) * FROM ok WHERE status = 'applied' ORDER BY robot_id, version DESC),
       locked AS (
         SELECT r.id FROM robot r JOIN newest n ON n.robot_id = r.id
          WHERE r.applied_config_version < n.version ORDER BY r.id FOR UPDATE OF r),
       applied AS (
         UPDATE robot r SET applied_config_version = n.version, applied_at = now(),
                applied_policy_version_id = n.policy_version_id
           FROM newest n JOIN locked l ON l.id = n.robot_id
          WHERE r.id = n.robot_id AND r.applied_config_version < n.version
         RETURNING 1)
       SELECT ord, found, delivered, ack_status::text AS ack_status FROM cfg ORDER BY ord`,
      [
        acks.map((a) => a.robotId),
        acks.map((a) => a.ack.version),
        acks.map((a) => a.ack.status),
        acks.map((a) => a.ack.reason ?? null),
      ],
    );
    return rows.map(({ found, delivered, ack_status }) => ({ found, delivered, ack_status }));
  }
}
