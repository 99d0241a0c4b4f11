import type { RobotListQuery } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
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

/** Filtered counts are exact up to this many matches; above it the planner's estimate answers. */
export const COUNT_CAP = 10_000;

/** Where a page starts: after the robot with this sort-key value and id. */
export interface RobotListCursor {
  value: string;
  id: string;
}

/**
 * The sort key as an indexed expression: never-seen robots sort last in both directions, so their
 * last_seen_at counts as +infinity ascending and −infinity descending (robot_last_seen_*_key_idx).
 */
function sortKey(sort: RobotListQuery['sort'], desc: boolean): Prisma.Sql {
  if (sort === 'name') return Prisma.raw('name');
  if (sort === 'enrolledAt') return Prisma.raw('enrolled_at');
  return desc
    ? Prisma.raw("coalesce(last_seen_at, '-infinity'::timestamptz)")
    : Prisma.raw("coalesce(last_seen_at, 'infinity'::timestamptz)");
}

const keyType = (sort: RobotListQuery['sort']) => Prisma.raw(sort === 'name' ? 'text' : 'timestamptz');

/** The value of a row's sort key as the cursor carries it (what `sortKey` compares). */
export function sortKeyValue(row: RobotRow, sort: RobotListQuery['sort'], desc: boolean): string {
  if (sort === 'name') return row.name;
  if (sort === 'enrolledAt') return row.enrolledAt.toISOString();
  return row.lastSeenAt?.toISOString() ?? (desc ? '-infinity' : 'infinity');
}

/** The list filters the query sets, `decommissioned` aside (it always has a value). */
const setFilters = (query: RobotListQuery) =>
  (['q', 'groupId', 'tag', 'policyVersionId', 'status', 'agentVersion', 'arch', 'flashKind'] as const).filter(
    (name) => query[name] !== undefined && query[name] !== '',
  );

/** Whether `name` is the one filter the query sets besides `decommissioned`. */
const onlyFilter = (query: RobotListQuery, name: ReturnType<typeof setFilters>[number]) => {
  const set = setFilters(query);
  return set.length === 1 && set[0] === name;
};

/** The list query's filters as SQL conditions (ANDed). */
function robotFilters(query: RobotListQuery, onlineSince: Date): Prisma.Sql[] {
  const filters: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(Prisma.sql`name ILIKE ${pattern}`);
  }
  if (query.groupId) {
    filters.push(
      Prisma.sql`EXISTS (SELECT 1 FROM robot_group_member m WHERE m.robot_id = robot.id AND m.group_id = ${query.groupId}::uuid)`,
    );
  }
  if (query.tag) filters.push(Prisma.sql`tags @> ARRAY[${query.tag}]::text[]`);
  if (query.policyVersionId)
    filters.push(Prisma.sql`applied_policy_version_id = ${query.policyVersionId}::uuid`);
  if (query.agentVersion || query.arch || query.flashKind) {
    filters.push(Prisma.sql`EXISTS (SELECT 1 FROM robot_agent_report a WHERE a.robot_id = robot.id
      ${query.agentVersion ? Prisma.sql`AND a.agent_version = ${query.agentVersion}` : Prisma.empty}
      ${query.arch ? Prisma.sql`AND a.arch = ${query.arch}` : Prisma.empty}
      ${query.flashKind ? Prisma.sql`AND a.flash_kind = ${query.flashKind}` : Prisma.empty})`);
  }
  if (query.decommissioned === 'exclude') filters.push(Prisma.sql`decommissioned_at IS NULL`);
  if (query.decommissioned === 'only') filters.push(Prisma.sql`decommissioned_at IS NOT NULL`);
  if (query.status === 'online') filters.push(Prisma.sql`last_seen_at >= ${onlineSince}`);
  if (query.status === 'offline') {
    filters.push(Prisma.sql`(last_seen_at IS NULL OR last_seen_at < ${onlineSince})`);
  }
  return filters;
}

/** Robots, their groups, configs and rollout memberships. Writes join the caller's transaction. */
@Injectable()
export class RobotsRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /**
   * One page of robots matching the query in keyset order, and how many match. The page's ids come
   * from one SQL statement walking an index of the sort key (`robot_*_key_idx`), after `after` when
   * given (keyset) or skipping `offset` rows (deprecated: a deep offset still walks the skipped rows);
   * one row more than the limit says whether another page follows. The count does not scan the fleet:
   * without filters it is the maintained `robot_tally`, for one tag `robot_tag_tally`; otherwise an
   * exact count stops at COUNT_CAP matches (one group's walks its member index), and beyond that the
   * planner's estimate is returned, marked not exact.
   */
  async list(
    query: RobotListQuery,
    onlineSince: Date,
    after?: RobotListCursor,
  ): Promise<{ total: number; totalExact: boolean; rows: RobotRow[]; more: boolean }> {
    const filters = robotFilters(query, onlineSince);
    const where = Prisma.join(filters, ' AND ');
    const desc = query.order === 'desc';
    const key = sortKey(query.sort, desc);
    const keyset = after
      ? desc
        ? Prisma.sql`AND (${key}, id) < (${after.value}::${keyType(query.sort)}, ${after.id}::uuid)`
        : Prisma.sql`AND (${key}, id) > (${after.value}::${keyType(query.sort)}, ${after.id}::uuid)`
      : Prisma.empty;
    const direction = desc ? Prisma.raw('DESC') : Prisma.raw('ASC');
    // Two reads at once on the pool; so list() must not run inside a transaction, whose one pg client
    // would get them both (docs/database.md). Inside one, count() alone is safe.
    const [count, page] = await Promise.all([
      this.countFiltered(query, filters),
      this.db.client.$queryRaw<{ id: string }[]>`
        SELECT id FROM robot WHERE ${where} ${keyset}
         ORDER BY ${key} ${direction}, id ${direction}
         LIMIT ${query.limit + 1} OFFSET ${after ? 0 : query.offset}`,
    ]);
    const ids = page.slice(0, query.limit).map((row) => row.id);
    const found = await this.db.client.robot.findMany({ where: { id: { in: ids } }, select: robotSelect });
    const byId = new Map(found.map((row) => [row.id, row]));
    const rows = ids.flatMap((id) => byId.get(id) ?? []);
    return { ...count, rows, more: page.length > query.limit };
  }

  /**
   * Exact up to COUNT_CAP, else the planner's estimate. Maintained tallies answer without reading
   * robots when nothing filters (`robot_tally`) or one tag does (`robot_tag_tally`, exact at any size);
   * one group's capped count walks its member index (see migration 20261203160000).
   */
  count(query: RobotListQuery, onlineSince: Date): Promise<{ total: number; totalExact: boolean }> {
    return this.countFiltered(query, robotFilters(query, onlineSince));
  }

  private async countFiltered(
    query: RobotListQuery,
    filters: Prisma.Sql[],
  ): Promise<{ total: number; totalExact: boolean }> {
    const select = (robots: bigint | undefined, decommissioned: bigint | undefined) => {
      const [all, decom] = [Number(robots ?? 0), Number(decommissioned ?? 0)];
      const total =
        query.decommissioned === 'include' ? all : query.decommissioned === 'only' ? decom : all - decom;
      return { total, totalExact: true };
    };
    if (setFilters(query).length === 0) {
      const [tally] = await this.db.client.$queryRaw<{ robots: bigint; decommissioned: bigint }[]>`
        SELECT robots, decommissioned FROM robot_tally`;
      return select(tally?.robots, tally?.decommissioned);
    }
    if (onlyFilter(query, 'tag')) {
      const [tally] = await this.db.client.$queryRaw<{ robots: bigint; decommissioned: bigint }[]>`
        SELECT robots, decommissioned FROM robot_tag_tally WHERE tag = ${query.tag}`;
      return select(tally?.robots, tally?.decommissioned);
    }
    if (onlyFilter(query, 'groupId')) {
      // the member index in robot order, anti- or semi-joined to the (few) decommissioned robots
      const decommissioned = Prisma.sql`SELECT 1 FROM robot r WHERE r.id = m.robot_id AND r.decommissioned_at IS NOT NULL`;
      const which =
        query.decommissioned === 'exclude'
          ? Prisma.sql`AND NOT EXISTS (${decommissioned})`
          : query.decommissioned === 'only'
            ? Prisma.sql`AND EXISTS (${decommissioned})`
            : Prisma.empty;
      return this.cappedCount(
        Prisma.sql`SELECT 1 FROM robot_group_member m WHERE m.group_id = ${query.groupId}::uuid ${which}`,
      );
    }
    return this.cappedCount(Prisma.sql`SELECT 1 FROM robot WHERE ${Prisma.join(filters, ' AND ')}`);
  }

  /** How many rows `matching` (a `SELECT 1 …`) yields: exact up to COUNT_CAP, else the planner's estimate. */
  private async cappedCount(matching: Prisma.Sql): Promise<{ total: number; totalExact: boolean }> {
    const [capped] = await this.db.client.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (${matching} LIMIT ${COUNT_CAP + 1}) matching`;
    const n = Number(capped?.n ?? 0);
    if (n <= COUNT_CAP) return { total: n, totalExact: true };
    const [plan] = await this.db.client.$queryRaw<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>`
      EXPLAIN (FORMAT JSON) ${matching}`;
    const estimate = Math.round(plan?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0);
    return { total: Math.max(estimate, COUNT_CAP + 1), totalExact: false };
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

  /**
   * Marks it decommissioned (its secret still identifies it, so a refusal can say why). Like
   * `update`, returns only its own columns: selecting relations in a transaction makes Prisma 7.10
   * read them concurrently on the transaction's one pg client (pg 8 warns, pg 9 refuses;
   * docs/database.md), so callers read the whole row with `get` after the commit.
   */
  async decommission(id: string, reason: string, at: Date) {
    return this.db.client.robot.update({
      where: { id },
      data: { decommissionedAt: at, decommissionReason: reason },
      select: { decommissionedAt: true },
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
      select: { name: true, tags: true },
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
