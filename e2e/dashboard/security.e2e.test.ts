import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium, type Stack, startStack } from '@aura/testing';
import { runServiceEnv } from '@aura/testing/vitest';
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Browser-facing hardening: CSP with a nonce, no framing, Secure cookie by public URL, sign-in throttle. */
describe('dashboard security headers and sign-in', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack(
      runServiceEnv(),
      // Served to browsers as https (a TLS proxy in front): the cookie must be Secure although the
      // API behind it is plain http, and the dashboard itself is reached on 127.0.0.1 here.
      { dashboardEnv: { DASHBOARD_PUBLIC_URL: 'https://fleet.example.test', DASHBOARD_SIGN_IN_LIMIT: '3' } },
    );
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('sends a nonce CSP that forbids framing, and the pages still run under it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${stack.dashboardUrl}/sign-in`, { waitUntil: 'networkidle' });
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    expect(response?.headers()['strict-transport-security']).toBeDefined();
    // A fresh nonce per response.
    const again = await page.request.get(`${stack.dashboardUrl}/sign-in`);
    expect(again.headers()['content-security-policy']).not.toBe(csp);

    // Scripts run (the form is a client component): signing in works and lands on the overview.
    let setCookie = '';
    // Headers are read asynchronously; a read still pending when the context closes at the end rejects
    // (the page is gone): that is a later response, not the sign-in answer asserted below, so it is ignored
    // rather than left as an unhandled rejection.
    const onResponse = (r: Response) => {
      r.allHeaders().then(
        (headers) => {
          const value = headers['set-cookie'];
          if (value?.includes('aura_session=')) setCookie = value;
        },
        () => {},
      );
    };
    page.on('response', onResponse);
    await page.getByLabel('Operator API key').fill(stack.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('#overview-heading');
    expect(setCookie).toMatch(/;\s*secure/i);
    expect(setCookie).toMatch(/;\s*httponly/i);
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    page.off('response', onResponse);
    await context.close();
  });

  it('cannot be framed by another site', async () => {
    const framer = http.createServer((_, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><iframe id="f" src="${stack.dashboardUrl}/sign-in"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
    try {
      const page = await browser.newPage();
      const refused: string[] = [];
      page.on('console', (message) => refused.push(message.text()));
      await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`, {
        waitUntil: 'networkidle',
      });
      const frame = page.frames().find((f) => f !== page.mainFrame());
      const framedHeading = frame ? await frame.locator('#sign-in-heading').count() : 0;
      expect(framedHeading).toBe(0);
      expect(refused.join('\n')).toMatch(/frame-ancestors|X-Frame-Options|refused/i);
      await page.close();
    } finally {
      framer.close();
    }
  });

  it('refuses sign-in for a minute after too many failures, even with a good key', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.dashboardUrl}/sign-in`, { waitUntil: 'networkidle' });
    // One sign-in at a time: wait until the form is idle (hydrated, not pending), then for the
    // action's answer. Generous timeouts: under a loaded CI machine a server action took > 30 s.
    const button = page.getByRole('button', { name: 'Sign in' });
    const attempt = async (key: string) => {
      await expect.poll(() => button.isEnabled(), { timeout: 60_000 }).toBe(true);
      await page.getByLabel('Operator API key').fill(key);
      const answered = page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 90_000 });
      await button.click();
      await answered;
    };
    for (let i = 0; i < 3; i++) {
      await attempt(`aura_ak_wrong_${i}`);
      await expect.poll(() => page.locator('#sign-in-error').textContent()).toContain('not valid');
    }
    await attempt(stack.adminKey);
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toMatch(/Too many failed sign-ins/);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  }, 240_000);
});
