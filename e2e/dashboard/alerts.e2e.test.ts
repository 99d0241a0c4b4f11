import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { launchChromium, type Stack, SCREENSHOTS as shots, signIn, startStack } from '@aura/testing';
import { runServiceEnv } from '@aura/testing/vitest';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TAG = 'e2e-silent';
const ROBOTS = 5;

/**
 * Alert pages in a real browser against the real API and worker: channels (inline and API errors,
 * secret shown once), a rule created through the form (inline error first), the worker firing it for
 * robots gone silent and a real HTTP receiver getting one signed notification, test-fire with its
 * delivery log, a silence from the firing list, history; a viewer reads without controls.
 */
describe('alert pages in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const received: { path: string; body: string; headers: http.IncomingHttpHeaders }[] = [];
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', body: Buffer.concat(chunks).toString(), headers: req.headers });
      res.end('ok');
    });
  });
  let hookUrl: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    stack = await startStack(runServiceEnv(), {
      worker: true,
      apiEnv: {
        ALERTS_ALLOWED_TARGETS: '127.0.0.1/32',
        ALERTS_EVALUATION_INTERVAL_SECONDS: '2',
        ALERTS_DELIVERY_BACKOFF_MS: '500',
      },
    });
    // Robots last seen ten minutes ago (written straight to the stack's database: enrolment is not
    // what this test is about).
    const db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    for (let i = 0; i < ROBOTS; i++) {
      await db.query(
        `INSERT INTO robot (id, name, secret_prefix, secret_hash, tags, enrolled_at, last_seen_at)
         VALUES ($1, $2, $3, 'x', $4, $5, $5)`,
        [randomUUID(), `silent-${i + 1}`, `rs_${randomBytes(6).toString('hex')}`, [TAG], tenMinutesAgo],
      );
    }
    await db.end();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('creates a channel: a non-http URL refused inline, a private address by the API, then the secret once', async () => {
    await signIn(page, stack.dashboardUrl, await stack.createOperator('operator', 'Olga Operator'));
    await page.getByRole('link', { name: 'Alerts', exact: true }).click();
    await page.waitForSelector('#alerts-heading');
    expect(await page.locator('main').innerText()).toContain('Nothing is firing');
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.waitForSelector('#channels-heading');

    await page.getByLabel('Name').fill('ops-webhook');
    await page.getByLabel('URL').fill('ftp://example.com/hook');
    await page.getByRole('button', { name: 'Create channel' }).click();
    await expect
      .poll(() => page.locator('#channel-url-error').innerText())
      .toContain('must be an http:// or https:// URL');

    await page.getByLabel('URL').fill('http://10.1.2.3/hook'); // private: the API's SSRF guard refuses it
    await page.getByRole('button', { name: 'Create channel' }).click();
    await expect
      .poll(() => page.locator('#channel-url-error').innerText())
      .toContain('loopback, link-local or private');
    await page.screenshot({ path: path.join(shots, 'alerts-channel-refused.png'), fullPage: true });

    await page.getByLabel('URL').fill(hookUrl);
    await page.getByRole('button', { name: 'Create channel' }).click();
    await expect.poll(() => page.locator('main [role="status"]').innerText()).toContain('whsec_');
    await page.screenshot({ path: path.join(shots, 'alerts-channel-created.png'), fullPage: true });
    await page.reload();
    expect(await page.locator('main').innerText()).not.toContain('whsec_'); // shown once
    expect(await page.locator('table').innerText()).toContain('ops-webhook');
  });

  it('creates a rule through the form (inline error first); the worker fires it and one notification arrives', async () => {
    await page.getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('link', { name: 'New rule' }).click();
    await page.waitForSelector('#new-rule-heading');
    await page.getByLabel('Name', { exact: true }).fill('Robots gone silent');
    await page.getByLabel('Watch').selectOption('robot_silent');
    await page.getByLabel('Silent for (minutes)').fill('-5');
    await page.getByLabel('Scope').selectOption('tag');
    await page.getByLabel('Tag', { exact: true }).fill(TAG);
    await page.getByLabel('Severity').selectOption('critical');
    await page.getByRole('checkbox', { name: 'ops-webhook (webhook)' }).check();
    await page.getByRole('button', { name: 'Create rule' }).click();
    await expect
      .poll(() => page.locator('[id="rule-params.minutes-error"]').innerText())
      .toBe('Silent for (minutes) must be at least 1 minute');
    expect(new URL(page.url()).pathname).toBe('/alerts/rules/new'); // nothing sent
    await page.screenshot({ path: path.join(shots, 'alerts-rule-invalid.png'), fullPage: true });

    await page.getByLabel('Silent for (minutes)').fill('5');
    await page.getByRole('button', { name: 'Create rule' }).click();
    await page.waitForURL(/\/alerts\/rules\/[0-9a-f-]{36}\?saved=1/);
    expect(await page.locator('main').innerText()).toContain('Rule saved');

    // The worker evaluates every 2 s: one grouped notification listing the five robots.
    await expect.poll(() => received.filter((r) => r.path === '/hook').length, { timeout: 60_000 }).toBe(1);
    const payload = JSON.parse(received[0]!.body);
    expect(payload).toMatchObject({
      type: 'firing',
      alertsTotal: ROBOTS,
      rule: { name: 'Robots gone silent' },
    });
    expect(received[0]!.headers['x-aura-signature']).toMatch(/^v1=[0-9a-f]{64}$/);

    await page.getByRole('link', { name: 'Firing' }).click();
    await page.waitForSelector('#alerts-heading');
    await expect
      .poll(async () => {
        await page.reload();
        return page
          .locator('table caption')
          .innerText()
          .catch(() => '');
      })
      .toContain(`${ROBOTS} firing`);
    const table = await page.locator('table').innerText();
    expect(table).toContain('silent-1');
    expect(table).toMatch(/silent for 1\d minutes/);
    await page.screenshot({ path: path.join(shots, 'alerts-firing.png'), fullPage: true });
  });

  it('test-fires the rule and shows the delivery log; silences one robot from the firing list', async () => {
    await page.getByRole('link', { name: 'Robots gone silent' }).first().click();
    await page.waitForSelector('#rule-heading');
    await page.getByRole('button', { name: 'Test-fire' }).click();
    await expect
      .poll(() => page.locator('main [role="status"]').first().innerText())
      .toContain('Test sent to ops-webhook');
    await expect.poll(() => received.filter((r) => r.headers['x-aura-event'] === 'test').length).toBe(1);
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByRole('list', { name: 'Attempts to ops-webhook' }).first().innerText();
      })
      .toContain('HTTP 200');
    expect(await page.locator('main').innerText()).toContain('Firing now (5)');
    await page.screenshot({ path: path.join(shots, 'alerts-rule-detail.png'), fullPage: true });

    await page.getByRole('link', { name: 'Firing' }).click();
    await page.waitForSelector('#alerts-heading');
    const row = page.locator('tr', { hasText: 'silent-1' });
    await row.getByLabel('Reason').fill('in the workshop');
    await row.getByRole('button', { name: 'Silence' }).click();
    // The page refreshes with the robot muted: a badge instead of the form, and the caption counts it.
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain('silenced');
    expect(await page.locator('table caption').innerText()).toContain('1 silenced');
    await page.getByRole('link', { name: 'Silences' }).click();
    await page.waitForSelector('#silences-heading');
    expect(await page.locator('table').innerText()).toContain('in the workshop');
    await page.screenshot({ path: path.join(shots, 'alerts-silences.png'), fullPage: true });

    await page.getByRole('link', { name: 'History' }).click();
    await page.waitForSelector('#history-heading');
    expect(await page.locator('table').first().innerText()).toMatch(/firing[\s\S]*silent for 1\d minutes/);
    await page.screenshot({ path: path.join(shots, 'alerts-history.png'), fullPage: true });
  });

  it('a viewer reads rules and alerts but gets no create, test or silence control', async () => {
    const viewer = await (await browser.newContext({ viewport: { width: 820, height: 1180 } })).newPage();
    await signIn(viewer, stack.dashboardUrl, await stack.createOperator('viewer', 'Vera Viewer'));
    await viewer.goto(`${stack.dashboardUrl}/alerts/rules`);
    await viewer.waitForSelector('#rules-heading');
    expect(await viewer.getByRole('link', { name: 'New rule' }).count()).toBe(0);
    await viewer.getByRole('link', { name: 'Robots gone silent' }).click();
    await viewer.waitForSelector('#rule-heading');
    expect(await viewer.getByRole('button', { name: 'Test-fire' }).count()).toBe(0);
    await viewer.goto(`${stack.dashboardUrl}/alerts`);
    await viewer.waitForSelector('#alerts-heading');
    expect(await viewer.getByRole('button', { name: 'Silence' }).count()).toBe(0);
    expect(await viewer.locator('table').innerText()).toContain('silent-2');
    // The firing table scrolls inside its wrapper, not the page, at tablet width.
    const overflow = await viewer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await viewer.screenshot({ path: path.join(shots, 'alerts-viewer-tablet.png'), fullPage: true });
    await viewer.goto(`${stack.dashboardUrl}/alerts/rules/new`);
    expect(await viewer.locator('main [role="alert"]').innerText()).toContain(
      'may read alert rules but not create them',
    );
  });
});
