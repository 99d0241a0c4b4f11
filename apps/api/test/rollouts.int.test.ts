import { readFileSync } from 'node:fs';
import { assignRolloutCohorts, lookAlpha, parseTauCurve, predictAtTau } from '@aura/core';
import { SimRobot } from '@aura/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerApp } from '../src/bootstrap.js';
import { createLogger } from '../src/infrastructure/logger.js';
import { RolloutEngine } from '../src/modules/rollouts/rollout-engine.service.js';
import { ApiHarness, uniqueName } from './support/api-harness.js';

type Rollout = {
  id: string;
  status: string;
  stepStartedAt: string | null;
  currentStep: number;
  statusReason: string | null;
  steps: { index: number; robots: Record<string, number> }[];
  verdicts: { result: string; comparison: string; reason: string; numbers: Record<string, unknown> }[];
  revert: { reverted: number; confirmed: number };
};

// Rollouts run on real timers (bakes, evaluations): generous limits for loaded CI machines.
describe('staged rollouts', { timeout: 90_000 }, () => {
  // Simulated robots poll much faster than real ones: no per-robot rate limit here.
  const { api, keys } = ApiHarness.forSuite(['operator', 'viewer'], { AGENT_RATE_LIMIT: '0' });
  let worker: INestApplicationContext;

  beforeAll(async () => {
    const config = api.config;
    worker = await createWorkerApp(config, createLogger(config, 'test-worker'));
    await worker.init();
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
  });

  async function fleet(size: number) {
    const tag = uniqueName('fleet');
    const robots: SimRobot[] = [];
    for (let i = 0; i < size; i++) robots.push(await SimRobot.enroll(api, keys.operator, [tag]));
    return { tag, robots };
  }

  async function policyVersion(tau: number) {
    const created = await api.request({
      method: 'POST',
      url: '/v1/policies',
      token: keys.operator,
      payload: { name: uniqueName('rollout-policy'), tau },
    });
    return created.json().versions[0].id as string;
  }

  /**
   * A draft whose first step and later steps both hold robots. Cohorts hash (rollout id, robot id), so
   * a small fleet can land entirely on one side; drafts are made until it does not (deterministic
   * tests, no reliance on chance).
   */
  async function createSplitRollout(
    tag: string,
    robots: SimRobot[],
    versionId: string,
    spec: Record<string, unknown> = {},
    /** robots that will report: with fewer than 2 of them on a side, the noise test cannot decide */
    reporting: SimRobot[] = [],
  ) {
    for (let attempt = 0; attempt < 40; attempt++) {
      const created = await createRollout(tag, versionId, spec);
      const steps = assignRolloutCohorts(
        created.id,
        robots.map((r) => r.robotId),
        [{ percent: 50 }, { percent: 100 }],
      );
      const first = [...steps.values()].filter((step) => step === 0).length;
      const reportingFirst = reporting.filter((r) => steps.get(r.robotId) === 0).length;
      const sidesReport =
        reporting.length === 0 || (reportingFirst >= 2 && reporting.length - reportingFirst >= 2);
      if (first > 0 && first < robots.length && sidesReport) return created;
      await verb(created.id, 'abort', 'unbalanced test cohorts');
    }
    throw new Error('could not split the test fleet into two cohorts');
  }

  async function createRollout(tag: string, versionId: string, spec: Record<string, unknown> = {}) {
    const response = await api.request({
      method: 'POST',
      url: '/v1/rollouts',
      token: keys.operator,
      payload: {
        name: uniqueName('rollout'),
        spec: {
          policyVersionId: versionId,
          target: { tags: [tag] },
          steps: [
            { percent: 50, bakeSeconds: 1 },
            { percent: 100, bakeSeconds: 1 },
          ],
          gates: { minRobotsPerCohort: 1, minSamplesPerCohort: 100 },
          inconclusiveDeadlineSeconds: 20,
          ...spec,
        },
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; targets: number; status: string };
  }

  const verb = (id: string, name: string, reason = 'test', token = keys.operator) =>
    api.request({ method: 'POST', url: `/v1/rollouts/${id}/${name}`, token, payload: { reason } });
  const read = async (id: string) =>
    (await api.request({ method: 'GET', url: `/v1/rollouts/${id}`, token: keys.viewer })).json() as Rollout;

  /** Drives the robots (sync + report) until the rollout leaves `while`, as a live fleet would. */
  async function driveUntil(
    id: string,
    robots: SimRobot[],
    rate: (robot: SimRobot, onNewVersion: boolean) => number,
    done: (r: Rollout) => boolean,
    newVersionId: string,
    timeoutMs = 60_000,
  ): Promise<Rollout> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const robot of robots) {
        const envelope = await robot.sync();
        await robot.report(rate(robot, envelope?.policyVersionId === newVersionId));
      }
      const rollout = await read(id);
      if (done(rollout)) return rollout;
      if (Date.now() > deadline) throw new Error(`rollout still ${rollout.status}: ${rollout.statusReason}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  it('moves every target through its steps, passing each health gate, then succeeds', async () => {
    const { tag, robots } = await fleet(8);
    for (const robot of robots) await robot.report(0.2, 0.8, new Date(Date.now() - 30_000)); // baseline
    const versionId = await policyVersion(0.4);
    const created = await createSplitRollout(tag, robots, versionId);
    expect(created).toMatchObject({ status: 'draft', targets: 8 });

    const started = await verb(created.id, 'start', 'lower τ fleet-wide');
    expect(started.statusCode).toBe(200);
    expect(started.json().status).toBe('running');
    expect((await verb(created.id, 'start')).json().status).toBe('running'); // idempotent

    const finished = await driveUntil(
      created.id,
      robots,
      () => 0.2,
      (r) => r.status !== 'running',
      versionId,
    );
    expect(finished.status, finished.statusReason ?? '').toBe('succeeded');
    // Inconclusive verdicts may come first while robots have not reported yet; never a fail.
    expect(
      finished.verdicts.filter((v) => v.result !== 'inconclusive').map((v) => [v.result, v.comparison]),
    ).toEqual([
      ['pass', 'control'],
      ['pass', 'baseline'],
    ]);
    const states = finished.steps.flatMap((s) => Object.keys(s.robots));
    expect(new Set(states)).toEqual(new Set(['verified']));
    for (const robot of robots) {
      await robot.sync();
      expect(robot.applied?.policyVersionId).toBe(versionId);
    }
  });

  it('rolls back automatically when the cohort writes too much; robots returning late get the reverted config', async () => {
    const { tag, robots } = await fleet(6);
    const late = await SimRobot.enroll(api, keys.operator, [tag]); // offline for the whole rollout
    const before = late.applied!.policyVersionId;
    const versionId = await policyVersion(0.1);
    const created = await createSplitRollout(
      tag,
      [...robots, late],
      versionId,
      { onFailure: 'rollback' },
      robots,
    );
    await verb(created.id, 'start');

    const ended = await driveUntil(
      created.id,
      robots,
      (_robot, onNew) => (onNew ? 0.6 : 0.2),
      (r) => r.status !== 'running',
      versionId,
    );
    expect(ended.status).toBe('rolled_back');
    expect(ended.verdicts.at(-1)).toMatchObject({ result: 'fail', comparison: 'control' });
    expect(ended.statusReason).toMatch(
      /health gate failed at step 1: write rate .* above the control cohort/,
    );
    expect(ended.verdicts.at(-1)?.numbers).toMatchObject({ writeRateIncrease: expect.any(Number) });
    // each tested evaluation of the step is the next look, at its share of the 2.5 % (lookAlpha)
    const looks = ended.verdicts.map((v) => v.numbers.look).filter((look) => typeof look === 'number');
    expect(looks).toEqual(looks.map((_, i) => i + 1));
    expect(ended.verdicts.at(-1)?.numbers).toMatchObject({
      look: looks.length,
      alpha: lookAlpha(looks.length),
    });

    const lateConfig = await late.sync();
    expect(lateConfig?.policyVersionId).toBe(before);
    for (const robot of robots) {
      const config = await robot.sync();
      expect(config?.policyVersionId).not.toBe(versionId);
      expect(config?.rolloutId).toBeUndefined();
    }
    const afterConfirm = await read(created.id);
    expect(afterConfirm.revert.reverted).toBeGreaterThan(0);
    expect(afterConfirm.revert.confirmed).toBe(afterConfirm.revert.reverted);
  });

  it('waits when data is too thin, then pauses at the deadline instead of guessing', async () => {
    const { tag, robots } = await fleet(3);
    const versionId = await policyVersion(0.3);
    const created = await createRollout(tag, versionId, {
      steps: [{ percent: 100, bakeSeconds: 1 }], // every robot in the cohort: its sample count decides
      gates: { minRobotsPerCohort: 1, minSamplesPerCohort: 10_000_000 },
      // Long enough for the robots to report under the new version even on a loaded machine.
      inconclusiveDeadlineSeconds: 8,
    });
    await verb(created.id, 'start');
    const paused = await driveUntil(
      created.id,
      robots,
      () => 0.2,
      (r) => r.status !== 'running',
      versionId,
    );
    expect(paused.status).toBe('paused');
    expect(paused.statusReason).toMatch(/inconclusive past its deadline/);
    expect(paused.verdicts.every((v) => v.result === 'inconclusive')).toBe(true);
    expect(paused.verdicts.some((v) => /steps of telemetry, 10000000 needed/.test(v.reason))).toBe(true);
    // stopped before testing: no look spent
    expect(paused.verdicts.every((v) => v.numbers.look === null)).toBe(true);
    await verb(created.id, 'abort', 'cleanup');
  });

  it('reports silent robots as unreachable and never counts them as pass or fail', async () => {
    const { tag } = await fleet(2); // enrolled, then silent: they never fetch the new config
    const versionId = await policyVersion(0.65);
    const created = await createRollout(tag, versionId, {
      steps: [{ percent: 100, bakeSeconds: 1 }],
      inconclusiveDeadlineSeconds: 2,
    });
    await verb(created.id, 'start');
    const paused = await driveUntil(
      created.id,
      [],
      () => 0,
      (r) => r.status !== 'running',
      versionId,
    );
    expect(paused.status).toBe('paused');
    expect(paused.steps[0]?.robots).toEqual({ unreachable: 2 });
    expect(paused.verdicts.every((v) => v.result === 'inconclusive')).toBe(true);
    expect(paused.verdicts[0]?.reason).toMatch(/cohort: 0 robot\(s\) reporting, 1 needed \(2 unreachable\)/);
    await verb(created.id, 'abort', 'cleanup');
  });

  it('pauses, resumes, promotes and aborts on request — permission-checked, audited, idempotent', async () => {
    const { tag, robots } = await fleet(4);
    const versionId = await policyVersion(0.35);
    const created = await createRollout(tag, versionId, {
      steps: [
        { percent: 50, bakeSeconds: 3600 },
        { percent: 100, bakeSeconds: 3600 },
      ],
    });
    expect((await verb(created.id, 'start', 'x', keys.viewer)).statusCode).toBe(403);
    expect(
      (
        await api.request({
          method: 'POST',
          url: `/v1/rollouts/${created.id}/start`,
          token: keys.operator,
          payload: {},
        })
      ).statusCode,
    ).toBe(400);
    await verb(created.id, 'start');
    expect((await verb(created.id, 'pause', 'investigating')).json().status).toBe('paused');
    expect((await verb(created.id, 'pause', 'again')).json().status).toBe('paused');
    expect((await verb(created.id, 'promote')).statusCode).toBe(409);
    expect((await verb(created.id, 'resume', 'looks fine')).json().status).toBe('running');
    const promoted = (await verb(created.id, 'promote', 'skip the bake')).json();
    expect(promoted.currentStep).toBe(1);
    for (const robot of robots) await robot.sync();
    const aborted = (await verb(created.id, 'abort', 'changed our minds')).json() as Rollout;
    expect(aborted.status).toBe('aborted');
    expect(aborted.revert.reverted).toBe(4);
    expect((await verb(created.id, 'abort', 'again')).json().status).toBe('aborted');
    expect((await verb(created.id, 'resume')).statusCode).toBe(409);
    for (const robot of robots) expect((await robot.sync())?.policyVersionId).not.toBe(versionId);

    const audit = await api.request({
      method: 'GET',
      url: `/v1/audit?targetId=${created.id}`,
      token: keys.viewer,
    });
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .reverse(),
    ).toEqual([
      'rollout.create',
      'rollout.start',
      'rollout.pause',
      'rollout.resume',
      'rollout.promote',
      'rollout.abort',
    ]);
    expect(audit.json().items[0]).toMatchObject({
      reason: 'changed our minds',
      before: { status: 'running' },
    });
  });

  it('marks the members of steps never switched as skipped when the rollout is aborted', async () => {
    const { tag, robots } = await fleet(4);
    const versionId = await policyVersion(0.4);
    const created = await createSplitRollout(tag, robots, versionId, {
      steps: [
        { percent: 50, bakeSeconds: 3600 },
        { percent: 100, bakeSeconds: 3600 },
      ],
    });
    await verb(created.id, 'start');
    const aborted = (await verb(created.id, 'abort', 'before the second step')).json() as Rollout;
    const first = aborted.steps[0]?.robots ?? {};
    const second = aborted.steps[1]?.robots ?? {};
    expect(Object.keys(first)).toEqual(['reverted']);
    expect(Object.keys(second)).toEqual(['skipped']);
    expect((first.reverted ?? 0) + (second.skipped ?? 0)).toBe(4);
    expect(aborted.revert.reverted).toBe(first.reverted);
    const members = await api.request({
      method: 'GET',
      url: `/v1/rollouts/${created.id}/robots?state=skipped`,
      token: keys.viewer,
    });
    expect(members.statusCode).toBe(200);
    expect(members.json().items).toHaveLength(second.skipped ?? 0);
    expect(
      members.json().items.every((m: { configVersion: number | null }) => m.configVersion === null),
    ).toBe(true);
  });

  it('refuses a rollout over robots another active rollout holds, and explains invalid specs', async () => {
    const { tag } = await fleet(2);
    const versionId = await policyVersion(0.45);
    const first = await createRollout(tag, versionId, { steps: [{ percent: 100, bakeSeconds: 3600 }] });
    await verb(first.id, 'start');
    const second = await createRollout(tag, versionId);
    const refused = await verb(second.id, 'start');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/already in an active rollout: 2 in "rollout-/);
    await verb(first.id, 'abort', 'cleanup');
    expect((await verb(second.id, 'start')).json().status).toBe('running');
    await verb(second.id, 'abort', 'cleanup');

    const invalid = await api.request({
      method: 'POST',
      url: '/v1/rollouts',
      token: keys.operator,
      payload: {
        name: 'bad',
        spec: { policyVersionId: versionId, target: {}, steps: [{ percent: 40, bakeSeconds: 1 }] },
      },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details).toEqual(
      expect.arrayContaining([
        {
          path: 'spec.target',
          message:
            'must name at least one group, tag or robot, or filter by agent version, arch or flash kind',
        },
        { path: 'spec.steps[0].percent', message: 'the last step must be 100' },
      ]),
    );
  });

  it("previews predicted write rate, success and flash life per cohort from telemetry and the committed model's τ curve", async () => {
    const { tag, robots } = await fleet(4);
    for (const robot of robots) {
      robot.wearPerReport = 1e-5; // 1e-5 a minute: about 70 days of flash life left
      for (let i = 0; i < 3; i++) await robot.report(0.25, 0.8, new Date(Date.now() - (3 - i) * 60_000));
    }
    const spec = (tau: number, lifeDays: number) => ({
      name: 'preview',
      spec: {
        policyVersionId: '',
        target: { tags: [tag] },
        steps: [
          { percent: 50, bakeSeconds: 60 },
          { percent: 100, bakeSeconds: 60 },
        ],
        gates: { minProjectedFlashLifeDays: lifeDays },
      },
      tau,
    });
    const preview = async (tau: number, lifeDays: number, on: ApiHarness = api) => {
      const { spec: body } = spec(tau, lifeDays);
      body.policyVersionId = await policyVersion(tau);
      const response = await on.request({
        method: 'POST',
        url: '/v1/rollouts/preview',
        token: keys.viewer,
        payload: { spec: body, windowMinutes: 30 },
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const fewer = await preview(0.9, 1);
    expect(fewer).toMatchObject({
      targets: 4,
      cohortsProvisional: true,
      model: { version: 'aura-mem-v2' }, // the API's default model
    });
    const cohort = fewer.cohorts.find((c: { withData: number }) => c.withData > 0);
    expect(cohort.currentWritesPerStep).toBeCloseTo(0.25, 2);
    expect(cohort.predictedWritesPerStep).toBeLessThan(cohort.currentWritesPerStep);
    // old τ (0.5, what the robots report) vs new τ, from the model's committed τ curve: writes and success
    const curve = parseTauCurve(readFileSync(api.config.tauCurvePath, 'utf8'));
    const at = (tau: number) => predictAtTau(curve, tau);
    expect(fewer.model).toMatchObject({ prediction: 'tau-curve', predictionNote: null });
    expect(fewer.model.writeRateAtNewTau).toBeCloseTo(at(0.9).writesPerStep.mean, 10);
    expect(fewer.model.successAtNewTau).toBeCloseTo(at(0.9).successRate.mean, 10);
    expect(cohort.predictedWritesPerStep).toBeCloseTo(
      cohort.currentWritesPerStep * (at(0.9).writesPerStep.mean / at(0.5).writesPerStep.mean),
      10,
    );
    expect(cohort.currentSuccess).toBeCloseTo(at(0.5).successRate.mean, 10);
    expect(cohort.predictedSuccess).toBeCloseTo(at(0.9).successRate.mean, 10);
    expect(cohort.predictedSuccessChange).toBeCloseTo(
      at(0.9).successRate.mean - at(0.5).successRate.mean,
      10,
    );
    expect(cohort.predictedSuccessChange).toBeLessThan(0); // τ 0.9 is past the curve's knee
    const more = await preview(0.05, 1);
    const moreCohort = more.cohorts.find((c: { withData: number }) => c.withData > 0);
    expect(moreCohort.predictedWritesPerStep).toBeGreaterThan(moreCohort.currentWritesPerStep);
    expect(fewer.robotsBelowTarget).toHaveLength(0);
    // Against a one-year target these wearing robots all fall short, each listed with its numbers.
    const strict = await preview(0.5, 365);
    expect(strict.robotsBelowTarget).toHaveLength(4);
    expect(strict.robotsBelowTarget[0].projectedLifeDays).toBeLessThan(365);
    expect(strict.robotsBelowTarget[0]).toMatchObject({ projectedLifeDays: expect.any(Number) });
    expect(await api.prisma.rollout.count({ where: { name: 'preview' } })).toBe(0);
    // a model without a usable τ curve: the model simulated at both τ, writes only, and the reason said
    const noCurve = await ApiHarness.start({ AURA_TAU_CURVE_PATH: '/nonexistent/aura.tau-curve.json' });
    try {
      const simulated = await preview(0.9, 1, noCurve);
      expect(simulated.model).toMatchObject({ prediction: 'simulation', successAtNewTau: null });
      expect(simulated.model.predictionNote).toMatch(/ships no τ curve/);
      const c = simulated.cohorts.find((x: { withData: number }) => x.withData > 0);
      expect(c).toMatchObject({ currentSuccess: null, predictedSuccess: null, predictedSuccessChange: null });
      expect(c.predictedWritesPerStep).toBeLessThan(c.currentWritesPerStep);
    } finally {
      await noCurve.close();
    }
  });

  it('switches robots at the rate limit and only inside the apply window', async () => {
    const { tag, robots } = await fleet(5);
    const versionId = await policyVersion(0.55);
    const rollouts = api.app.get(RolloutEngine);
    const switched = async (id: string) =>
      api.prisma.rolloutAssignment.count({ where: { rolloutId: id, configVersion: { not: null } } });

    const limited = await createRollout(tag, versionId, {
      steps: [{ percent: 100, bakeSeconds: 3600 }],
      rateLimitPerMinute: 2,
    });
    let state = (await verb(limited.id, 'start')).json();
    expect(await switched(limited.id)).toBe(2);
    expect(state.statusReason).toMatch(/switched 2 robots, 3 to go at 2 per minute/);
    expect(Date.parse(state.evaluateAfter) - Date.now()).toBeGreaterThan(50_000);
    // The minute passes: the scheduled tick (called directly here) switches the next batch, no verdict.
    await rollouts.evaluate(limited.id, state.revision, 'test');
    expect(await switched(limited.id)).toBe(4);
    state = await read(limited.id);
    await rollouts.evaluate(limited.id, (state as unknown as { revision: number }).revision, 'test');
    expect(await switched(limited.id)).toBe(5);
    state = await read(limited.id);
    expect(state.verdicts).toHaveLength(0);
    expect(state.stepStartedAt).not.toBeNull(); // the bake starts once the whole step is switched
    await verb(limited.id, 'abort', 'cleanup');
    for (const robot of robots) await robot.sync();

    const hour = (new Date().getUTCHours() + 2) % 24;
    const window = {
      start: `${String(hour).padStart(2, '0')}:00`,
      end: `${String((hour + 1) % 24).padStart(2, '0')}:00`,
    };
    const windowed = await createRollout(tag, versionId, {
      steps: [{ percent: 100, bakeSeconds: 60 }],
      applyWindow: window,
    });
    const waiting = (await verb(windowed.id, 'start')).json();
    expect(await switched(windowed.id)).toBe(0);
    expect(waiting.statusReason).toContain(`waiting for the apply window ${window.start}–${window.end} UTC`);
    expect(new Date(waiting.evaluateAfter).getUTCHours()).toBe(hour);
    await verb(windowed.id, 'abort', 'cleanup');
  });
});
