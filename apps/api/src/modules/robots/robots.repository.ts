import type { RobotListQuery } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import { Database } from '../../infrastructure/database.js';

/** A policy version with its policy's name: how people recognise it. */
export const policyLabelSelect = {
  id: true,
  policyId: true,
  version: true,
  tau: true,
  policy: { select: { name: true } },
} satisfies Prisma.GatePolicyVersionSelect;

const robotSelect = {
  id: true,
  name: true,
  tags: true,
  hardware: true,
  enrolledAt: true,
  lastSeenAt: true,
  desiredPolicyVersionId: true,
  desiredConfigVersion: true,
  desiredRolloutId: true,
  desiredPolicyVersion: { select: policyLabelSelect },
  appliedPolicyVersionId: true,
  appliedPolicyVersion: { select: policyLabelSelect },
  appliedConfigVersion: true,
  appliedAt: true,
  lastSeq: true,
  latestTelemetry: true,
  groups: { select: { group: { select: { id: true, name: true } } } },
  decommissionedAt: true,
  agentReport: { select: { inventory: true, outbox: true, reportedAt: true } },
} satisfies Prisma.RobotSelect;

export type RobotRow = Prisma.RobotGetPayload<{ select: typeof robotSelect }>;
export type { RobotListQuery };
export type PolicyLabelRow = Prisma.GatePolicyVersionGetPayload<{ select: typeof policyLabelSelect }>;

/** Robots, their groups, configs and rollout memberships. Writes join the caller's transaction. */
@Injectable()
export class RobotsRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** One page of robots matching the query, and how many match in all. */
  async list(query: RobotListQuery, onlineSince: Date): Promise<{ total: number; rows: RobotRow[] }> {
    const where: Prisma.RobotWhereInput = {
      ...(query.q ? { name: { contains: query.q, mode: 'insensitive' } } : {}),
      ...(query.groupId ? { groups: { some: { groupId: query.groupId } } } : {}),
      ...(query.tag ? { tags: { has: query.tag } } : {}),
      ...(query.policyVersionId ? { appliedPolicyVersionId: query.policyVersionId } : {}),
      ...(query.agentVersion || query.arch || query.flashKind
        ? {
            agentReport: {
              is: {
                ...(query.agentVersion ? { agentVersion: query.agentVersion } : {}),
                ...(query.arch ? { arch: query.arch } : {}),
                ...(query.flashKind ? { flashKind: query.flashKind } : {}),
              },
            },
          }
        : {}),
      ...(query.decommissioned === 'exclude' ? { decommissionedAt: null } : {}),
      ...(query.decommissioned === 'only' ? { decommissionedAt: { not: null } } : {}),
      ...(query.status === 'online' ? { lastSeenAt: { gte: onlineSince } } : {}),
      ...(query.status === 'offline'
        ? { OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: onlineSince } }] }
        : {}),
    };
    const [total, rows] = await Promise.all([
      this.db.client.robot.count({ where }),
      this.db.client.robot.findMany({
        where,
        select: robotSelect,
        orderBy: [
          query.sort === 'lastSeenAt'
            ? { lastSeenAt: { sort: query.order, nulls: 'last' } }
            : { [query.sort]: query.order },
          { id: 'asc' },
        ],
        take: query.limit,
        skip: query.offset,
      }),
    ]);
    return { total, rows };
  }

  async get(id: string): Promise<RobotRow | null> {
    return this.db.client.robot.findUnique({ where: { id }, select: robotSelect });
  }

  /** The robot's row locked for a credential change (decommission, secret rotation). */
  async lockCredentials(id: string) {
    const [row] = await this.db.client.$queryRaw<
      { id: string; name: string; decommissioned_at: Date | null; secret_prefix: string }[]
    >`SELECT id, name, decommissioned_at, secret_prefix FROM robot WHERE id = ${id}::uuid FOR UPDATE`;
    return row;
  }

  /** Marks it decommissioned (its secret still identifies it, so a refusal can say why). */
  async decommission(id: string, reason: string, at: Date) {
    return this.db.client.robot.update({
      where: { id },
      data: { decommissionedAt: at, decommissionReason: reason },
      select: robotSelect,
    });
  }

  async replaceSecret(id: string, secret: { prefix: string; hash: string }, at: Date) {
    await this.db.client.robot.update({
      where: { id },
      data: { secretPrefix: secret.prefix, secretHash: secret.hash, secretRotatedAt: at },
    });
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.client.robot.findUnique({ where: { id }, select: { id: true } })) !== null;
  }

  async recentConfigs(robotId: string, limit: number) {
    return this.db.client.robotConfig.findMany({
      where: { robotId },
      include: { policyVersion: { select: policyLabelSelect } },
      orderBy: { version: 'desc' },
      take: limit,
    });
  }

  /** Every rollout membership of a robot, with the rollout's name, status, times and policy version. */
  async memberships(robotId: string) {
    return this.db.client.rolloutAssignment.findMany({
      where: { robotId },
      include: {
        rollout: {
          select: {
            name: true,
            status: true,
            createdAt: true,
            startedAt: true,
            endedAt: true,
            policyVersion: { select: policyLabelSelect },
          },
        },
      },
    });
  }

  /** Per rollout: when it first issued this robot a config and when the robot last acknowledged one. */
  async rolloutConfigTimes(robotId: string) {
    const rows = await this.db.client.robotConfig.groupBy({
      by: ['rolloutId'],
      where: { robotId, rolloutId: { not: null } },
      _min: { issuedAt: true },
      _max: { ackedAt: true },
    });
    return new Map(
      rows.map((row) => [row.rolloutId, { issuedAt: row._min.issuedAt, ackedAt: row._max.ackedAt }]),
    );
  }

  async nameAndTags(id: string) {
    return this.db.client.robot.findUnique({ where: { id }, select: { name: true, tags: true } });
  }

  async update(id: string, data: { name?: string | undefined; tags?: string[] | undefined }) {
    return this.db.client.robot.update({
      where: { id },
      data: {
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.tags !== undefined ? { tags: data.tags } : {}),
      },
      select: robotSelect,
    });
  }

  async groupsWithCounts() {
    const rows = await this.db.client.robotGroup.findMany({
      orderBy: { name: 'asc' },
      include: { _count: { select: { members: true } } },
    });
    return rows.map(({ _count, ...group }) => ({ ...group, robotCount: _count.members }));
  }

  async groupByName(name: string) {
    return this.db.client.robotGroup.findUnique({ where: { name } });
  }

  async groupExists(id: string): Promise<boolean> {
    return (await this.db.client.robotGroup.findUnique({ where: { id }, select: { id: true } })) !== null;
  }

  async createGroup(data: { name: string; description: string | null }) {
    return this.db.client.robotGroup.create({ data });
  }

  /** Of `ids`, the robots that exist. */
  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.client.robot.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true },
    });
    return new Set(rows.map((row) => row.id));
  }

  /** Adds and removes members; returns the group's size afterwards. */
  async changeMembers(groupId: string, add: readonly string[], remove: readonly string[]) {
    await this.db.client.robotGroupMember.createMany({
      data: add.map((robotId) => ({ robotId, groupId })),
      skipDuplicates: true,
    });
    await this.db.client.robotGroupMember.deleteMany({ where: { groupId, robotId: { in: [...remove] } } });
    return this.db.client.robotGroupMember.count({ where: { groupId } });
  }
}
