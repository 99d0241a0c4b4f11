import { randomBytes } from 'node:crypto';
import { verifyWebhook } from '@aura/core';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { migrate } from '../../../scripts/db-migrate.mjs';
import { createWorkerApp } from '../src/bootstrap.js';
import { generateSigningKeyEntry } from '../src/config/setting-formats.js';
import { createLogger } from '../src/infrastructure/logger.js';
import { AlertEvaluatorService } from '../src/modules/alerts/alert-evaluator.service.js';
import { ApiHarness, uniqueName } from './support/api-harness.js';
import { Receiver, until } from './support/webhook-receiver.js';

const DAY = 86_400_000;

/**
 * Issue 19, `signing_key_retirement`: an admin plans a key's retirement (audited, 400 naming the field
 * for a time in the past), a rule fires while the plan is within its lead time — naming the key, when,
 * whether it still signs, and how many robots in scope may still trust only it —, delivers a signed
 * webhook, and resolves when the plan moves out of the lead time or the key retires. Key states are
 * fleet-wide, so the run has its own database.
 */
describe('signing_key_retirement alerts', { timeout: 120_000 }, () => {
  const base = new URL(
    process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  );
  const databaseUrl = new URL(base);
  databaseUrl.pathname = `/aura_test_key_retirement_${randomBytes(4).toString('hex')}`;
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let receiver: Receiver;
  let admin: string;
  let operator: string;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, token = admin) =>
    api.request({ method, url, token, ...(payload ? { payload } : {}) });
  const ok = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    api.ok(admin, method, url, payload);

  beforeAll(async () => {
    migrate(databaseUrl.toString(), 'up', { quiet: true });
    api = await ApiHarness.start({
      DATABASE_URL: databaseUrl.toString(),
      CONFIG_SIGNING_KEYS: generateSigningKeyEntry('k1'),
      CONFIG_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      CONFIG_SIGNING_DEV_KEYS: 'false',
      ALERTS_ALLOWED_TARGETS: '127.0.0.1/32',
      // evaluations are driven by the test; the worker delivers
      ALERTS_EVALUATION_INTERVAL_SECONDS: '3600',
      ALERTS_DELIVERY_BACKOFF_MS: '300',
    });
    worker = await createWorkerApp(api.config, createLogger(api.config, 'test-worker'));
    await worker.init();
    receiver = await new Receiver().start();
    admin = await api.operatorKey('admin');
    operator = await api.operatorKey('operator');
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
    const client = new pg.Client({ connectionString: base.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${databaseUrl.pathname.slice(1)}" WITH (FORCE)`);
    await client.end();
  });

  it('plans a retirement, fires with the key, time and robots left behind, resolves when the plan moves or the key retires', async () => {
    const keys = await ok('GET', '/v1/config-signing-keys');
    const k1 = keys.items[0] as { id: string; keyId: string; plannedRetirementAt: string | null };
    expect(k1).toMatchObject({ keyId: 'k1', plannedRetirementAt: null });
    const plan = (id: string, plannedRetirementAt: string | null, token = admin) =>
      call(
        'PUT',
        `/v1/config-signing-keys/${id}/planned-retirement`,
        { plannedRetirementAt, reason: 'rotation' },
        token,
      );

    // Bad input names the field; only admins plan.
    for (const bad of [
      new Date(Date.now() - 60_000).toISOString(),
      'next tuesday',
      new Date(Date.now() + 4000 * DAY).toISOString(),
    ]) {
      const refused = await plan(k1.id, bad);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual([
        'plannedRetirementAt',
      ]);
    }
    const noReason = await call('PUT', `/v1/config-signing-keys/${k1.id}/planned-retirement`, {
      plannedRetirementAt: null,
    });
    expect(noReason.json().error.details.map((d: { path: string }) => d.path)).toEqual(['reason']);
    expect((await plan(k1.id, new Date(Date.now() + 10 * DAY).toISOString(), operator)).statusCode).toBe(403);

    // Two robots in the watched tag (enrolled with key set v1: k1 only), one elsewhere.
    const tag = uniqueName('keys');
    const seen = await api.enrollRobot(admin, uniqueName('seen'));
    const silent = await api.enrollRobot(admin, uniqueName('silent'));
    const elsewhere = await api.enrollRobot(admin, uniqueName('elsewhere'));
    await api.prisma.robot.updateMany({
      where: { id: { in: [seen.robotId, silent.robotId] } },
      data: { tags: [tag] },
    });

    const planned = await plan(k1.id, new Date(Date.now() + 10 * DAY).toISOString());
    expect(planned.statusCode, planned.body).toBe(200);
    expect(Date.parse(planned.json().plannedRetirementAt) - Date.now()).toBeGreaterThan(9.9 * DAY);

    const channel = await ok('POST', '/v1/alert-channels', {
      name: uniqueName('keys'),
      kind: 'webhook',
      url: receiver.url('/keys'),
    });
    const rule = await ok('POST', '/v1/alert-rules', {
      name: uniqueName('key retirement'),
      kind: 'signing_key_retirement',
      scope: { type: 'tag', tag },
      params: { daysBefore: 14 },
      channelIds: [channel.id],
    });
    expect(rule.params).toEqual({ daysBefore: 14 });
    const evaluator = worker.get(AlertEvaluatorService);
    const firing = async () =>
      (await ok('GET', `/v1/alerts?state=firing&ruleId=${rule.id}`)).items as {
        subject: { type: string; id: string; name: string };
        value: number;
        summary: string;
      }[];

    await evaluator.evaluateAll('test');
    let alerts = await firing();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.subject).toEqual({ type: 'signing_key', id: k1.id, name: 'signing key k1' });
    expect(alerts[0]!.value).toBeGreaterThan(9.9);
    expect(alerts[0]!.value).toBeLessThanOrEqual(10);
    expect(alerts[0]!.summary).toMatch(/^key k1 planned to retire \S+ \(in 10 days\)/);
    expect(alerts[0]!.summary).toContain('it is the active key and signs every config');
    expect(alerts[0]!.summary).toContain(
      'no other key is trusted: all 2 robot(s) in scope trust only this one',
    );

    const [delivered] = await until(
      'the signed notification',
      () => receiver.at('/keys'),
      (r) => r.length > 0,
    );
    expect(
      verifyWebhook({
        secret: channel.secret,
        body: delivered!.body,
        signature: delivered!.headers['x-aura-signature'] as string,
        timestamp: delivered!.headers['x-aura-timestamp'] as string,
      }),
    ).toEqual({ ok: true });
    expect(JSON.parse(delivered!.body)).toMatchObject({
      type: 'firing',
      rule: { id: rule.id, kind: 'signing_key_retirement' },
      alerts: [{ subject: { type: 'signing_key', id: k1.id } }],
    });

    // A successor: key set v2 carries k2. One robot has been heard from since, the other not.
    const k2 = await ok('POST', '/v1/config-signing-keys', { keyId: 'k2', reason: 'successor' });
    expect(k2.keySetVersion).toBe(2);
    await api.prisma.robot.update({
      where: { id: seen.robotId },
      data: { lastSeenAt: new Date(Date.now() + 1000) },
    });
    await ok('POST', `/v1/config-signing-keys/${k2.id}/activate`, { reason: 'rotation' });
    await evaluator.evaluateAll('test');
    alerts = await firing();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.summary).not.toContain('active key');
    expect(alerts[0]!.summary).toContain(
      '1 robot(s) in scope may still trust only this key (not heard from since key set v2',
    );

    // Moved out of the lead time: resolved, and a resolve is sent.
    await plan(k1.id, new Date(Date.now() + 30 * DAY).toISOString());
    await evaluator.evaluateAll('test');
    expect(await firing()).toEqual([]);
    const resolved = await until(
      'the resolve notification',
      () => receiver.at('/keys').map((r) => JSON.parse(r.body) as { type: string }),
      (r) => r.some((n) => n.type === 'resolved'),
    );
    expect(resolved.filter((n) => n.type === 'firing')).toHaveLength(1);

    // Planned soon again, then retired: a retired key is not trusted, nothing to warn about.
    await plan(k1.id, new Date(Date.now() + 2 * DAY).toISOString());
    await evaluator.evaluateAll('test');
    expect(await firing()).toHaveLength(1);
    await ok('POST', `/v1/config-signing-keys/${k1.id}/retire`, { reason: 'planned' });
    await evaluator.evaluateAll('test');
    expect(await firing()).toEqual([]);
    const late = await plan(k1.id, null);
    expect(late.statusCode, late.body).toBe(409);

    const audit = await ok('GET', `/v1/audit?targetId=${k1.id}&action=config_signing_key.plan_retirement`);
    expect(audit.items).toHaveLength(3);
    expect(audit.items[2]).toMatchObject({
      reason: 'rotation',
      before: { plannedRetirementAt: null },
      actorType: 'operator',
    });
    await api.prisma.robot.deleteMany({
      where: { id: { in: [seen.robotId, silent.robotId, elsewhere.robotId] } },
    });
  });
});
