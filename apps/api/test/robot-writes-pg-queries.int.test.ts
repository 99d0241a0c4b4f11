import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './support/api-harness.js';

/**
 * A robot's edit and decommission answer with the whole robot (policy versions, groups, agent report).
 * Selected inside their transactions, Prisma 7.10 read those relations concurrently on the
 * transaction's one pg client: pg 8 warns 'already executing a query', pg 9 refuses
 * (docs/database.md). They now read the robot after the commit. Node prints a deprecation once per
 * process, so this file (its own process) checks it before anything else could.
 */
describe('robot writes never overlap queries on one pg client', () => {
  const { api, keys } = ApiHarness.forSuite(['operator']);
  const overlaps: string[] = [];
  const onWarning = (warning: Error) => {
    if (warning.message.includes('already executing a query')) overlaps.push(warning.stack ?? '');
  };
  process.on('warning', onWarning);
  afterAll(() => {
    process.off('warning', onWarning);
  });

  it('edits a robot (name, tags) and decommissions it: the whole robot back, no overlapping query', async () => {
    const tag = `pgq-${randomUUID().slice(0, 8)}`;
    const robot = await api.enrollRobot(keys.operator);
    const edited = await api.request({
      method: 'PATCH',
      url: `/v1/robots/${robot.robotId}`,
      token: keys.operator,
      payload: { name: `${tag}-renamed`, tags: [tag, tag] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: `${tag}-renamed`, tags: [tag] });
    const done = await api.request({
      method: 'POST',
      url: `/v1/robots/${robot.robotId}/decommission`,
      token: keys.operator,
      payload: { reason: 'test' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().decommissionedAt).toEqual(expect.any(String));
    // warnings are emitted on the next tick
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(overlaps).toEqual([]);
  });
});
