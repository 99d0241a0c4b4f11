import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { PrismaService } from '../../infrastructure/prisma.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';

export const ONLINE_WINDOW_MS = 60_000;

export interface RobotListQuery {
  q?: string | undefined;
  groupId?: string | undefined;
  tag?: string | undefined;
  policyVersionId?: string | undefined;
  status?: 'online' | 'offline' | undefined;
  sort: 'name' | 'lastSeenAt' | 'enrolledAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

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
  appliedPolicyVersionId: true,
  appliedConfigVersion: true,
  appliedAt: true,
  lastSeq: true,
  latestTelemetry: true,
  groups: { select: { group: { select: { id: true, name: true } } } },
} satisfies Prisma.RobotSelect;

type RobotRow = Prisma.RobotGetPayload<{ select: typeof robotSelect }>;

function robotView(row: RobotRow, now = Date.now()) {
  const { groups, lastSeq, ...rest } = row;
  return {
    ...rest,
    lastSeq: Number(lastSeq),
    groups: groups.map((g) => g.group),
    status: row.lastSeenAt && now - row.lastSeenAt.getTime() < ONLINE_WINDOW_MS ? 'online' : 'offline',
  };
}

@Injectable()
export class RobotsService {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(query: RobotListQuery) {
    const onlineSince = new Date(Date.now() - ONLINE_WINDOW_MS);
    const where: Prisma.RobotWhereInput = {
      ...(query.q ? { name: { contains: query.q, mode: 'insensitive' } } : {}),
      ...(query.groupId ? { groups: { some: { groupId: query.groupId } } } : {}),
      ...(query.tag ? { tags: { has: query.tag } } : {}),
      ...(query.policyVersionId ? { appliedPolicyVersionId: query.policyVersionId } : {}),
      ...(query.status === 'online' ? { lastSeenAt: { gte: onlineSince } } : {}),
      ...(query.status === 'offline'
        ? { OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: onlineSince } }] }
        : {}),
    };
    const [total, rows] = await Promise.all([
      this.prisma.robot.count({ where }),
      this.prisma.robot.findMany({
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
    return { total, limit: query.limit, offset: query.offset, items: rows.map((row) => robotView(row)) };
  }

  async get(id: string) {
    const row = await this.prisma.robot.findUnique({ where: { id }, select: robotSelect });
    if (!row) throw new AppError('not_found', 'Robot not found');
    const configs = await this.prisma.robotConfig.findMany({
      where: { robotId: id },
      orderBy: { version: 'desc' },
      take: 20,
    });
    return { ...robotView(row), configs };
  }

  /** The rollouts that included this robot, newest first, with its per-robot state in each. */
  async rolloutHistory(id: string) {
    if (!(await this.prisma.robot.findUnique({ where: { id }, select: { id: true } }))) {
      throw new AppError('not_found', 'Robot not found');
    }
    const [assignments, configs] = await Promise.all([
      this.prisma.rolloutAssignment.findMany({
        where: { robotId: id },
        include: {
          rollout: {
            select: {
              name: true,
              status: true,
              createdAt: true,
              startedAt: true,
              endedAt: true,
              policyVersion: {
                select: { id: true, version: true, tau: true, policy: { select: { name: true } } },
              },
            },
          },
        },
      }),
      this.prisma.robotConfig.groupBy({
        by: ['rolloutId'],
        where: { robotId: id, rolloutId: { not: null } },
        _min: { issuedAt: true },
        _max: { ackedAt: true },
      }),
    ]);
    const issued = new Map(configs.map((c) => [c.rolloutId, c]));
    const items = assignments
      .sort((a, b) => b.rollout.createdAt.getTime() - a.rollout.createdAt.getTime())
      .map(({ rollout, ...a }) => ({
        rolloutId: a.rolloutId,
        name: rollout.name,
        status: rollout.status,
        policyVersion: {
          id: rollout.policyVersion.id,
          version: rollout.policyVersion.version,
          tau: rollout.policyVersion.tau,
          policyName: rollout.policyVersion.policy.name,
        },
        stepIndex: a.stepIndex,
        state: a.state,
        stateReason: a.stateReason,
        active: a.active,
        issuedAt: issued.get(a.rolloutId)?._min.issuedAt ?? null,
        ackedAt: issued.get(a.rolloutId)?._max.ackedAt ?? null,
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
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.robot.findUnique({ where: { id }, select: { name: true, tags: true } });
      if (!before) throw new AppError('not_found', 'Robot not found');
      const after = await tx.robot.update({
        where: { id },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.tags !== undefined ? { tags: [...new Set(input.tags)] } : {}),
        },
        select: robotSelect,
      });
      await this.audit.recordOperator(tx, operator, {
        action: 'robot.update',
        targetType: 'robot',
        targetId: id,
        before,
        after: { name: after.name, tags: after.tags },
        requestId,
      });
      return robotView(after);
    });
  }

  async listGroups() {
    const rows = await this.prisma.robotGroup.findMany({
      orderBy: { name: 'asc' },
      include: { _count: { select: { members: true } } },
    });
    return { items: rows.map(({ _count, ...group }) => ({ ...group, robotCount: _count.members })) };
  }

  async createGroup(
    operator: OperatorPrincipal,
    input: { name: string; description?: string | undefined },
    requestId: string,
  ) {
    return this.prisma.$transaction(async (tx) => {
      if (await tx.robotGroup.findUnique({ where: { name: input.name } })) {
        throw new AppError('conflict', `A group named "${input.name}" already exists`, [
          { path: 'name', message: 'is taken' },
        ]);
      }
      const group = await tx.robotGroup.create({
        data: { name: input.name, description: input.description ?? null },
      });
      await this.audit.recordOperator(tx, operator, {
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
    return this.prisma.$transaction(async (tx) => {
      if (!(await tx.robotGroup.findUnique({ where: { id: groupId } }))) {
        throw new AppError('not_found', 'Group not found');
      }
      const known = await tx.robot.findMany({ where: { id: { in: input.add } }, select: { id: true } });
      const missing = input.add.filter((id) => !known.some((robot) => robot.id === id));
      if (missing.length > 0) {
        throw new AppError(
          'validation_failed',
          'Unknown robots',
          missing.map((id) => ({ path: `add[${input.add.indexOf(id)}]`, message: 'no such robot' })),
        );
      }
      await tx.robotGroupMember.createMany({
        data: input.add.map((robotId) => ({ robotId, groupId })),
        skipDuplicates: true,
      });
      await tx.robotGroupMember.deleteMany({ where: { groupId, robotId: { in: input.remove } } });
      await this.audit.recordOperator(tx, operator, {
        action: 'group.members.change',
        targetType: 'robot_group',
        targetId: groupId,
        after: input,
        requestId,
      });
      return { groupId, robotCount: await tx.robotGroupMember.count({ where: { groupId } }) };
    });
  }
}
