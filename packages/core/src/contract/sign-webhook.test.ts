import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './sign-webhook.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"type":"firing"}';

  it('is HMAC-SHA256 over "<timestamp>.<body>", hex, with a version prefix', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, 1_700_000_000, body)).toBe(`v1=${expected}`);
  });

  it('verifies a fresh signature and refuses a changed body, another secret or an old timestamp', () => {
    const now = 1_700_000_000;
    const signature = signWebhook(secret, now, body);
    const base = { secret, body, signature, timestamp: String(now), now };
    expect(verifyWebhook(base)).toEqual({ ok: true });
    expect(verifyWebhook({ ...base, body: '{"type":"resolved"}' })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhook({ ...base, secret: 'other' })).toEqual({ ok: false, reason: 'mismatch' });
    // A replay of the same request ten minutes later fails on its timestamp.
    expect(verifyWebhook({ ...base, now: now + 600 })).toEqual({ ok: false, reason: 'stale' });
    // Moving the timestamp forward breaks the signature, since the timestamp is signed.
    expect(verifyWebhook({ ...base, timestamp: String(now + 600), now: now + 600 })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhook({ ...base, signature: undefined })).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('the verification example of docs/alerts.md', () => {
  it('accepts a signed request once, and refuses a changed body, a stale timestamp and a replay', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../../docs/alerts.md', import.meta.url), 'utf8');
    const snippet = /```js\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const module = await import(`data:text/javascript,${encodeURIComponent(snippet)}`);
    const verify = module.verifyAuraWebhook as (s: string, b: string, h: Record<string, string>) => string;
    const secret = 'whsec_doc';
    const body = '{"type":"firing"}';
    const ts = Math.floor(Date.now() / 1000);
    const headers = {
      'x-aura-timestamp': String(ts),
      'x-aura-signature': signWebhook(secret, ts, body),
      'x-aura-delivery': 'd-1',
    };
    expect(verify(secret, '{"type":"resolved"}', headers)).toBe('bad-signature');
    expect(verify(secret, body, headers)).toBe('ok');
    expect(verify(secret, body, headers)).toBe('duplicate');
    const old = ts - 3600;
    expect(
      verify(secret, body, {
        ...headers,
        'x-aura-timestamp': String(old),
        'x-aura-signature': signWebhook(secret, old, body),
      }),
    ).toBe('stale');
  });
});
