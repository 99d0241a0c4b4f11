import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };
export type AuraApiClient = Client<paths>;
export type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

export interface ApiClientOptions {
  /** Base URL of the API, e.g. http://127.0.0.1:4000 */
  baseUrl: string;
  /** Operator API key or robot secret, sent as `Authorization: Bearer …`. */
  token?: string | (() => string | undefined);
  /** Custom fetch (tests, proxies); defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Extra headers on every request (e.g. a correlation id). */
  headers?: Record<string, string>;
}

/** A typed client of the AURA Fleet API, generated from apps/api/openapi.json. */
export function createApiClient(options: ApiClientOptions): AuraApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: options.headers,
  });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = typeof options.token === 'function' ? options.token() : options.token;
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

/** Reads the `Retry-After` header of a 429 or 503 response, in milliseconds. */
export function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}
