import { type ConfigAck, type ConfigEnvelope, type PersistMode, signConfigEnvelope } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { PrismaService } from '../../infrastructure/prisma.service.js';
import { ConfigNotifier } from './config-notifier.js';

type Tx = Prisma.TransactionClient;

const WIRE_PERSIST_MODE: Record<string, PersistMode> = {
  none: 'none',
  snapshot: 'snapshot',
  delta_log: 'delta-log',
};

/**
 * Desired config per robot (DESIGN.md §5): every change issues a new numbered, immutable
 * robot_config row and moves the robot's desired pointer to it; envelopes are signed on delivery.
 */
@Injectable()
export class DesiredConfigService {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(ConfigNotifier) private readonly notifier: ConfigNotifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Points each robot's desired config at `policyVersionId` (as a new version), inside `tx`.
   * Call `announce` with the returned ids once the transaction has committed.
   */
  async issue(
    tx: Tx,
    robotIds: readonly string[],
    policyVersionId: string,
    rolloutId: string | null = null,
  ): Promise<string[]> {
    if (robotIds.length === 0) return [];
    const rows = await tx.$queryRaw<{ robot_id: string }[]>`
      WITH bumped AS (
        UPDATE robot
           SET desired_config_version = desired_config_version + 1,
               desired_policy_version_id = ${policyVersionId}::uuid,
               desired_rollout_id = ${rolloutId}::uuid
         WHERE id = ANY(${robotIds as string[]}::uuid[])
        RETURNING id, desired_config_version)
      INSERT INTO robot_config (robot_id, version, policy_version_id, rollout_id)
      SELECT id, desired_config_version, ${policyVersionId}::uuid, ${rolloutId}::uuid FROM bumped
      RETURNING robot_id`;
    return rows.map((row) => row.robot_id);
  }

  /** Re-points every robot not held by a rollout at the fleet default, inside `tx`. */
  async issueFleetDefault(tx: Tx, policyVersionId: string): Promise<number> {
    const count = await tx.$executeRaw`
      WITH bumped AS (
        UPDATE robot
           SET desired_config_version = desired_config_version + 1,
               desired_policy_version_id = ${policyVersionId}::uuid
         WHERE desired_rollout_id IS NULL
           AND desired_policy_version_id IS DISTINCT FROM ${policyVersionId}::uuid
        RETURNING id, desired_config_version)
      INSERT INTO robot_config (robot_id, version, policy_version_id)
      SELECT id, desired_config_version, ${policyVersionId}::uuid FROM bumped`;
    return count;
  }

  announce(robotIds: readonly string[] | 'all'): Promise<void> {
    return this.notifier.publish(robotIds);
  }

  /** The robot's current signed envelope (marks it delivered). */
  async envelope(robotId: string): Promise<ConfigEnvelope> {
    // One statement: read the desired config and mark it (and a rollout member's state) delivered.
    // A woken fleet calls this thousands of times at once: no transaction, one round trip each.
    const { rows } = await this.prisma.pool.query<{
      version: number;
      policy_version_id: string;
      rollout_id: string | null;
      issued_at: Date;
      tau: number;
      persist_mode: string | null;
    }>(
      `WITH desired AS (SELECT desired_config_version AS v FROM robot WHERE id = $1::uuid),
            delivered AS (
              UPDATE robot_config SET delivered_at = now()
               WHERE robot_id = $1::uuid AND version = (SELECT v FROM desired) AND delivered_at IS NULL
              RETURNING version),
            member AS (
              UPDATE rollout_assignment SET state = 'delivered', updated_at = now()
               WHERE robot_id = $1::uuid AND config_version = (SELECT v FROM desired) AND state = 'pending'
              RETURNING 1)
       SELECT c.version, c.policy_version_id, c.rollout_id, c.issued_at, p.tau, p.persist_mode
         FROM robot_config c JOIN gate_policy_version p ON p.id = c.policy_version_id
        WHERE c.robot_id = $1::uuid AND c.version = (SELECT v FROM desired)`,
      [robotId],
    );
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'Robot or its desired config not found');
    const persistMode = row.persist_mode ? WIRE_PERSIST_MODE[row.persist_mode] : undefined;
    return signConfigEnvelope(
      {
        robotId,
        policyVersionId: row.policy_version_id,
        version: row.version,
        tau: row.tau,
        ...(persistMode ? { persistMode } : {}),
        issuedAt: row.issued_at.toISOString(),
        ...(row.rollout_id ? { rolloutId: row.rollout_id } : {}),
      },
      this.config.signing.active,
    );
  }

  async desiredVersion(robotId: string): Promise<number> {
    const robot = await this.prisma.robot.findUnique({
      where: { id: robotId },
      select: { desiredConfigVersion: true },
    });
    if (!robot) throw new AppError('not_found', 'Robot not found');
    return robot.desiredConfigVersion;
  }

  /**
   * Long-poll: returns the envelope as soon as the desired version differs from `knownVersion`,
   * or undefined when `waitMs` passes without a change (→ 304).
   */
  async awaitChange(robotId: string, knownVersion: number | undefined, waitMs: number, signal?: AbortSignal) {
    const deadline = Date.now() + waitMs;
    for (;;) {
      // Register before reading so a change committed in between still wakes us.
      const remaining = deadline - Date.now();
      const wake = remaining > 0 ? this.notifier.wait(robotId, remaining, signal) : undefined;
      const version = await this.desiredVersion(robotId);
      if (version !== knownVersion) {
        void wake?.catch(() => undefined);
        return this.envelope(robotId);
      }
      if (!wake || signal?.aborted) return undefined;
      await wake;
      if (this.notifier.closing) return undefined; // shutting down: the robot polls again later
      if (Date.now() >= deadline || signal?.aborted) {
        return (await this.desiredVersion(robotId)) !== knownVersion ? this.envelope(robotId) : undefined;
      }
    }
  }

  /**
   * Records the robot's answer to a config it was given, in one statement (a whole fleet acks within
   * seconds of a rollout step): the ack on its robot_config row, the rollout member's state, and —
   * when applied — the robot's applied version. Nothing changes for a version never delivered or an
   * answer contradicting an earlier one; both are refused with 409.
   */
  async acknowledge(robotId: string, ack: ConfigAck) {
    const { rows } = await this.prisma.pool.query<{
      found: boolean;
      delivered: boolean;
      ack_status: string | null;
    }>(
      `WITH cfg AS (
         SELECT delivered_at, ack_status, policy_version_id FROM robot_config
          WHERE robot_id = $1::uuid AND version = $2),
       ok AS (
         SELECT 1 FROM cfg WHERE delivered_at IS NOT NULL AND (ack_status IS NULL OR ack_status = $3::config_ack_status)),
       acked AS (
         UPDATE robot_config SET ack_status = $3::config_ack_status, ack_reason = $4, acked_at = now()
          WHERE robot_id = $1::uuid AND version = $2 AND delivered_at IS NOT NULL AND ack_status IS NULL
         RETURNING 1),
       member AS (
         UPDATE rollout_assignment SET state = $3::text::assignment_state, state_reason = $4, updated_at = now()
          WHERE robot_id = $1::uuid AND config_version = $2 AND EXISTS (SELECT 1 FROM ok)
            AND state IN ('pending', 'delivered', 'unreachable', 'timed_out')
         RETURNING 1),
       applied AS (
         UPDATE robot SET applied_config_version = $2, applied_at = now(),
                applied_policy_version_id = (SELECT policy_version_id FROM cfg)
          WHERE id = $1::uuid AND $3 = 'applied' AND applied_config_version < $2 AND EXISTS (SELECT 1 FROM ok)
         RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM cfg) AS found,
              COALESCE((SELECT delivered_at IS NOT NULL FROM cfg), false) AS delivered,
              (SELECT ack_status::text FROM cfg) AS ack_status`,
      [robotId, ack.version, ack.status, ack.reason ?? null],
    );
    const row = rows[0];
    if (!row?.found || !row.delivered) {
      throw new AppError('conflict', `Config version ${ack.version} was never delivered to this robot`);
    }
    if (row.ack_status && row.ack_status !== ack.status) {
      throw new AppError(
        'conflict',
        `Config version ${ack.version} was already acknowledged as ${row.ack_status}`,
      );
    }
    return { version: ack.version, status: ack.status };
  }
}
