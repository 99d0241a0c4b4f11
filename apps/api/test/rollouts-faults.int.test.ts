import {
  createPolicyVersion,
  createRollout,
  rolloutSpec,
  SimRobot,
  startWorker,
  TcpProxy,
  type TestProcess,
} from '@aura/testing';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness, uniqueName } from './support/api-harness.js';

/**
 * PostgreSQL goes away across a due evaluation, for longer than the evaluation job's retries: the job
 * fails all its attempts. The reconciler must recover it once PostgreSQL is back, or the rollout stays
 * `running` forever (it used to re-add the same job id, which BullMQ ignores while the failed job
 * keeps it).
 */
describe('a rollout evaluation that failed every attempt is recovered', { timeout: 120_000 }, () => {
  // The evaluation job is added by the API when the rollout starts, with the API's attempts and
  // backoff, so the API gets the case's short settings too; the worker's apply only to jobs it adds.
  const { api, keys } = ApiHarness.forSuite(['operator'], {
    AGENT_RATE_LIMIT: '0',
    ROLLOUT_EVALUATION_ATTEMPTS: '2',
    ROLLOUT_EVALUATION_BACKOFF_MS: '200',
  });
  let proxy: TcpProxy;
  let worker: TestProcess | undefined;
  let queue: Queue;

  beforeAll(async () => {
    const target = new URL(api.config.database.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    queue = new Queue('rollouts', {
      connection: { url: api.config.redis.url },
      prefix: `${api.config.redis.prefix}:bull`,
    });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await proxy?.stop();
    await queue?.close();
  });

  it('reaches its verdict after PostgreSQL comes back', async () => {
    const tag = uniqueName('fault');
    const robots: SimRobot[] = [];
    for (let i = 0; i < 3; i++) robots.push(await SimRobot.enroll(api, keys.operator, [tag]));
    for (const robot of robots) await robot.report(0.2, 0.8, new Date(Date.now() - 30_000));
    const versionId = await createPolicyVersion(api, keys.operator, 0.45, uniqueName('fault-policy'));
    const spec = rolloutSpec(versionId, tag, {
      steps: [{ percent: 100, bakeSeconds: 2 }],
      gates: { minRobotsPerCohort: 1, minSamplesPerCohort: 100 },
      inconclusiveDeadlineSeconds: 120,
    });
    const id = await createRollout(api, keys.operator, spec, { name: uniqueName('fault-rollout') });

    const url = new URL(api.config.database.url);
    url.host = `127.0.0.1:${proxy.port}`;
    worker = await startWorker({
      ...api.serviceEnv(),
      DATABASE_URL: url.toString(),
      ROLLOUT_EVALUATION_ATTEMPTS: '2',
      ROLLOUT_EVALUATION_BACKOFF_MS: '200',
      ROLLOUT_RECONCILE_INTERVAL_SECONDS: '1',
      HEALTH_CHECK_TIMEOUT_MS: '1000',
    });
    const started = await api.request({
      method: 'POST',
      url: `/v1/rollouts/${id}/start`,
      token: keys.operator,
      payload: { reason: 'fault test' },
    });
    expect(started.json().status).toBe('running');
    for (const robot of robots) {
      await robot.sync();
      await robot.report(0.2);
    }
    const { revision } = await api.prisma.rollout.findUniqueOrThrow({ where: { id } });

    // The worker's PostgreSQL goes away before the evaluation is due and stays away past its retries.
    await proxy.stop();
    const jobId = `evaluate:${id}:${revision}`;
    // Two attempts, each bounded by the pool's 10 s connection timeout.
    const deadline = Date.now() + 75_000;
    let state = '';
    while (Date.now() < deadline && worker.running) {
      state = (await (await queue.getJob(jobId))?.getState()) ?? 'missing';
      if (state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The worker used to die here (an unhandled pg 'error' event on a checked-out connection), which
    // left the job 'delayed' until the deadline.
    expect(worker.running, worker.tail()).toBe(true);
    expect(state).toBe('failed');
    // Reconciler rounds run (and fail) during the outage too.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(worker.running, worker.tail()).toBe(true);
    expect((await api.prisma.rollout.findUniqueOrThrow({ where: { id } })).status).toBe('running');
    await proxy.start();

    let rollout: { status: string; statusReason: string; verdicts: { result: string }[] } | undefined;
    const recovered = Date.now() + 45_000;
    while (Date.now() < recovered) {
      for (const robot of robots) await robot.report(0.2);
      rollout = (
        await api.request({ method: 'GET', url: `/v1/rollouts/${id}`, token: keys.operator })
      ).json();
      if (rollout!.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(rollout!.status, rollout!.statusReason).toBe('succeeded');
    expect(rollout!.verdicts.map((v) => v.result)).toEqual(['pass']);
  }, 180_000);
});
