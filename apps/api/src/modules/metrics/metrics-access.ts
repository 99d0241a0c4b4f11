import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a scrape may read `/metrics` (and `/metrics/fleet`): always when METRICS_TOKEN is unset,
 * else only with `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time).
 */
export function metricsAccessAllowed(header: string | string[] | undefined, token: string | null): boolean {
  if (token === null) return true;
  if (typeof header !== 'string') return false;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

/** The 401 body and headers of a refused scrape (the API's error envelope). */
export const METRICS_UNAUTHORIZED = {
  headers: { 'www-authenticate': 'Bearer realm="aura-metrics"', 'content-type': 'application/json' },
  body: JSON.stringify({
    error: { code: 'unauthorized', message: 'Metrics need Authorization: Bearer <METRICS_TOKEN>' },
  }),
} as const;
