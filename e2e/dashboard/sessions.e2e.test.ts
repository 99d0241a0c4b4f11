import { createApiClient } from '@aura/api-client';
import { launchChromium, type Stack, startDashboard, startStack } from '@aura/testing';
import { runServiceEnv } from '@aura/testing/vitest';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Dashboard sessions in PostgreSQL behind the API (docs/dashboard.md, "Sessions"): a signed-in
 * operator stays signed in through a dashboard restart (SIGKILL) and on a second dashboard process;
 * sign-out on one process ends the session on the other; a revoked key ends it.
 */
describe('dashboard sessions across restarts and processes', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack(runServiceEnv());
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('keeps the operator signed in through a restart and on a second process; sign-out ends it on both', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${stack.dashboardUrl}/sign-in`, { waitUntil: 'networkidle' });
    await page.getByLabel('Operator API key').fill(stack.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('#overview-heading');
    const cookie = (await context.cookies()).find((c) => c.name === 'aura_session');
    expect(cookie?.value).toMatch(/^aura_ds_/);
    expect(cookie?.httpOnly).toBe(true);

    await stack.restartDashboard('kill');
    await page.goto(`${stack.dashboardUrl}/robots`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#robots-heading, #sign-in-heading');
    expect(new URL(page.url()).pathname).toBe('/robots');
    expect(await page.locator('.who').innerText()).toContain('E2E Admin');

    // A second dashboard process sees the same session (the same cookie, another port's origin).
    const second = await startDashboard(stack.apiUrl, { name: 'dashboard-2' });
    try {
      const other = await context.newPage();
      await context.addCookies([{ ...cookie!, domain: '127.0.0.1', path: '/' }]);
      await other.goto(`${second.url}/`, { waitUntil: 'domcontentloaded' });
      await other.waitForSelector('#overview-heading, #sign-in-heading');
      expect(new URL(other.url()).pathname).toBe('/');

      // Sign out on the first: the second sends the operator to sign-in too.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForSelector('#sign-in-heading');
      await other.goto(`${second.url}/robots`, { waitUntil: 'domcontentloaded' });
      await other.waitForSelector('#sign-in-heading');
      expect(new URL(other.url()).pathname).toBe('/sign-in');
    } finally {
      await second.process.stop();
    }
    const audit = await stack.operatorApi.GET('/v1/audit', {
      params: { query: { targetType: 'dashboard_session' } },
    });
    expect(audit.data!.items.map((e) => e.action)).toEqual([
      'dashboard_session.sign_out',
      'dashboard_session.sign_in',
    ]);
    await context.close();
  });

  it('ends the session when its API key is revoked', async () => {
    const key = await stack.createOperator('viewer', 'E2E Viewer');
    const viewer = await createApiClient({ baseUrl: stack.apiUrl, token: key }).GET('/v1/me');
    const apiKeyId = viewer.data!.apiKeyId;
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${stack.dashboardUrl}/sign-in`, { waitUntil: 'networkidle' });
    await page.getByLabel('Operator API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('#overview-heading');
    const revoked = await stack.operatorApi.POST('/v1/api-keys/{id}/revoke', {
      params: { path: { id: apiKeyId } },
    });
    expect(revoked.response.status).toBe(200);
    await page.goto(`${stack.dashboardUrl}/`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#sign-in-heading');
    await context.close();
  });
});
