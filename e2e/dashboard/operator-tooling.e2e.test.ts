import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  confirmInDialog,
  launchChromium,
  type RunningService,
  type Stack,
  SCREENSHOTS as shots,
  signIn,
  startDashboard,
  startStack,
  TcpProxy,
  telemetryRecord,
} from '@aura/testing';
import { runServiceEnv } from '@aura/testing/vitest';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';

const ROBOTS = 110; // more than a page of the robot picker (50) and of the per-robot table (100)
const DRAFTS = 51; // more than a page of the rollout list (50)
const TAG = 'tooling';
const HOUR = 3_600_000;

/**
 * The forms' missing fields and the lists that page through the API (issue 20), in Chromium against
 * the real API: a rollout form with rate limit, apply window and a 7-day preview; the robot picker,
 * the rollout list and the per-robot table past their first page; promote through the UI; the audit
 * viewer by actor type; policies at tablet width; a robot's 7-day window; and the API going away
 * under a signed-in dashboard (it talks to the API through a proxy the test cuts).
 */
describe('operator tooling in Chromium', () => {
  let stack: Stack;
  let proxy: TcpProxy;
  let dashboard: RunningService;
  let browser: Browser;
  let page: Page;
  let versionId: string;
  const robotIds: string[] = [];

  const api = () => stack.operatorApi;
  // A loaded machine (CI beside other suites) answers slowly: polls wait up to 20 s.
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 250 });
  const noSidewaysScroll = async (width: number) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    stack = await startStack(runServiceEnv(), { dashboard: false, apiEnv: { AGENT_RATE_LIMIT: '0' } });
    proxy = new TcpProxy('127.0.0.1', Number(new URL(stack.apiUrl).port));
    await proxy.start();
    dashboard = await startDashboard(`http://127.0.0.1:${proxy.port}`);

    const token = await api().POST('/v1/enrollment-tokens', {
      body: { name: 'tooling', maxUses: ROBOTS, tags: [TAG] },
    });
    for (let i = 0; i < ROBOTS; i++) {
      const response = await fetch(`${stack.apiUrl}/v1/agent/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          enrollmentToken: token.data!.token,
          name: `bot-${String(i).padStart(3, '0')}`,
        }),
      });
      expect(response.status).toBe(201);
      const enrolled = (await response.json()) as { robotId: string; robotSecret: string };
      robotIds.push(enrolled.robotId);
      if (i === 0) {
        // Six days of telemetry, a window every 3 hours, for the 7-day window of the robot page.
        const records = Array.from({ length: 48 }, (_, n) =>
          telemetryRecord(
            n + 1,
            { writes: 10 + (n % 5) },
            { start: new Date(Date.now() - (48 - n) * 3 * HOUR) },
          ),
        );
        const sent = await fetch(`${stack.apiUrl}/v1/agent/telemetry`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${enrolled.robotSecret}` },
          body: JSON.stringify({ records }),
        });
        expect(sent.status).toBe(200);
      }
    }
    const policy = await api().POST('/v1/policies', { body: { name: 'tooling-tau', tau: 0.4 } });
    versionId = policy.data!.versions[0]!.id;
    await api().POST('/v1/policies/{id}/versions', {
      params: { path: { id: policy.data!.id } },
      body: { tau: 0.45, notes: 'a version with a long note to check the table wraps at tablet width' },
    });
    for (let i = 0; i < DRAFTS; i++) {
      const created = await api().POST('/v1/rollouts', {
        body: {
          name: `draft-${String(i).padStart(2, '0')}`,
          spec: {
            policyVersionId: versionId,
            target: { robotIds: [robotIds[i]!] },
            steps: [{ percent: 100, bakeSeconds: 60 }],
          },
        },
      });
      expect(created.response.status).toBe(201);
    }
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: dashboard.url });
    page = await context.newPage();
    await signIn(page, dashboard.url, stack.adminKey);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.process.stop();
    await proxy?.stop();
    await stack?.stop();
  });

  it('pages the rollout list through the API: drafts in progress, then every rollout 50 a page', async () => {
    await page.goto(`${dashboard.url}/rollouts`, { waitUntil: 'networkidle' });
    const inProgress = page.getByRole('region', { name: 'Rollouts in progress' });
    expect(await inProgress.locator('tbody tr').count()).toBe(DRAFTS);
    const all = page.getByRole('region', { name: 'All rollouts' });
    expect(await all.locator('tbody tr').count()).toBe(50);
    expect(await all.locator('caption').innerText()).toBe(`${DRAFTS} in all, newest first · 1–50`);
    await page
      .getByRole('navigation', { name: 'Rollout pages' })
      .getByRole('link', { name: 'Next →' })
      .click();
    await page.waitForURL(/page=2/);
    expect(await page.getByRole('region', { name: 'All rollouts' }).locator('tbody tr').count()).toBe(1);
    // the oldest draft is the one on the second page
    expect(await page.getByRole('region', { name: 'All rollouts' }).locator('tbody').innerText()).toContain(
      'draft-00',
    );
    expect(await page.getByRole('navigation', { name: 'Rollout pages' }).innerText()).toContain(
      'page 2 of 2',
    );
  });

  it('creates a rollout with a rate limit and an apply window, picking a robot past the first page, previewed over 7 days', {
    timeout: 180_000,
  }, async () => {
    await page.goto(`${dashboard.url}/rollouts/new`, { waitUntil: 'networkidle' });
    await page.getByLabel('Name', { exact: true }).fill('Rate-limited at night');
    await page.getByLabel('Policy version').selectOption({ label: 'tooling-tau v1 · τ 0.40' });
    const status = page.locator('#robot-picker-status');
    expect(await status.innerText()).toBe(`50 of ${ROBOTS} robots listed`);
    expect(await page.getByRole('checkbox', { name: 'bot-109' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show more robots' }).click();
    await poll(() => status.innerText()).toBe(`100 of ${ROBOTS} robots listed`);
    await page.getByRole('button', { name: 'Show more robots' }).click();
    await poll(() => status.innerText()).toBe(`${ROBOTS} of ${ROBOTS} robots listed`);
    await page.getByRole('checkbox', { name: 'bot-109' }).check();
    // search asks the API too; the robot picked stays picked
    await page.getByLabel('Robots (search by name)').fill('bot-10');
    await poll(() => status.innerText()).toMatch(/^10 of 10 robots matching listed · 1 picked/); // bot-100 … bot-109;
    await page.getByRole('checkbox', { name: 'bot-105' }).check();
    await page.getByLabel('Robots (search by name)').fill('');
    await poll(() => page.locator('#target-count').innerText()).toBe('2 robots match');
    // a tag no listed robot has can be typed in
    await page.getByLabel('Another tag').fill(TAG);
    await page.getByRole('button', { name: 'Add tag' }).click();
    await poll(() => page.locator('#target-count').innerText()).toBe(`${ROBOTS} robots match`);
    await page.getByRole('checkbox', { name: TAG, exact: true }).uncheck();
    await poll(() => page.locator('#target-count').innerText()).toBe('2 robots match');

    await page.getByRole('button', { name: 'Remove step 3' }).click();
    await page.getByRole('button', { name: 'Remove step 2' }).click();
    await page.getByLabel('Percent').fill('100');
    await page.getByLabel('Bake (seconds)').fill('3600');
    // the new fields are checked by the API's schema as they are typed
    await page.getByLabel('Rate limit (robots per minute)').fill('0');
    await page.getByLabel('Rate limit (robots per minute)').blur();
    await poll(() => page.locator('#field-rateLimitPerMinute-error').innerText()).toMatch(
      />=\s*1|≥ 1|too small/i,
    );
    await page.getByLabel('Rate limit (robots per minute)').fill('30');
    await page.getByLabel('Apply window start (UTC)').fill('22:00');
    await page.getByLabel('Apply window start (UTC)').blur();
    await page.getByRole('button', { name: 'Preview impact' }).click();
    await poll(() => page.locator('#field-applyWindow-end-error').innerText()).toBe(
      'must be HH:MM (24-hour, UTC)',
    );
    await page.getByLabel('Apply window end (UTC)').fill('22:00');
    await page.getByRole('button', { name: 'Preview impact' }).click();
    await poll(() => page.locator('#field-applyWindow-end-error').innerText()).toBe('must differ from start');
    await page.getByLabel('Apply window end (UTC)').fill('21:59');

    await page.getByLabel('Predict from').selectOption({ label: 'last 7 days' });
    await page.getByRole('button', { name: 'Preview impact' }).click();
    const preview = page.locator('section[aria-labelledby="preview-heading"]');
    await poll(() => preview.innerText()).toContain('2 target robots · new τ 0.40');
    expect(await preview.innerText()).toContain('telemetry of the last 7 d');
    await page.screenshot({ path: path.join(shots, 'tooling-rollout-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/rollouts\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1)!;
    await poll(() => page.locator('#delivery').innerText()).toBe(
      '30 robots per minute · steps start between 22:00 and 21:59 UTC',
    );
    const { data } = await api().GET('/v1/rollouts/{id}', { params: { path: { id } } });
    expect(data?.spec).toMatchObject({
      rateLimitPerMinute: 30,
      applyWindow: { start: '22:00', end: '21:59' },
      target: { robotIds: expect.arrayContaining([robotIds[109], robotIds[105]]) },
    });
  });

  it('promotes a running rollout through the UI; the per-robot table pages past 100 robots', async () => {
    const created = await api().POST('/v1/rollouts', {
      body: {
        name: 'to promote',
        spec: {
          policyVersionId: versionId,
          target: { tags: [TAG] },
          steps: [{ percent: 100, bakeSeconds: 3600 }],
        },
      },
    });
    // the drafts hold robots 0-50 only while running; drafts hold none, so the tag covers every robot
    const id = created.data!.id;
    await api().POST('/v1/rollouts/{id}/start', { params: { path: { id } }, body: { reason: 'e2e' } });
    await page.goto(`${dashboard.url}/rollouts/${id}`, { waitUntil: 'networkidle' });
    await page.locator('summary', { hasText: 'Per-robot states' }).click();
    expect(await page.locator('summary', { hasText: 'Per-robot states' }).innerText()).toContain(
      `${ROBOTS} robots, 1–100 shown`,
    );
    expect(await page.getByRole('region', { name: 'Per-robot states' }).locator('tbody tr').count()).toBe(
      100,
    );
    await page
      .getByRole('navigation', { name: 'Per-robot pages' })
      .getByRole('link', { name: 'Next →' })
      .click();
    await page.waitForURL(/page=2/);
    await poll(() => page.getByRole('region', { name: 'Per-robot states' }).locator('tbody tr').count()).toBe(
      ROBOTS - 100,
    );

    await page.getByRole('button', { name: 'Promote' }).click();
    const dialog = page.getByRole('dialog', { name: /Promote/ });
    await dialog.waitFor();
    await dialog.getByLabel('Reason (required, audited)').fill('bake looks clean, promote now');
    await confirmInDialog(dialog, 'Promote');
    await poll(() => page.locator('#status-reason').innerText()).toContain(
      'promoted by an operator: bake looks clean',
    );
    await poll(() => page.locator('main h1 + *').innerText()).toBe('succeeded');
    const { data } = await api().GET('/v1/rollouts/{id}', { params: { path: { id } } });
    expect(data?.status).toBe('succeeded');
    await page.screenshot({ path: path.join(shots, 'tooling-promoted.png'), fullPage: true });
  });

  it('filters the audit log by actor type', async () => {
    await page.goto(`${dashboard.url}/audit`, { waitUntil: 'networkidle' });
    await page.getByLabel('Actor type').selectOption('robot');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/actorType=robot/);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(50);
    for (const who of await page.locator('tbody tr td:nth-child(2)').allInnerTexts())
      expect(who).toMatch(/^robot /);
    await page.getByLabel('Actor type').selectOption('operator');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/actorType=operator/);
    const actions = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(actions).toContain('rollout.promote');
    expect(actions).not.toContain('robot.enroll');
    await page.screenshot({ path: path.join(shots, 'tooling-audit-actor-type.png'), fullPage: true });
  });

  it('shows policies at tablet width without sideways scrolling', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    onTestFinished(() => page.setViewportSize({ width: 1280, height: 800 }));
    await page.goto(`${dashboard.url}/policies`, { waitUntil: 'networkidle' });
    expect(await page.locator('main').innerText()).toContain('tooling-tau');
    await noSidewaysScroll(820);
    await page.screenshot({ path: path.join(shots, 'policies-tablet.png'), fullPage: true });
    const { data: policies } = await api().GET('/v1/policies');
    const policyId = policies!.items.find((p) => p.name === 'tooling-tau')!.id;
    await page.goto(`${dashboard.url}/policies/${policyId}`, { waitUntil: 'networkidle' });
    await poll(() => page.locator('main').innerText()).toContain('a version with a long note');
    await page.screenshot({ path: path.join(shots, 'policy-detail-tablet.png'), fullPage: true });
    await noSidewaysScroll(820);
    await page.goto(`${dashboard.url}/policies/new`, { waitUntil: 'networkidle' });
    await page.screenshot({ path: path.join(shots, 'policy-new-tablet.png'), fullPage: true });
    await noSidewaysScroll(820);
  });

  it("draws a robot's 7-day window from six days of telemetry", async () => {
    await page.goto(`${dashboard.url}/robots/${robotIds[0]}`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: '7 d' }).click();
    await poll(() => page.getByRole('link', { name: '7 d' }).getAttribute('aria-current')).toBe('page');
    // one 3-hour bucket per window: 48 rows, against 8 in the 24-hour window
    await poll(() => page.locator('figure[data-chart="chart-write-rate"] tbody tr').count()).toBe(48);
    expect(await page.locator('figure[data-chart="chart-write-rate"] figcaption').innerText()).toContain(
      'lowest 10.0 %, highest 14.0 %',
    );
    await page.screenshot({ path: path.join(shots, 'robot-detail-7d.png'), fullPage: true });
    await page.getByRole('link', { name: '24 h' }).click();
    // the last 24 hours: 7 or 8 three-hourly windows, depending on where the hour falls
    await poll(() =>
      page.locator('figure[data-chart="chart-write-rate"] tbody tr').count(),
    ).toBeLessThanOrEqual(8);
    expect(
      await page.locator('figure[data-chart="chart-write-rate"] tbody tr').count(),
    ).toBeGreaterThanOrEqual(7);
  });

  it('creates an enrolment token shown once with a copy button, lists it, and revokes it', async () => {
    await page.getByRole('link', { name: 'Tokens' }).click();
    await page.waitForSelector('#tokens-heading');
    await page.getByLabel('Name').fill('line 3');
    await page.getByLabel('Tags').fill('line-3, Bad Tag');
    await page.getByLabel('Robots (uses)').fill('5');
    await page.getByRole('button', { name: 'Create token' }).click();
    await poll(() => page.locator('#token-tags-error').innerText()).toContain('Tags must be 1-63 lowercase');
    await page.getByLabel('Tags').fill('line-3, hw.emmc');
    await page.getByLabel('Valid for').selectOption({ label: '7 days' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByTestId('secret');
    await secret.waitFor();
    const token = await secret.innerText();
    expect(token).toMatch(/^aura_et_/);
    await page.getByRole('button', { name: 'Copy' }).click();
    await poll(() => page.getByText('Copied to the clipboard.').count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await page.screenshot({ path: path.join(shots, 'tokens-created.png'), fullPage: true });
    // shown once: gone after a reload, and never in the list
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('secret').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain(token);
    const row = page.locator('tbody tr', { hasText: 'line 3' });
    expect(await row.innerText()).toMatch(/line 3\s+et_\S+\s+0 of 5\s+—\s+line-3, hw\.emmc/);
    expect(await row.getAttribute('data-state')).toBe('active');
    // a robot enrols with it (uses counted), then it is revoked and refused
    const enroll = () =>
      fetch(`${stack.apiUrl}/v1/agent/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrollmentToken: token, name: `line3-${Date.now()}` }),
      });
    expect((await enroll()).status).toBe(201);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await row.innerText()).toContain('1 of 5');
    await row.getByRole('button', { name: 'Revoke token line 3' }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await poll(() => row.getAttribute('data-state')).toBe('revoked');
    expect((await enroll()).status).toBe(401);
    await page.screenshot({ path: path.join(shots, 'tokens-revoked.png'), fullPage: true });
  });

  it('says so when the API cannot be reached, on every page, and recovers when it is back', async () => {
    await proxy.stop();
    for (const route of [
      '/',
      '/robots',
      '/rollouts',
      '/policies',
      '/audit',
      '/tokens',
      `/robots/${robotIds[0]}`,
    ]) {
      const response = await page.goto(`${dashboard.url}${route}`, { waitUntil: 'networkidle' });
      expect(response?.status(), route).toBeLessThan(500);
      // in main: Next.js's route announcer is a role="alert" of its own
      const alert = page.locator('main [role="alert"]').first();
      await alert.waitFor();
      expect(await alert.innerText(), route).toMatch(/could not|unreachable|did not answer|failed/i);
    }
    await page.screenshot({ path: path.join(shots, 'api-unreachable.png'), fullPage: true });
    await proxy.start();
    // back without a restart (a connection the proxy dropped may fail one request first)
    await poll(async () => {
      await page.goto(`${dashboard.url}/rollouts`, { waitUntil: 'networkidle' });
      return page.locator('main [role="alert"]').count();
    }).toBe(0);
    expect(await page.locator('#rollouts-heading').count()).toBe(1);
  });
});
