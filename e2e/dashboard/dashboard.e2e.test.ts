import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createApiClient } from '@aura/api-client';
import {
  launchChromium,
  type Stack,
  SCREENSHOTS as shots,
  signIn,
  startStack,
  telemetryRecord,
} from '@aura/testing';
import { runServiceEnv } from '@aura/testing/vitest';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The dashboard in a real browser against the real API and database. */
describe('dashboard in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    stack = await startStack(runServiceEnv());
    // A small fleet with telemetry, enrolled through the API.
    const operator = createApiClient({ baseUrl: stack.apiUrl, token: stack.adminKey });
    const token = await operator.POST('/v1/enrollment-tokens', {
      body: { name: 'e2e', maxUses: 3, tags: ['e2e'] },
    });
    for (const name of ['arm-alpha', 'arm-beta', 'cart-gamma']) {
      const enrolled = await createApiClient({ baseUrl: stack.apiUrl }).POST('/v1/agent/enroll', {
        body: { enrollmentToken: token.data!.token, name },
      });
      const robot = createApiClient({ baseUrl: stack.apiUrl, token: enrolled.data!.robotSecret });
      const now = Date.now();
      await robot.POST('/v1/agent/telemetry', {
        body: {
          records: [1, 2, 3].map((seq) =>
            telemetryRecord(
              seq,
              {
                steps: 300,
                writes: 66,
                episodes: { completed: 5, succeeded: 4 },
                stepLatencyUs: { p50: 60, p99: 150 },
              },
              { start: new Date(now - (4 - seq) * 10_000) },
            ),
          ),
        },
      });
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('refuses a bad key and signs in with a good one, keeping the key out of the browser', async () => {
    await page.goto(`${stack.dashboardUrl}/`, { waitUntil: 'networkidle' });
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Operator API key').fill('aura_ak_not_a_real_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toContain('not valid');
    await page.screenshot({ path: path.join(shots, 'sign-in.png') });

    await page.getByLabel('Operator API key').fill(stack.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('#overview-heading');
    expect(await page.content()).not.toContain(stack.adminKey);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'aura_session')).toMatchObject({ httpOnly: true });
    expect(cookies.some((c) => c.value.includes(stack.adminKey))).toBe(false);
  });

  it('shows the fleet overview with live numbers and the role', async () => {
    await expect.poll(() => page.locator('.tile').first().innerText()).toContain('3');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Robots online');
    expect(text).toContain('4.2 kB');
    expect(text).toMatch(/Writes per step\s+22\.0 %/);
    // wear grows 0.0001 per 10 s window (0.0001 → 0.0003 over 30 s): 0.9997 ÷ 0.576 per day ≈ 1.7 days
    expect(text).toMatch(/Robots below the life target\s+3\s/);
    expect(text).toMatch(/Projected flash life \(median \/ worst\)\s+1\.7 days \/ 1\.7 days/);
    expect(await page.locator('#worst-heading + ol li').count()).toBe(3);
    expect(text).toContain('No rollout is running.');
    expect(await page.locator('.role').textContent()).toBe('admin');
    await page.screenshot({ path: path.join(shots, 'overview.png'), fullPage: true });
  });

  it('lists, searches and filters robots', async () => {
    await page.getByRole('link', { name: 'Robots' }).click();
    await page.waitForSelector('#robots-heading');
    expect(await page.locator('tbody tr').count()).toBe(3);
    await page.getByLabel('Search').fill('arm');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    await page.screenshot({ path: path.join(shots, 'robots.png'), fullPage: true });
  });

  it('shows the audit log and signs out', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.waitForSelector('#audit-heading');
    expect(await page.locator('tbody').innerText()).toContain('robot.enroll');
    await page.getByLabel('Target').selectOption('rollout');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('No events match.');
    await page.getByLabel('Target').selectOption('robot');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    // the admin sees operator names, and each change's before/after
    await page.getByLabel('Target').selectOption('');
    await page.getByLabel('Action').fill('enrollment_token.create');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody').innerText()).toContain('E2E Admin');
    await page.screenshot({ path: path.join(shots, 'audit.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto(`${stack.dashboardUrl}/robots`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('pages the robots table by the API keyset cursor, forward and back', async () => {
    // after the audit test (these enrolments would be in its log) and its sign-out
    await signIn(page, stack.dashboardUrl, stack.adminKey);
    // 50 more robots (no telemetry): 53 in all, two pages of 50 by name
    const operator = createApiClient({ baseUrl: stack.apiUrl, token: stack.adminKey });
    const token = await operator.POST('/v1/enrollment-tokens', { body: { name: 'paging', maxUses: 50 } });
    for (let i = 0; i < 50; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          createApiClient({ baseUrl: stack.apiUrl }).POST('/v1/agent/enroll', {
            body: { enrollmentToken: token.data!.token, name: `paged-${String(i + j).padStart(2, '0')}` },
          }),
        ),
      );
    }
    const caption = () => page.locator('caption').innerText();
    const names = () => page.locator('tbody tr td:first-child').allInnerTexts();
    await page.goto(`${stack.dashboardUrl}/robots`, { waitUntil: 'networkidle' });
    await expect.poll(caption).toBe('53 robots · page 1 of 2');
    const first = await names();
    expect(first).toHaveLength(50);
    expect(first.slice(0, 4)).toEqual(['arm-alpha', 'arm-beta', 'cart-gamma', 'paged-00']);
    await page.getByRole('link', { name: 'Next →' }).click();
    await expect.poll(caption).toBe('53 robots · page 2 of 2');
    expect(await names()).toEqual(['paged-47', 'paged-48', 'paged-49']);
    expect(new URL(page.url()).searchParams.get('cursor')).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await page.getByRole('link', { name: 'Next →' }).count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'robots-page-2.png'), fullPage: true });
    await page.getByRole('link', { name: '← Previous' }).click();
    await expect.poll(caption).toBe('53 robots · page 1 of 2');
    expect(await names()).toEqual(first);
    // by name, descending: a new sort starts at its first page
    await page.getByRole('link', { name: 'Next →' }).click();
    await expect.poll(caption).toBe('53 robots · page 2 of 2');
    await page.getByRole('link', { name: 'Name' }).click();
    await expect.poll(caption).toBe('53 robots · page 1 of 2');
    expect((await names()).slice(0, 2)).toEqual(['paged-49', 'paged-48']);
  });
});
