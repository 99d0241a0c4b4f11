import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, type Stack, SCREENSHOTS as shots, signIn, startStack } from '@aura/testing';
import { runServiceEnv } from '@aura/testing/vitest';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TOKENS = 55; // more than a page of the tokens list (50)

/**
 * Credentials in Chromium against the real API (issues 13, 20): the API keys page (create shown once,
 * revoke; the last admin key kept), the config-signing keys page, the enrolment tokens list past its
 * first page, and a robot decommissioned from its page (then hidden from the robot list unless asked
 * for).
 */
describe('keys, token pages and robot decommission in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const robots: { robotId: string; robotSecret: string }[] = [];

  const api = () => stack.operatorApi;
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 250 });
  const me = (token: string) =>
    fetch(`${stack.apiUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    stack = await startStack(runServiceEnv());
    const token = await api().POST('/v1/enrollment-tokens', { body: { name: 'fleet', maxUses: 2 } });
    for (const name of ['keeper', 'scrapper']) {
      const response = await fetch(`${stack.apiUrl}/v1/agent/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrollmentToken: token.data!.token, name }),
      });
      expect(response.status).toBe(201);
      robots.push((await response.json()) as { robotId: string; robotSecret: string });
    }
    for (let i = 0; i < TOKENS; i++) {
      const created = await api().POST('/v1/enrollment-tokens', {
        body: { name: `batch-${String(i).padStart(2, '0')}` },
      });
      expect(created.response.status).toBe(201);
    }
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.dashboardUrl });
    page = await context.newPage();
    await signIn(page, stack.dashboardUrl, stack.adminKey);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('creates an API key shown once, lists it without its secret, and revokes it; the last admin key stays', async () => {
    await page.getByRole('link', { name: 'Keys', exact: true }).click();
    await page.waitForSelector('#keys-heading');
    await page.getByRole('button', { name: 'Create key' }).click();
    await poll(() => page.locator('#key-name-error').innerText()).toContain('Name must not be empty');
    await page.getByLabel('Name').fill('ci pipeline');
    await page.getByLabel('Valid').selectOption({ label: '90 days' });
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByTestId('secret');
    await secret.waitFor();
    const key = await secret.innerText();
    expect(key).toMatch(/^aura_ak_/);
    expect(await page.getByRole('status').first().innerText()).toMatch(
      /Key “ci pipeline” created, valid until/,
    );
    await page.getByRole('button', { name: 'Copy' }).click();
    await poll(() => page.getByText('Copied to the clipboard.').count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    expect((await me(key)).status).toBe(200);
    await page.screenshot({ path: path.join(shots, 'keys-created.png'), fullPage: true });

    // shown once: gone after a reload, never in the list
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('secret').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain(key);
    const row = page.locator('tbody tr', { hasText: 'ci pipeline' });
    expect(await row.innerText()).toMatch(
      /^ci pipeline\s+ak_\S+\s+E2E Admin\b.*\d{2} \w{3} \d{4} \d{2}:\d{2} UTC\s+active/s,
    );
    expect(await row.getAttribute('data-state')).toBe('active');

    await row.getByRole('button', { name: 'Revoke key ci pipeline' }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await poll(() => row.getAttribute('data-state')).toBe('revoked');
    expect((await me(key)).status).toBe(401);

    // the session's own key is the stack's only admin key: refused, the reason shown, still signed in
    const own = page.locator('tbody tr', { hasText: '(this session)' });
    await own.getByRole('button', { name: /^Revoke key .*this session/ }).click();
    await own.getByRole('button', { name: 'Yes, revoke' }).click();
    await poll(() => own.getByRole('alert').innerText()).toContain('last working admin API key');
    await page.screenshot({ path: path.join(shots, 'keys-last-admin.png'), fullPage: true });
    expect((await me(stack.adminKey)).status).toBe(200);
    const audit = await api().GET('/v1/audit', { params: { query: { targetType: 'api_key' } } });
    expect(audit.data!.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['api_key.create', 'api_key.revoke']),
    );
  });

  it('lists signed-in dashboard sessions on the keys page and ends another one there', async () => {
    // a second sign-in of the same admin, elsewhere (another browser)
    const opened = await fetch(`${stack.apiUrl}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.adminKey}` },
    });
    expect(opened.status).toBe(201);
    const elsewhere = (await opened.json()) as { id: string; token: string };
    const current = (token: string) =>
      fetch(`${stack.apiUrl}/v1/sessions/current`, { headers: { authorization: `Bearer ${token}` } });
    expect((await current(elsewhere.token)).status).toBe(200);

    await page.getByRole('link', { name: 'Keys', exact: true }).click();
    await page.reload({ waitUntil: 'networkidle' });
    await page.waitForSelector('#sessions-heading');
    const rows = page.getByRole('region', { name: 'Dashboard sessions' }).locator('tbody tr');
    await poll(() => rows.count()).toBe(2);
    expect(await page.locator('tr[data-session="current"]').innerText()).toContain('(this session)');
    expect(await page.content()).not.toContain(elsewhere.token);
    await page.screenshot({ path: path.join(shots, 'keys-sessions.png'), fullPage: true });

    const other = page.locator('tr[data-session="other"]');
    await other.getByRole('button', { name: /^Revoke / }).click();
    await other.getByRole('button', { name: 'Yes, revoke' }).click();
    await poll(() => rows.count()).toBe(1);
    expect((await current(elsewhere.token)).status).toBe(401);
    // this browser's own session goes on
    await page.reload({ waitUntil: 'networkidle' });
    await page.waitForSelector('#sessions-heading');
    expect(await page.locator('tr[data-session="current"]').count()).toBe(1);
  });

  it('shows an admin the config-signing keys, the key set and a planned retirement', async () => {
    await page.getByRole('link', { name: 'Signing keys' }).click();
    await page.waitForSelector('#signing-keys-heading');
    const keys = await api().GET('/v1/config-signing-keys');
    const active = keys.data!.items.find((k) => k.status === 'active')!;
    expect(await page.getByTestId('key-set').innerText()).toMatch(
      new RegExp(`^Key set v${keys.data!.keySet!.version}, issued .* UTC: trusts .*${active.keyId}`),
    );
    const row = page.locator(`#key-${active.id}`);
    expect(await row.getAttribute('data-status')).toBe('active');
    expect(await row.innerText()).toContain('not planned');

    const at = new Date(Date.now() + 30 * 86_400_000 + 3_600_000).toISOString();
    const planned = await api().PUT('/v1/config-signing-keys/{id}/planned-retirement', {
      params: { path: { id: active.id } },
      body: { plannedRetirementAt: at, reason: 'e2e: yearly rotation' },
    });
    expect(planned.response.status).toBe(200);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await row.innerText()).toMatch(/\d{2} \w{3} \d{4} \d{2}:\d{2} UTC \(in 30 days\)/);
    await page.screenshot({ path: path.join(shots, 'signing-keys.png'), fullPage: true });
    await api().PUT('/v1/config-signing-keys/{id}/planned-retirement', {
      params: { path: { id: active.id } },
      body: { plannedRetirementAt: null, reason: 'e2e: cleared' },
    });
  });

  it('pages the enrolment tokens through the API: none out of reach', async () => {
    await page.getByRole('link', { name: 'Tokens' }).click();
    await page.waitForSelector('#tokens-heading');
    const total = TOKENS + 1;
    expect(await page.locator('h2', { hasText: 'Tokens' }).innerText()).toBe(`Tokens (${total})`);
    expect(await page.locator('tbody tr').count()).toBe(50);
    expect(await page.locator('tbody tr').first().innerText()).toContain(`batch-${TOKENS - 1}`);
    const pager = page.getByRole('navigation', { name: 'Token pages' });
    expect(await pager.innerText()).toContain(`1–50 of ${total}`);
    await pager.getByRole('link', { name: 'Older →' }).click();
    await poll(() => page.url()).toContain('/tokens?cursor=');
    await poll(() => pager.innerText()).toContain(`51–${total} of ${total}`);
    await poll(() => page.locator('tbody tr').count()).toBe(total - 50);
    expect(await page.locator('main').innerText()).toContain('fleet'); // the oldest, on page 2
    expect(await page.locator('main').innerText()).toContain('batch-00');
    await page.screenshot({ path: path.join(shots, 'tokens-page-2.png'), fullPage: true });
  });

  it('decommissions a robot from its page behind a confirmation; the list hides it unless asked', async () => {
    const [keeper, scrapper] = robots as [(typeof robots)[0], (typeof robots)[0]];
    const poll200 = (secret: string) =>
      fetch(`${stack.apiUrl}/v1/agent/config`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await poll200(scrapper.robotSecret)).status).toBe(200);
    await page.goto(`${stack.dashboardUrl}/robots/${scrapper.robotId}`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Decommission' }).click();
    const dialog = page.getByRole('dialog', { name: 'Decommission scrapper?' });
    await dialog.waitFor();
    // no reason: refused in the dialog, nothing sent
    await dialog.getByRole('button', { name: 'Decommission' }).click();
    await poll(() => dialog.innerText()).toContain('Give a reason');
    expect((await poll200(scrapper.robotSecret)).status).toBe(200);
    await dialog.getByLabel('Reason (required, audited)').fill('water damage, line 3');
    await page.screenshot({ path: path.join(shots, 'robot-decommission-dialog.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Decommission' }).click();
    await poll(() => page.locator('#robot-heading + span').innerText()).toBe('decommissioned');
    expect(await page.getByRole('button', { name: 'Decommission' }).count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain('its secret is refused');
    await page.screenshot({ path: path.join(shots, 'robot-decommissioned.png'), fullPage: true });
    expect((await poll200(scrapper.robotSecret)).status).toBe(401);
    const audit = await api().GET('/v1/audit', {
      params: { query: { targetId: scrapper.robotId, action: 'robot.decommission' } },
    });
    expect(audit.data!.items[0]?.reason).toBe('water damage, line 3');

    await page.goto(`${stack.dashboardUrl}/robots`, { waitUntil: 'networkidle' });
    const names = () => page.locator('tbody tr td:first-child').allInnerTexts();
    expect(await names()).toEqual(['keeper']);
    await page.getByLabel('Decommissioned').selectOption({ label: 'only' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await poll(() => page.url()).toContain('decommissioned=only');
    await poll(names).toEqual(['scrapper']);
    expect(await page.locator('tbody tr').innerText()).toContain('decommissioned');
    await page.getByLabel('Decommissioned').selectOption({ label: 'shown too' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await poll(names).toEqual(['keeper', 'scrapper']);
    await page.screenshot({ path: path.join(shots, 'robots-decommissioned-shown.png'), fullPage: true });
    expect((await poll200(keeper.robotSecret)).status).toBe(200);
  });
});
