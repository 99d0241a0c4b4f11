import { assignRolloutCohorts } from '@aura/core';
import {
  createPolicyVersion,
  createRollout,
  removeRedisKeys,
  rolloutSpec,
  SimRobot,
  startWorker,
  type TestProcess,
} from '@aura/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness, uniqueName } from './support/api-harness.js';

/**
 * The state of record is PostgreSQL: a worker killed with SIGKILL mid-rollout, plus the loss of every
 * Redis key (queues, schedules, delayed jobs), must not lose, repeat or skip a transition.
 */
describe('rollouts survive a killed worker and a wiped Redis', { timeout: 120_000 }, () => {
  const { api, keys } = ApiHarness.forSuite(['operator'], { AGENT_RATE_LIMIT: '0' });
  const workers: TestProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    env = { ...api.serviceEnv(), AGENT_RATE_LIMIT: '0' };
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
  });

  const wipeRedisPrefix = () => removeRedisKeys(api.config.redis.url, api.config.redis.prefix);

  it('ends correctly, each step evaluated to exactly one pass', async () => {
    const tag = uniqueName('crash');
    const robots: SimRobot[] = [];
    for (let i = 0; i < 6; i++) robots.push(await SimRobot.enroll(api, keys.operator, [tag]));
    for (const robot of robots) await robot.report(0.2, 0.8, new Date(Date.now() - 30_000));
    const versionId = await createPolicyVersion(api, keys.operator, 0.4, uniqueName('crash-policy'));
    const spec = rolloutSpec(versionId, tag, {
      steps: [
        { percent: 50, bakeSeconds: 3 },
        { percent: 100, bakeSeconds: 2 },
      ],
      gates: { minRobotsPerCohort: 1, minSamplesPerCohort: 100 },
      inconclusiveDeadlineSeconds: 60,
    });
    const name = () => uniqueName('crash-rollout');
    let id = await createRollout(api, keys.operator, spec, { name: name() });
    // Cohorts hash (rollout id, robot id): make sure both steps hold robots (no reliance on chance).
    for (let attempt = 0; attempt < 20; attempt++) {
      const steps = assignRolloutCohorts(
        id,
        robots.map((r) => r.robotId),
        [{ percent: 50 }, { percent: 100 }],
      );
      const first = [...steps.values()].filter((step) => step === 0).length;
      if (first > 0 && first < robots.length) break;
      id = await createRollout(api, keys.operator, spec, { name: name() });
    }

    workers.push(await startWorker(env));
    await api.request({
      method: 'POST',
      url: `/v1/rollouts/${id}/start`,
      token: keys.operator,
      payload: { reason: 'crash test' },
    });
    for (const robot of robots) {
      await robot.sync();
      await robot.report(0.2);
    }
    // Mid-step: the evaluation is a delayed job in Redis. Kill the worker and wipe Redis.
    await workers[0]!.kill();
    expect(await wipeRedisPrefix()).toBeGreaterThan(0);
    workers.push(await startWorker(env));

    const deadline = Date.now() + 90_000;
    let rollout: { status: string; statusReason: string; verdicts: { stepIndex: number; result: string }[] };
    for (;;) {
      for (const robot of robots) {
        await robot.sync();
        await robot.report(0.2);
      }
      rollout = (
        await api.request({ method: 'GET', url: `/v1/rollouts/${id}`, token: keys.operator })
      ).json();
      if (rollout.status !== 'running' || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    expect(rollout.status, rollout.statusReason).toBe('succeeded');
    const passes = rollout.verdicts.filter((v) => v.result === 'pass').map((v) => v.stepIndex);
    expect(passes).toEqual([0, 1]);
    for (const robot of robots) expect((await robot.sync())?.policyVersionId).toBe(versionId);
  });
});
