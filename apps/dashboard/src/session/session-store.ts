import 'server-only';
import { createApiClient } from '@aura/api-client';
import type { OperatorRole } from '@aura/core/schemas';
import { dashboardConfig } from '../config/dashboard-config';

export interface Session {
  /** The session token (aura_ds_…): the browser's cookie, and the bearer of this operator's API calls. */
  token: string;
  operatorId: string;
  name: string;
  role: OperatorRole;
  expiresAt: number;
}

/**
 * Sessions live in PostgreSQL behind the API (POST /v1/sessions, GET /v1/sessions/current,
 * POST /v1/sessions/current/revoke; docs/dashboard.md, "Sessions"), never in this process:
 * every dashboard process sees the same sessions, and a restart signs nobody out. The browser holds the
 * session token in an httpOnly cookie; the API stores only its hash. The dashboard itself holds no API
 * credential: it opens a session with the operator's API key (typed once at sign-in, never stored),
 * then calls the API with the cookie's token, as that operator.
 */
export type OpenResult =
  | { ok: true; session: Session }
  | { ok: false; reason: 'invalid' | 'unreachable' | 'failed' };

const api = (token: string) => createApiClient({ baseUrl: dashboardConfig().apiUrl, token });

export async function openSession(apiKey: string): Promise<OpenResult> {
  const opened = await api(apiKey)
    .POST('/v1/sessions', { signal: AbortSignal.timeout(5000) })
    .catch(() => undefined);
  if (!opened) return { ok: false, reason: 'unreachable' };
  if (!opened.data) return { ok: false, reason: opened.response.status === 401 ? 'invalid' : 'failed' };
  const { token, operatorId, name, role, expiresAt } = opened.data;
  return { ok: true, session: { token, operatorId, name, role, expiresAt: Date.parse(expiresAt) } };
}

/**
 * The session of this token: a Session, `undefined` when it has ended (or never was), or throws when
 * the API cannot tell right now (so a passing outage shows an error page, not the sign-in page).
 */
export async function readSession(token: string | undefined): Promise<Session | undefined> {
  if (!token?.startsWith('aura_ds_')) return undefined;
  for (let attempt = 1; ; attempt++) {
    const found = await api(token)
      .GET('/v1/sessions/current', { signal: AbortSignal.timeout(10_000) })
      .catch(() => undefined);
    if (found?.data) {
      const { operatorId, name, role, expiresAt } = found.data;
      return { token, operatorId, name, role, expiresAt: Date.parse(expiresAt) };
    }
    const status = found?.response.status;
    if (status === 401 || status === 403) return undefined;
    if (attempt === 3) {
      throw new Error(`The AURA Fleet API could not check your session (${status ?? 'unreachable'})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
}

/** Sign-out: ends the session in the API, for every dashboard process (best effort when unreachable). */
export async function deleteSession(token: string | undefined) {
  if (!token?.startsWith('aura_ds_')) return;
  await api(token)
    .POST('/v1/sessions/current/revoke', { signal: AbortSignal.timeout(5000) })
    .catch(() => undefined);
}

export const SESSION_COOKIE = 'aura_session';
