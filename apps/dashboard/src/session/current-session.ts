import 'server-only';
import { createApiClient } from '@aura/api-client';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { dashboardConfig } from '../config/dashboard-config';
import { readSession, SESSION_COOKIE, type Session } from './session-store';

// One look-up per request (layout, page and actions of one render share it).
const sessionOf = cache((token: string | undefined) => readSession(token));

/** The signed-in operator (checked by the API: PostgreSQL), or a redirect to the sign-in page. */
export async function requireSession(): Promise<Session> {
  const session = await sessionOf((await cookies()).get(SESSION_COOKIE)?.value);
  if (!session) redirect('/sign-in');
  return session;
}

/**
 * The fleet layout's check: the signed-in operator, a redirect to sign-in when the session has ended,
 * or the problem when the API cannot say right now (an outage shows a message, never a 500 or the
 * sign-in page: the operator is still signed in once the API is back).
 */
export async function checkSession(): Promise<{ session: Session } | { problem: string }> {
  let session: Session | undefined;
  try {
    session = await sessionOf((await cookies()).get(SESSION_COOKIE)?.value);
  } catch (error) {
    return {
      problem: error instanceof Error ? error.message : 'The AURA Fleet API could not check your session',
    };
  }
  if (!session) redirect('/sign-in');
  return { session };
}

/** A typed API client acting as the signed-in operator (server-side only). */
export async function operatorApi() {
  const session = await requireSession();
  return { session, api: createApiClient({ baseUrl: dashboardConfig().apiUrl, token: session.token }) };
}
