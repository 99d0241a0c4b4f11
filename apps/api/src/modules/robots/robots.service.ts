import {
  type AgentInventory,
  type HardwareInfo,
  ONLINE_WINDOW_MS,
  type OutboxCounters,
  type PolicyVersionLabel,
  type TelemetryRecord,
} from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { issueSecret } from '../../common/secrets.js';
import { Transactions } from '../../infrastructure/database.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { CredentialEpoch } from '../auth/credential-epoch.js';
import {
  type PolicyLabelRow,
  type RobotListCursor,
  type RobotListQuery,
  type RobotRow,
  RobotsRepository,
  sortKeyValue,
} from './robots.repository.js';

/**
 * The robot list's opaque cursor: base64url of JSON `[sort, order, key value, id]` of a page's last
 * row. It names its sort and order, so a cursor used with another order is refused, not misread.
 */
export function encodeRobotCursor(query: RobotListQuery, row: RobotRow): string {
  const value = sortKeyValue(row, query.sort, query.order === 'desc');
  return Buffer.from(JSON.stringify([query.sort, query.order, value, row.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeRobotCursor(query: RobotListQuery, cursor: string): RobotListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const fields = Array.isArray(parsed) && parsed.length === 4 && parsed.every((f) => typeof f === 'string');
  const [sort, order, value, id] = fields ? (parsed as string[]) : [];
  if (
    sort === undefined ||
    value === undefined ||
    id === undefined ||
    !UUID.test(id) ||
    (query.sort !== 'name' && Number.isNaN(Date.parse(value)) && !/^-?infinity$/.test(value))
  ) {
    throw new AppError('validation_failed', 'Invalid query: cursor is not one this API returned', [
      { path: 'cursor', message: 'must be a nextCursor returned by a previous page' },
    ]);
  }
  if (sort !== query.sort || order !== query.order) {
    throw new AppError('validation_failed', 'Invalid query: cursor belongs to another sort or order', [
      { path: 'cursor', message: `was returned for sort=${sort}&order=${order}` },
    ]);
  }
  return { value, id };
}

/** `{id, policyName, version, tau}` of a policy version. */
function policyLabel(row: PolicyLabelRow): PolicyVersionLabel {
  return {
    id: row.id,
    policyId: row.policyId,
    policyName: row.policy.name,
    version: row.version,
    tau: row.tau,
  };
}

function robotView(row: RobotRow, now = Date.now()) {
  const {
    groups,
    lastSeq,
    desiredPolicyVersion,
    appliedPolicyVersion,
    hardware,
    latestTelemetry,
    agentReport,
    ...rest
  } = row;
  return {
    ...rest,
    // Both columns hold JSON the API validated on the way in (enrolment, telemetry ingest).
    hardware: hardware as HardwareInfo | null,
    latestTelemetry: latestTelemetry as TelemetryRecord | null,
    desiredPolicy: desiredPolicyVersion ? policyLabel(desiredPolicyVersion) : null,
    appliedPolicy: appliedPolicyVersion ? policyLabel(appliedPolicyVersion) : null,
    lastSeq: Number(lastSeq),
    groups: groups.map((g) => g.group),
    // validated by AgentReportSchema on the way in (PUT /v1/agent/report)
    agent: agentReport
      ? {
          inventory: agentReport.inventory as AgentInventory,
          outbox: agentReport.outbox as OutboxCounters,
          reportedAt: agentReport.reportedAt,
        }
      : null,
    status: (row.lastSeenAt && now - row.lastSeenAt.getTime() < ONLINE_WINDOW_MS ? 'online' : 'offline') as
      | 'online'
      | 'offline',
  };
}

/** Robots (search, detail, rollout history, rename and re-tag) and robot groups. */
@Injectable()
export class RobotsService {
  constructor(
    @Inject(RobotsRepository) private readonly robots: RobotsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(CredentialEpoch) private readonly credentialEpoch: CredentialEpoch,
  ) {}

  /**
   * Decommissions a robot: its secret is refused from now on by every API process (the credential
   * epoch changes after the commit, voiding every process's cached secrets), audited with the reason.
   * Idempotent: a second call changes nothing but announces the invalidation again.
   */
  async decommission(operator: OperatorPrincipal, id: string, reason: string, requestId: string) {
    await this.transactions.run(async () => {
      const robot = await this.robots.lockCredentials(id);
      if (!robot) throw new AppError('not_found', 'Robot not found');
      if (robot.decommissioned_at) return;
      const after = await this.robots.decommission(id, reason, new Date());
      await this.audit.recordOperator(operator, {
        action: 'robot.decommission',
        targetType: 'robot',
        targetId: id,
        before: { name: robot.name, decommissionedAt: null },
        after: { name: robot.name, decommissionedAt: after.decommissionedAt },
        reason,
        requestId,
      });
    });
    await this.invalidateCachedSecrets();
    return this.view(id);
  }

  /**
   * Gives a robot a new secret (shown once) and refuses the old one at once on every process. The
   * agent, answered 401, keeps its data and resumes once the new credential is installed on it.
   */
  async rotateSecret(operator: OperatorPrincipal, id: string, reason: string, requestId: string) {
    const secret = issueSecret('rs');
    const rotatedAt = new Date();
    await this.transactions.run(async () => {
      const robot = await this.robots.lockCredentials(id);
      if (!robot) throw new AppError('not_found', 'Robot not found');
      if (robot.decommissioned_at) throw new AppError('conflict', 'The robot is decommissioned');
      await this.robots.replaceSecret(id, secret, rotatedAt);
      await this.audit.recordOperator(operator, {
        action: 'robot.rotate_secret',
        targetType: 'robot',
        targetId: id,
        before: { secretPrefix: robot.secret_prefix },
        after: { secretPrefix: secret.prefix },
        reason,
        requestId,
      });
    });
    await this.invalidateCachedSecrets();
    return { robotId: id, robotSecret: secret.token, rotatedAt };
  }

  private async invalidateCachedSecrets() {
    if (!(await this.credentialEpoch.bump())) {
      throw new AppError(
        'service_unavailable',
        'Done, but the API processes could not be told at once (Redis unreachable): they refuse the old secret within 60 s. Retry to confirm.',
        undefined,
        { 'retry-after': '5' },
      );
    }
  }

  /** One page of robots; `nextCursor` continues after its last row (keyset paging). */
  async list(query: RobotListQuery) {
    if (query.cursor && query.offset > 0) {
      throw new AppError('validation_failed', 'Invalid query: pass either cursor or offset, not both', [
        { path: 'offset', message: 'cannot be combined with cursor' },
      ]);
    }
    const after = query.cursor ? decodeRobotCursor(query, query.cursor) : undefined;
    const { total, totalExact, rows, more } = await this.robots.list(
      query,
      new Date(Date.now() - ONLINE_WINDOW_MS),
      after,
    );
    const last = rows.at(-1);
    return {
      total,
      totalExact,
      limit: query.limit,
      offset: after ? 0 : query.offset,
      items: rows.map((row) => robotView(row)),
      ...(more && last ? { nextCursor: encodeRobotCursor(query, last) } : {}),
    };
  }

  async get(id: string) {
    const row = await this.robots.get(id);
    if (!row) throw new AppError('not_found', 'Robot not found');
    const configs = await this.robots.recentConfigs(id, 20);
    return {
      ...robotView(row),
      configs: configs.map((c) => ({ ...c, policyVersion: policyLabel(c.policyVersion) })),
    };
  }

  /** 404 unless the robot exists. */
  async requireRobot(id: string): Promise<void> {
    if (!(await this.robots.exists(id))) throw new AppError('not_found', 'Robot not found');
  }

  /** The rollouts that included this robot, newest first, with its per-robot state in each. */
  async rolloutHistory(id: string) {
    await this.requireRobot(id);
    const [memberships, times] = await Promise.all([
      this.robots.memberships(id),
      this.robots.rolloutConfigTimes(id),
    ]);
    const items = memberships
      .sort((a, b) => b.rollout.createdAt.getTime() - a.rollout.createdAt.getTime())
      .map(({ rollout, ...a }) => ({
        rolloutId: a.rolloutId,
        name: rollout.name,
        status: rollout.status,
        policyVersion: policyLabel(rollout.policyVersion),
        stepIndex: a.stepIndex,
        state: a.state,
        stateReason: a.stateReason,
        active: a.active,
        issuedAt: times.get(a.rolloutId)?.issuedAt ?? null,
        ackedAt: times.get(a.rolloutId)?.ackedAt ?? null,
        updatedAt: a.updatedAt,
        rolloutStartedAt: rollout.startedAt,
        rolloutEndedAt: rollout.endedAt,
      }));
    return { items };
  }

  async update(
    operator: OperatorPrincipal,
    id: string,
    input: { name?: string | undefined; tags?: string[] | undefined },
    requestId: string,
  ) {
    await this.transactions.run(async () => {
      const before = await this.robots.nameAndTags(id);
      if (!before) throw new AppError('not_found', 'Robot not found');
      const after = await this.robots.update(id, {
        name: input.name,
        tags: input.tags === undefined ? undefined : [...new Set(input.tags)],
      });
      await this.audit.recordOperator(operator, {
        action: 'robot.update',
        targetType: 'robot',
        targetId: id,
        before,
        after,
        requestId,
      });
    });
    return this.view(id);
  }

  /** A robot's view read after a change has committed (outside its transaction; see `decommission`). */
  private async view(id: string) {
    const row = await this.robots.get(id);
    if (!row) throw new AppError('not_found', 'Robot not found');
    return robotView(row);
  }

  async listGroups() {
    return { items: await this.robots.groupsWithCounts() };
  }

  async createGroup(
    operator: OperatorPrincipal,
    input: { name: string; description?: string | undefined },
    requestId: string,
  ) {
    return this.transactions.run(async () => {
      if (await this.robots.groupByName(input.name)) {
        throw new AppError('conflict', `A group named "${input.name}" already exists`, [
          { path: 'name', message: 'is taken' },
        ]);
      }
      const group = await this.robots.createGroup({
        name: input.name,
        description: input.description ?? null,
      });
      await this.audit.recordOperator(operator, {
        action: 'group.create',
        targetType: 'robot_group',
        targetId: group.id,
        after: group,
        requestId,
      });
      return group;
    });
  }

  async changeMembers(
    operator: OperatorPrincipal,
    groupId: string,
    input: { add: string[]; remove: string[] },
    requestId: string,
  ) {
    return this.transactions.run(async () => {
      if (!(await this.robots.groupExists(groupId))) throw new AppError('not_found', 'Group not found');
      const known = await this.robots.existingIds(input.add);
      const missing = input.add.filter((id) => !known.has(id));
      if (missing.length > 0) {
        throw new AppError(
          'validation_failed',
          'Unknown robots',
          missing.map((id) => ({ path: `add[${input.add.indexOf(id)}]`, message: 'no such robot' })),
        );
      }
      const robotCount = await this.robots.changeMembers(groupId, input.add, input.remove);
      await this.audit.recordOperator(operator, {
        action: 'group.members.change',
        targetType: 'robot_group',
        targetId: groupId,
        after: input,
        requestId,
      });
      return { groupId, robotCount };
    });
  }
}
