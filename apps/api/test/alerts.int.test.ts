import { randomBytes, randomUUID } from 'node:crypto';
import { verifyWebhook } from '@aura/core';
import { SimRobot } from '@aura/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerApp } from '../src/bootstrap.js';
import { createLogger } from '../src/infrastructure/logger.js';
import { AlertEvaluatorService } from '../src/modules/alerts/alert-evaluator.service.js';
import { ApiHarness, uniqueName } from './support/api-harness.js';
import { Receiver, until } from './support/webhook-receiver.js';

describe('alerts: rules, evaluation, signed notifications', { timeout: 120_000 }, () => {
  const { api, keys } = ApiHarness.forSuite(['operator', 'viewer'], {
    AGENT_RATE_LIMIT: '0',
    ALERTS_ALLOWED_TARGETS: '127.0.0.1/32',
    ALERTS_EVALUATION_INTERVAL_SECONDS: '1',
    ALERTS_DELIVERY_BACKOFF_MS: '300',
    ALERTS_DELIVERY_ATTEMPTS: '4',
    DASHBOARD_PUBLIC_URL: 'https://dashboard.example.com',
  });
  let worker: INestApplicationContext;
  let receiver: Receiver;
  const ruleIds: string[] = [];

  beforeAll(async () => {
    worker = await createWorkerApp(api.config, createLogger(api.config, 'test-worker'));
    await worker.init();
    receiver = await new Receiver().start();
  }, 60_000);

  afterAll(async () => {
    // Rules left behind would be evaluated by later suites' workers.
    for (const id of ruleIds)
      await api?.request({ method: 'DELETE', url: `/v1/alert-rules/${id}`, token: keys.operator });
    await worker?.close();
    await receiver?.close();
  });

  async function channel(path: string, kind = 'webhook') {
    const created = await api.request({
      method: 'POST',
      url: '/v1/alert-channels',
      token: keys.operator,
      payload: { name: uniqueName('channel'), kind, url: receiver.url(path) },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: string; secret: string };
  }

  async function rule(body: Record<string, unknown>) {
    const created = await api.request({
      method: 'POST',
      url: '/v1/alert-rules',
      token: keys.operator,
      payload: { name: uniqueName('rule'), ...body },
    });
    expect(created.statusCode, created.body).toBe(201);
    ruleIds.push(created.json().id);
    return created.json() as { id: string };
  }

  const rolloutVerb = (id: string, verb: string) =>
    api.request({
      method: 'POST',
      url: `/v1/rollouts/${id}/${verb}`,
      token: keys.operator,
      payload: { reason: 'test' },
    });

  it('a failing rollout: one signed notification per channel, a 500 retried, a resolve after the abort', async () => {
    const tag = uniqueName('alert-fleet');
    const good = await channel(`/hook-${tag}`);
    const flaky = await channel(`/flaky-${tag}`);
    const watched = await rule({
      kind: 'rollout_event',
      scope: { type: 'tag', tag },
      params: { events: ['failed', 'rolled_back'] },
      severity: 'critical',
      channelIds: [good.id, flaky.id],
      repeatIntervalMinutes: 60,
    });

    // A fleet with a baseline, then a one-step rollout whose robots write three times as often.
    const robots: SimRobot[] = [];
    for (let i = 0; i < 3; i++) robots.push(await SimRobot.enroll(api, keys.operator, [tag]));
    for (const robot of robots) await robot.report(0.2, 0.8, new Date(Date.now() - 30_000));
    const policy = await api.request({
      method: 'POST',
      url: '/v1/policies',
      token: keys.operator,
      payload: { name: uniqueName('alert-policy'), tau: 0.1 },
    });
    const versionId = policy.json().versions[0].id as string;
    const created = await api.request({
      method: 'POST',
      url: '/v1/rollouts',
      token: keys.operator,
      payload: {
        name: uniqueName('failing-rollout'),
        spec: {
          policyVersionId: versionId,
          target: { tags: [tag] },
          steps: [{ percent: 100, bakeSeconds: 1 }],
          gates: { minRobotsPerCohort: 1, minSamplesPerCohort: 100 },
          onFailure: 'pause',
          inconclusiveDeadlineSeconds: 30,
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const rolloutId = created.json().id as string;
    await rolloutVerb(rolloutId, 'start');
    const paused = await until(
      'the rollout to fail',
      async () => {
        for (const robot of robots) {
          const envelope = await robot.sync();
          await robot.report(envelope?.policyVersionId === versionId ? 0.6 : 0.2);
        }
        return (
          await api.request({ method: 'GET', url: `/v1/rollouts/${rolloutId}`, token: keys.viewer })
        ).json();
      },
      (r: { status: string; statusReason: string | null }) => r.status !== 'running',
    );
    expect(paused.status).toBe('paused');
    expect(paused.statusReason).toMatch(/health gate failed/);
    const failedAt = Date.now();

    const [first] = await until(
      'the notification',
      () => receiver.at(`/hook-${tag}`),
      (r) => r.length > 0,
    );
    expect(first!.at - failedAt).toBeLessThan(60_000);
    // Exactly one: later evaluations (every second) neither repeat nor re-fire it.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(receiver.at(`/hook-${tag}`)).toHaveLength(1);

    const verdict = verifyWebhook({
      secret: good.secret,
      body: first!.body,
      signature: first!.headers['x-aura-signature'] as string,
      timestamp: first!.headers['x-aura-timestamp'] as string,
    });
    expect(verdict).toEqual({ ok: true });
    expect(
      verifyWebhook({
        secret: flaky.secret,
        body: first!.body,
        signature: first!.headers['x-aura-signature'] as string,
        timestamp: first!.headers['x-aura-timestamp'] as string,
      }),
    ).toEqual({ ok: false, reason: 'mismatch' });
    const payload = JSON.parse(first!.body);
    expect(payload).toMatchObject({
      version: 1,
      type: 'firing',
      status: 'firing',
      rule: { id: watched.id, kind: 'rollout_event', severity: 'critical' },
      alertsTotal: 1,
      alerts: [{ state: 'firing', new: true, subject: { type: 'rollout', id: rolloutId } }],
      links: { rule: `https://dashboard.example.com/alerts/rules/${watched.id}` },
    });
    expect(first!.headers['x-aura-event']).toBe('firing');

    // The receiver that answered 500 got the same delivery again, and the log shows both attempts.
    const flakyCalls = await until(
      'the retry',
      () => receiver.at(`/flaky-${tag}`),
      (r) => r.length >= 2,
    );
    expect(flakyCalls[1]!.headers['x-aura-delivery']).toBe(flakyCalls[0]!.headers['x-aura-delivery']);
    expect(flakyCalls[1]!.body).toBe(flakyCalls[0]!.body);
    const log = await until(
      'the delivery log',
      async () =>
        (
          await api.request({
            method: 'GET',
            url: `/v1/alert-notifications?ruleId=${watched.id}`,
            token: keys.viewer,
          })
        ).json(),
      (n: {
        items: { deliveries: { status: string; channelId: string; log: { statusCode: number }[] }[] }[];
      }) => n.items[0]?.deliveries.every((d) => d.status === 'delivered') ?? false,
    );
    const flakyDelivery = log.items[0]?.deliveries.find((d) => d.channelId === flaky.id);
    expect(flakyDelivery?.log.map((a) => a.statusCode)).toEqual([500, 200]);

    const firing = (
      await api.request({
        method: 'GET',
        url: `/v1/alerts?state=firing&ruleId=${watched.id}`,
        token: keys.viewer,
      })
    ).json();
    expect(firing.items).toHaveLength(1);

    // The operator aborts: the alert resolves, and a resolve goes out.
    await rolloutVerb(rolloutId, 'abort');
    const calls = await until(
      'the resolve',
      () => receiver.at(`/hook-${tag}`),
      (r) => r.length >= 2,
    );
    expect(JSON.parse(calls[1]!.body)).toMatchObject({
      type: 'resolved',
      status: 'resolved',
      firingTotal: 0,
      alerts: [{ state: 'resolved', subject: { id: rolloutId } }],
    });
    const history = (
      await api.request({ method: 'GET', url: `/v1/alerts/history?ruleId=${watched.id}`, token: keys.viewer })
    ).json();
    expect(history.items.map((e: { state: string }) => e.state)).toEqual(['resolved', 'firing']);
  });

  it('groups 200 robots crossing together into one notification; a silence mutes one robot', async () => {
    const tag = uniqueName('silent-fleet');
    const target = await channel(`/group-${tag}`);
    // 200 robots last seen ten minutes ago (inserted directly: enrolment is not what is tested here).
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const ids = Array.from({ length: 200 }, () => randomUUID());
    await api.prisma.robot.createMany({
      data: ids.map((id, i) => ({
        id,
        name: `${tag}-${String(i).padStart(3, '0')}`,
        secretPrefix: `rs_${randomBytes(6).toString('hex')}`,
        secretHash: 'x',
        tags: [tag],
        enrolledAt: tenMinutesAgo,
        lastSeenAt: tenMinutesAgo,
      })),
    });
    const watched = await rule({
      kind: 'robot_silent',
      scope: { type: 'tag', tag },
      params: { minutes: 5 },
      channelIds: [target.id],
    });
    const [grouped] = await until(
      'the grouped notification',
      () => receiver.at(`/group-${tag}`),
      (r) => r.length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(receiver.at(`/group-${tag}`)).toHaveLength(1);
    const payload = JSON.parse(grouped!.body);
    expect(payload.alertsTotal).toBe(200);
    expect(payload.alerts).toHaveLength(200);
    expect(payload.summary).toMatch(/^200 robots firing/);

    // Silence robot 0; then robots 0 and 1 report again: the resolve names robot 1 only.
    const silence = await api.request({
      method: 'POST',
      url: '/v1/alert-silences',
      token: keys.operator,
      payload: {
        ruleId: watched.id,
        subjectId: ids[0],
        durationMinutes: 60,
        reason: 'robot 0 is in the workshop',
      },
    });
    expect(silence.statusCode, silence.body).toBe(201);
    await api.prisma.robot.updateMany({
      where: { id: { in: [ids[0]!, ids[1]!] } },
      data: { lastSeenAt: new Date() },
    });
    const calls = await until(
      'the resolve',
      () => receiver.at(`/group-${tag}`),
      (r) => r.length >= 2,
    );
    const resolved = JSON.parse(calls[1]!.body);
    // 198 still fire (robot 0 resolved too, silently).
    expect(resolved).toMatchObject({ type: 'resolved', firingTotal: 198, alertsTotal: 1 });
    expect(resolved.alerts[0].subject.id).toBe(ids[1]);
    const listed = (
      await api.request({ method: 'GET', url: '/v1/alert-silences', token: keys.viewer })
    ).json();
    expect(listed.items.find((s: { id: string }) => s.id === silence.json().id)).toMatchObject({
      active: true,
      reason: 'robot 0 is in the workshop',
    });
    await api.prisma.robot.deleteMany({ where: { id: { in: ids } } });
  });

  it('telemetry_dropped: fires for a robot whose agent reports undelivered records, resolves when the report ages out', async () => {
    const tag = uniqueName('lossy');
    const outbox = async (
      robot: { robotId: string; robotSecret: string },
      dropped: number,
      quarantined: number,
    ) => {
      const response = await api.request({
        method: 'PUT',
        url: '/v1/agent/report',
        token: robot.robotSecret,
        payload: {
          inventory: {
            agentVersion: '0.1.0',
            model: { name: 'aura-mem-hard-v1', sha256: 'e'.repeat(64), executionProviders: ['cpu'] },
            onnxruntimeVersion: '1.30.0',
            nodeVersion: '20.20.2',
            os: { platform: 'linux', release: '6.1.0', arch: 'arm64' },
          },
          outbox: { pending: 7, dropped, quarantined },
        },
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    const lossy = await api.enrollRobot(keys.operator, uniqueName('lossy'));
    const fine = await api.enrollRobot(keys.operator, uniqueName('fine'));
    const elsewhere = await api.enrollRobot(keys.operator, uniqueName('elsewhere'));
    await api.prisma.robot.updateMany({
      where: { id: { in: [lossy.robotId, fine.robotId] } },
      data: { tags: [tag] },
    });
    await outbox(lossy, 3, 2); // 5 not delivered
    await outbox(fine, 1, 0); // below minRecords; pending records are not losses
    await outbox(elsewhere, 50, 0); // out of scope
    const watched = await rule({
      kind: 'telemetry_dropped',
      scope: { type: 'tag', tag },
      params: { minRecords: 2, windowMinutes: 30 },
    });
    const firing = async () =>
      (
        await api.request({
          method: 'GET',
          url: `/v1/alerts?state=firing&ruleId=${watched.id}`,
          token: keys.viewer,
        })
      ).json().items as { subject: { id: string }; summary: string; value: number }[];
    const evaluator = worker.get(AlertEvaluatorService);
    await evaluator.evaluateAll('test');
    const alerts = await firing();
    expect(alerts.map((a) => a.subject.id)).toEqual([lossy.robotId]);
    expect(alerts[0]?.value).toBe(5);
    expect(alerts[0]?.summary).toBe(
      'agent reports 5 telemetry records not delivered: 3 dropped, 2 quarantined',
    );

    // No new report within the window: the losses are old news.
    await api.prisma.robotAgentReport.update({
      where: { robotId: lossy.robotId },
      data: { reportedAt: new Date(Date.now() - 45 * 60_000) },
    });
    await evaluator.evaluateAll('test');
    expect(await firing()).toEqual([]);
    await api.prisma.robot.deleteMany({
      where: { id: { in: [lossy.robotId, fine.robotId, elsewhere.robotId] } },
    });
  });

  it('refuses bad rules and channels with a 400 naming the field; viewers read, operators change; audited', async () => {
    const post = (url: string, payload: Record<string, unknown> | undefined, token = keys.operator) =>
      api.request({ method: 'POST', url, token, payload });
    const field = async (url: string, payload: Record<string, unknown>) => {
      const response = await post(url, payload);
      expect(response.statusCode, response.body).toBe(400);
      return response.json().error.details.map((d: { path: string }) => d.path);
    };
    expect(await field('/v1/alert-rules', { name: 'x', kind: 'cpu_temperature' })).toEqual(['kind']);
    expect(
      await field('/v1/alert-rules', { name: 'x', kind: 'flash_life_below', params: { thresholdDays: -5 } }),
    ).toEqual(['params.thresholdDays']);
    expect(
      await field('/v1/alert-rules', {
        name: 'x',
        kind: 'robot_silent',
        params: { minutes: 5 },
        channelIds: [randomUUID()],
      }),
    ).toEqual(['channelIds[0]']);
    expect(
      await field('/v1/alert-rules', {
        name: 'x',
        kind: 'robot_silent',
        params: { minutes: 5 },
        scope: { type: 'group', groupId: randomUUID() },
      }),
    ).toEqual(['scope.groupId']);
    for (const url of [
      'ftp://example.com/hook',
      'http://127.0.0.2:4000/metrics', // loopback outside ALERTS_ALLOWED_TARGETS
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.7/hook',
      'http://[::1]/hook',
      'http://0.0.0.0:4000/',
    ]) {
      expect(
        await field('/v1/alert-channels', { name: uniqueName('bad'), kind: 'webhook', url }),
        url,
      ).toEqual(['url']);
    }

    const target = await channel('/audited');
    expect(
      (
        await post(
          '/v1/alert-rules',
          { name: 'x', kind: 'robot_silent', params: { minutes: 5 } },
          keys.viewer,
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (await post('/v1/alert-channels', { name: 'x', kind: 'webhook', url: receiver.url('/x') }, keys.viewer))
        .statusCode,
    ).toBe(403);
    const listed = await api.request({ method: 'GET', url: '/v1/alert-channels', token: keys.viewer });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain('whsec_');

    const created = await rule({
      kind: 'flash_life_below',
      params: { thresholdDays: 365 },
      channelIds: [target.id],
    });
    const edited = await api.request({
      method: 'PUT',
      url: `/v1/alert-rules/${created.id}`,
      token: keys.operator,
      payload: {
        name: 'flash life under a year',
        kind: 'flash_life_below',
        params: { thresholdDays: 300 },
        channelIds: [target.id],
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().params).toMatchObject({ thresholdDays: 300, hysteresisPercent: 10 });
    const test = await post(`/v1/alert-rules/${created.id}/test`, undefined);
    expect(test.statusCode, test.body).toBe(200);
    expect(test.json().notification.type).toBe('test');
    // The rule may also fire for real (the suite's robots wear flash) before the test arrives: look for
    // the call marked as a test, not the first one (CI once got 'firing' first).
    const calls = await until(
      'the test notification',
      () => receiver.at('/audited'),
      (r) => r.some((call) => call.headers['x-aura-event'] === 'test'),
    );
    expect(calls.filter((call) => call.headers['x-aura-event'] === 'test')).toHaveLength(1);
    const inUse = await api.request({
      method: 'DELETE',
      url: `/v1/alert-channels/${target.id}`,
      token: keys.operator,
    });
    expect(inUse.statusCode).toBe(409);

    const audit = (
      await api.request({ method: 'GET', url: `/v1/audit?targetId=${created.id}`, token: keys.viewer })
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
      'alert_rule.test',
      'alert_rule.update',
      'alert_rule.create',
    ]);
  });
});
