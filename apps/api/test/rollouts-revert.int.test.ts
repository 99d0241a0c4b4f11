import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness, uniqueName } from './support/api-harness.js';

/**
 * Abort and rollback return each robot to what it should run NOW — the fleet default as it is at the
 * revert when the default changed during the rollout (a change that would have moved the robot had
 * the rollout not held it), else the version it ran before — and a revert of a whole 10,000-robot
 * fleet completes.
 */
describe('rollout revert: what each robot should run now, at fleet scale', { timeout: 180_000 }, () => {
  const { api, keys } = ApiHarness.forSuite(['operator'], { AGENT_RATE_LIMIT: '0' });
  let originalDefault: string;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    api.ok(keys.operator, method, url, payload);
  const newVersion = async (tau: number) =>
    (await call('POST', '/v1/policies', { name: uniqueName('revert'), tau })).versions[0].id as string;
  const setDefault = (policyVersionId: string) =>
    call('PUT', '/v1/fleet/default-policy', { policyVersionId, reason: 'revert test' });
  const desired = async (robotIds: string[]) =>
    (
      await api.prisma.robot.findMany({
        where: { id: { in: robotIds } },
        select: { id: true, desiredPolicyVersionId: true, desiredRolloutId: true },
      })
    ).map((r) => r.desiredPolicyVersionId);
  const rolloutOver = async (tag: string, versionId: string) => {
    const created = await call('POST', '/v1/rollouts', {
      name: uniqueName('revert-rollout'),
      spec: {
        policyVersionId: versionId,
        target: { tags: [tag] },
        steps: [{ percent: 100, bakeSeconds: 3600 }],
        gates: { minRobotsPerCohort: 1, minSamplesPerCohort: 1 },
      },
    });
    return created.id as string;
  };

  beforeAll(async () => {
    originalDefault = (await call('GET', '/v1/fleet/default-policy')).policyVersion.id as string;
  });
  afterAll(async () => {
    if (originalDefault) await setDefault(originalDefault).catch(() => undefined);
  });

  it('abort sends robots to the fleet default as it is now when it changed during the rollout', async () => {
    const tag = uniqueName('now');
    const robots = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const robot = await api.enrollRobot(keys.operator);
        await api.prisma.robot.update({ where: { id: robot.robotId }, data: { tags: [tag] } });
        return robot.robotId;
      }),
    );
    const before = await newVersion(0.45);
    await setDefault(before);
    expect(await desired(robots)).toEqual([before, before, before]);
    const candidate = await newVersion(0.7);
    const id = await rolloutOver(tag, candidate);
    await call('POST', `/v1/rollouts/${id}/start`, { reason: 'test' });
    expect(await desired(robots)).toEqual([candidate, candidate, candidate]);

    // Meanwhile an operator moves the fleet default on: the held robots do not follow (yet).
    const meanwhile = await newVersion(0.55);
    await setDefault(meanwhile);
    expect(await desired(robots)).toEqual([candidate, candidate, candidate]);

    const aborted = await call('POST', `/v1/rollouts/${id}/abort`, { reason: 'test' });
    expect(aborted.status).toBe('aborted');
    expect(await desired(robots)).toEqual([meanwhile, meanwhile, meanwhile]);
  });

  it('without a default change, abort sends each robot back to the version it ran before', async () => {
    const tag = uniqueName('before');
    const robot = await api.enrollRobot(keys.operator);
    await api.prisma.robot.update({ where: { id: robot.robotId }, data: { tags: [tag] } });
    // It runs a version that is not the default (left by an earlier, finished rollout).
    const own = await newVersion(0.35);
    const first = await rolloutOver(tag, own);
    await call('POST', `/v1/rollouts/${first}/start`, { reason: 'test' });
    await call('POST', `/v1/rollouts/${first}/promote`, { reason: 'finish it' });
    expect((await call('GET', `/v1/rollouts/${first}`)).status).toBe('succeeded');
    expect(await desired([robot.robotId])).toEqual([own]);

    const second = await rolloutOver(tag, await newVersion(0.8));
    await call('POST', `/v1/rollouts/${second}/start`, { reason: 'test' });
    await call('POST', `/v1/rollouts/${second}/abort`, { reason: 'test' });
    expect(await desired([robot.robotId])).toEqual([own]);
  });

  it('starts and aborts a rollout over 10,000 robots, each verb in one transaction that completes', async () => {
    const tag = uniqueName('fleet10k');
    const fleetDefault = (await call('GET', '/v1/fleet/default-policy')).policyVersion.id as string;
    // 10,000 robots straight into PostgreSQL (enrolling each through HTTP would take minutes).
    await api.prisma.$executeRaw`
      WITH made AS (
        INSERT INTO robot (name, secret_prefix, secret_hash, tags, desired_policy_version_id, desired_config_version)
        SELECT 'bulk-' || g, 'rs_' || substr(md5(${tag} || g), 1, 12), md5(g::text), ARRAY[${tag}],
               ${fleetDefault}::uuid, 1
          FROM generate_series(1, 10000) g
        RETURNING id)
      INSERT INTO robot_config (robot_id, version, policy_version_id) SELECT id, 1, ${fleetDefault}::uuid FROM made`;
    const candidate = await newVersion(0.65);
    const id = await rolloutOver(tag, candidate);
    let started = Date.now();
    await call('POST', `/v1/rollouts/${id}/start`, { reason: '10k start' });
    const startMs = Date.now() - started;
    expect(
      await api.prisma.robot.count({ where: { tags: { has: tag }, desiredPolicyVersionId: candidate } }),
    ).toBe(10_000);
    const meanwhile = await newVersion(0.52);
    await setDefault(meanwhile);
    started = Date.now();
    const aborted = await call('POST', `/v1/rollouts/${id}/abort`, { reason: '10k abort' });
    const abortMs = Date.now() - started;
    console.info(`10,000 robots: start ${startMs} ms, abort ${abortMs} ms`);
    expect(aborted.status).toBe('aborted');
    expect(aborted.revert.reverted).toBe(10_000);
    expect(
      await api.prisma.robot.count({ where: { tags: { has: tag }, desiredPolicyVersionId: meanwhile } }),
    ).toBe(10_000);
  });
});
