import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Database, Transactions } from '../src/infrastructure/database.js';
import { COUNT_CAP, RobotsRepository } from '../src/modules/robots/robots.repository.js';
import { ApiHarness } from './support/api-harness.js';

interface Listed {
  total: number;
  totalExact: boolean;
  offset: number;
  items: { id: string; name: string; lastSeenAt: string | null; enrolledAt: string }[];
  nextCursor?: string;
}

/**
 * GET /v1/robots at fleet scale (issue 15): keyset pages (cursor) give exactly the rows and order of
 * the offset pages — ties on the sort key broken by id, never-seen robots last in both directions —
 * and the robot counts kept by robot_tally's and robot_tag_tally's triggers equal counts of the table.
 */
describe('robot list: keyset pages and maintained counts', () => {
  const { api, keys } = ApiHarness.forSuite(['operator']);
  const tag = `keyset-${randomUUID().slice(0, 8)}`;
  const seen = new Date(Date.now() - 5_000);

  beforeAll(async () => {
    // Seven robots: two share a last-seen time and two an enrolment time (ties), one was never seen.
    const rows = [
      { name: `${tag}-c`, lastSeenAt: seen, enrolledAt: new Date('2026-11-01T00:00:00Z') },
      { name: `${tag}-a`, lastSeenAt: seen, enrolledAt: new Date('2026-11-01T00:00:00Z') },
      { name: `${tag}-e`, lastSeenAt: null, enrolledAt: new Date('2026-11-03T00:00:00Z') },
      {
        name: `${tag}-b`,
        lastSeenAt: new Date(seen.getTime() - 60_000),
        enrolledAt: new Date('2026-11-02T00:00:00Z'),
      },
      {
        name: `${tag}-g`,
        lastSeenAt: new Date(seen.getTime() + 1_000),
        enrolledAt: new Date('2026-11-05T00:00:00Z'),
      },
      {
        name: `${tag}-d`,
        lastSeenAt: new Date(seen.getTime() - 1_000),
        enrolledAt: new Date('2026-11-04T00:00:00Z'),
      },
      { name: `${tag}-f`, lastSeenAt: seen, enrolledAt: new Date('2026-11-06T00:00:00Z') },
    ];
    for (const row of rows) {
      await api.prisma.robot.create({
        data: { ...row, tags: [tag], secretPrefix: randomUUID().slice(0, 30), secretHash: 'not-a-hash' },
      });
    }
  });

  const list = async (query: string): Promise<Listed> => {
    const response = await api.request({
      method: 'GET',
      url: `/v1/robots?tag=${tag}&${query}`,
      token: keys.operator,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  for (const sort of ['name', 'lastSeenAt', 'enrolledAt'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      it(`walks sort=${sort}&order=${order} by cursor in the order of the offset pages`, async () => {
        const all = await list(`sort=${sort}&order=${order}&limit=500`);
        expect(all).toMatchObject({ total: 7, totalExact: true });
        expect(all.nextCursor).toBeUndefined();
        const walked: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await list(`sort=${sort}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
          expect(page.items.length).toBeLessThanOrEqual(2);
          expect(page.offset).toBe(0);
          walked.push(...page.items.map((r) => r.id));
          const byOffset = await list(`sort=${sort}&order=${order}&limit=2&offset=${pages * 2}`);
          expect(page.items.map((r) => r.id)).toEqual(byOffset.items.map((r) => r.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 10);
        expect(pages).toBe(4);
        expect(walked).toEqual(all.items.map((r) => r.id));
        // the order asked for: the key, then the id in the same direction, never-seen robots last
        const key = (r: Listed['items'][number]) =>
          sort === 'name' ? r.name : sort === 'enrolledAt' ? r.enrolledAt : r.lastSeenAt;
        const expected = [...all.items].sort((x, y) => {
          const [a, b] = [key(x), key(y)];
          if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
          const byKey = a < b ? -1 : a > b ? 1 : 0;
          const byId = x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
          return (order === 'asc' ? 1 : -1) * (byKey || byId);
        });
        expect(all.items.map((r) => r.id)).toEqual(expected.map((r) => r.id));
        if (sort === 'lastSeenAt') expect(all.items.at(-1)?.lastSeenAt).toBeNull();
      });
    }
  }

  it('refuses a cursor of another order, a made-up cursor, and cursor with offset', async () => {
    const first = await list('sort=name&limit=2');
    expect(first.nextCursor).toBeDefined();
    for (const query of [
      `sort=lastSeenAt&limit=2&cursor=${first.nextCursor}`,
      `sort=name&order=desc&limit=2&cursor=${first.nextCursor}`,
      `sort=name&limit=2&cursor=${Buffer.from('["name","asc","x","not-an-id"]').toString('base64url')}`,
      `sort=name&limit=2&offset=2&cursor=${first.nextCursor}`,
    ]) {
      const response = await api.request({
        method: 'GET',
        url: `/v1/robots?tag=${tag}&${query}`,
        token: keys.operator,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });

  it('keeps robot_tally equal to a count of the table through enrolment, decommission and deletion', async () => {
    // One statement, one snapshot: other suites enrolling meanwhile cannot make it differ.
    const agrees = async () => {
      const [row] = await api.prisma.$queryRaw<
        { tally: bigint; counted: bigint; decom: bigint; counted_decom: bigint }[]
      >`
        SELECT t.robots AS tally, (SELECT count(*) FROM robot) AS counted,
               t.decommissioned AS decom,
               (SELECT count(*) FROM robot WHERE decommissioned_at IS NOT NULL) AS counted_decom
          FROM robot_tally t`;
      expect(row?.tally).toBe(row?.counted);
      expect(row?.decom).toBe(row?.counted_decom);
    };
    await agrees();
    const enrolled = await api.enrollRobot(keys.operator, `${tag}-z`);
    await agrees();
    await api.prisma.robot.update({ where: { id: enrolled.robotId }, data: { tags: [tag] } });
    const listed = await list('limit=1');
    expect(listed).toMatchObject({ total: 8, totalExact: true });
    const decommissioned = await api.request({
      method: 'POST',
      url: `/v1/robots/${enrolled.robotId}/decommission`,
      token: keys.operator,
      payload: { reason: 'tally test' },
    });
    expect(decommissioned.statusCode).toBe(200);
    await agrees();
    expect((await list('limit=1')).total).toBe(7);
    expect((await list('limit=1&decommissioned=only')).total).toBe(1);
    // the unfiltered count answers from the tally, and agrees with the table
    const everyone = await api.request({
      method: 'GET',
      url: '/v1/robots?limit=1&decommissioned=include',
      token: keys.operator,
    });
    const [counted] = await api.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM robot`;
    expect(everyone.json()).toMatchObject({ totalExact: true });
    expect(everyone.json().total).toBeLessThanOrEqual(Number(counted?.n));
    await api.prisma.robot.deleteMany({ where: { tags: { has: tag }, decommissionedAt: { not: null } } });
    await agrees();
    await api.prisma.robot.updateMany({
      where: { tags: { has: tag } },
      data: { decommissionedAt: new Date() },
    });
    await agrees();
    await api.prisma.robot.deleteMany({ where: { tags: { has: tag } } });
    await agrees();
  });
  it('keeps robot_tag_tally equal to a count of the table through enrolment, re-tag, decommission and deletion', async () => {
    // Tags of this test's own (the suite's robots are deleted by the test above).
    const [mine, other] = [`${tag}-t1`, `${tag}-t2`];
    for (const name of ['p', 'q']) {
      await api.prisma.robot.create({
        data: {
          name: `${mine}-${name}`,
          tags: [mine],
          secretPrefix: randomUUID().slice(0, 30),
          secretHash: 'x',
        },
      });
    }
    // One statement, one snapshot (other suites use tags of their own).
    const agrees = async () => {
      const rows = await api.prisma.$queryRaw<
        { tag: string; tally: bigint | null; counted: bigint; decom: bigint | null; counted_decom: bigint }[]
      >`
        SELECT x.tag, t.robots AS tally, t.decommissioned AS decom,
               (SELECT count(*) FROM robot WHERE tags @> ARRAY[x.tag]) AS counted,
               (SELECT count(*) FROM robot WHERE tags @> ARRAY[x.tag] AND decommissioned_at IS NOT NULL) AS counted_decom
          FROM unnest(ARRAY[${mine}, ${other}]::text[]) AS x(tag)
          LEFT JOIN robot_tag_tally t ON t.tag = x.tag`;
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.tally ?? 0n, row.tag).toBe(row.counted);
        expect(row.decom ?? 0n, row.tag).toBe(row.counted_decom);
      }
    };
    const total = async (query: string) => api.ok(keys.operator, 'GET', `/v1/robots?limit=1&${query}`);
    await agrees();
    expect(await total(`tag=${mine}`)).toMatchObject({ total: 2, totalExact: true });
    const enrolled = await api.enrollRobot(keys.operator, `${mine}-y`);
    // a duplicated tag counts once, as the list's filter finds the robot once
    await api.prisma.robot.update({ where: { id: enrolled.robotId }, data: { tags: [other, mine, other] } });
    await agrees();
    expect(await total(`tag=${other}`)).toMatchObject({ total: 1, totalExact: true });
    expect(await total(`tag=${mine}`)).toMatchObject({ total: 3, totalExact: true });
    const decommissioned = await api.request({
      method: 'POST',
      url: `/v1/robots/${enrolled.robotId}/decommission`,
      token: keys.operator,
      payload: { reason: 'tag tally test' },
    });
    expect(decommissioned.statusCode).toBe(200);
    await agrees();
    expect(await total(`tag=${other}`)).toMatchObject({ total: 0, totalExact: true });
    expect(await total(`tag=${other}&decommissioned=only`)).toMatchObject({ total: 1, totalExact: true });
    expect(await total(`tag=${mine}&decommissioned=include`)).toMatchObject({ total: 3, totalExact: true });
    await api.prisma.robot.update({ where: { id: enrolled.robotId }, data: { tags: [other] } });
    await agrees();
    expect(await total(`tag=${mine}&decommissioned=include`)).toMatchObject({ total: 2 });
    await api.prisma.robot.deleteMany({ where: { tags: { hasSome: [mine, other] } } });
    await agrees();
    expect(await total(`tag=${mine}`)).toMatchObject({ total: 0, totalExact: true });
  });

  it('counts one group from its members: decommissioned robots per the filter, capped past COUNT_CAP', async () => {
    const robots = await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        api.prisma.robot.create({
          data: { name: `${tag}-g-${name}`, secretPrefix: randomUUID().slice(0, 30), secretHash: 'x' },
          select: { id: true },
        }),
      ),
    );
    const group = await api.ok(keys.operator, 'POST', '/v1/groups', { name: `${tag}-group` });
    await api.ok(keys.operator, 'POST', `/v1/groups/${group.id}/members`, {
      add: robots.map((r) => r.id),
      remove: [],
    });
    await api.prisma.robot.update({ where: { id: robots[0]!.id }, data: { decommissionedAt: new Date() } });
    try {
      const count = async (decommissioned: string) =>
        api.ok(
          keys.operator,
          'GET',
          `/v1/robots?groupId=${group.id}&limit=2&decommissioned=${decommissioned}`,
        );
      expect(await count('exclude')).toMatchObject({ total: robots.length - 1, totalExact: true });
      expect(await count('only')).toMatchObject({ total: 1, totalExact: true });
      expect(await count('include')).toMatchObject({ total: robots.length, totalExact: true });
      // the page agrees with the count: the decommissioned member is listed only when asked for
      expect((await count('only')).items.map((r: { id: string }) => r.id)).toEqual([robots[0]!.id]);
    } finally {
      await api.prisma.robot.update({ where: { id: robots[0]!.id }, data: { decommissionedAt: null } });
    }

    // Past the cap: COUNT_CAP + 5 members, written and counted inside one transaction that is rolled
    // back, so suites running beside this one never see them.
    const transactions = api.app.get(Transactions);
    const repository = api.app.get(RobotsRepository);
    const database = api.app.get(Database);
    const rolledBack = new Error('roll back');
    const counted: { total: number; totalExact: boolean }[] = [];
    await expect(
      transactions.run(
        async () => {
          const db = database.client; // the transaction's, which the repository queries through too
          await db.$executeRaw`
            INSERT INTO robot (name, secret_prefix, secret_hash, tags)
            SELECT ${`${tag}-many-`} || i, ${`${tag.slice(-8)}m`} || i, 'not-a-hash', ARRAY[${`${tag}-many`}]
              FROM generate_series(1, ${COUNT_CAP + 5}::int) AS i`;
          await db.$executeRaw`
            INSERT INTO robot_group_member (robot_id, group_id)
            SELECT id, ${group.id}::uuid FROM robot WHERE tags @> ARRAY[${`${tag}-many`}]`;
          // the count alone: list() reads two statements at once, which one transaction cannot serve
          for (const decommissioned of ['exclude', 'include'] as const) {
            const listed = await repository.count(
              {
                groupId: group.id,
                decommissioned,
                sort: 'name',
                order: 'asc',
                limit: 2,
                offset: 0,
              } as Parameters<RobotsRepository['count']>[0],
              new Date(),
            );
            counted.push(listed);
          }
          throw rolledBack;
        },
        { timeoutMs: 60_000 },
      ),
    ).rejects.toBe(rolledBack);
    for (const c of counted) {
      expect(c.totalExact).toBe(false);
      expect(c.total).toBeGreaterThan(COUNT_CAP);
    }
    expect(await api.prisma.robot.count({ where: { tags: { has: `${tag}-many` } } })).toBe(0);
    await api.prisma.robot.deleteMany({ where: { id: { in: robots.map((r) => r.id) } } });
  }, 60_000);
});
