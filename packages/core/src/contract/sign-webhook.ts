import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures of alert notifications (docs/alerts.md). Every request carries
 * `X-Aura-Timestamp: <unix seconds>` and `X-Aura-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
 * The timestamp is inside the signed text, so a receiver that refuses old timestamps (5 minutes by
 * default) and remembers `X-Aura-Delivery` ids it has seen is safe from replays.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-aura-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-aura-timestamp';
export const WEBHOOK_DELIVERY_HEADER = 'x-aura-delivery';
export const WEBHOOK_EVENT_HEADER = 'x-aura-event';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type WebhookVerdict = { ok: true } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/** Checks a received notification: signature over the exact body bytes, timestamp within tolerance. */
export function verifyWebhook(options: {
  secret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  toleranceSeconds?: number;
  now?: number;
}): WebhookVerdict {
  const timestamp = Number(options.timestamp);
  if (!options.signature || !Number.isInteger(timestamp)) return { ok: false, reason: 'malformed' };
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signWebhook(options.secret, timestamp, options.body));
  const actual = Buffer.from(options.signature);
  return actual.length === expected.length && timingSafeEqual(actual, expected)
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}
