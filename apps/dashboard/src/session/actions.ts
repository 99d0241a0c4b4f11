'use server';
import { createApiClient } from '@aura/api-client';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { dashboardConfig } from '../config/dashboard-config';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from './session-store';
import { clientAddress, SignInThrottle } from './sign-in-throttle';

// On globalThis: Next.js may load this module once per server bundle; all must share one count.
const registry = globalThis as typeof globalThis & { __auraSignInThrottle?: SignInThrottle };
const throttle = () =>
  (registry.__auraSignInThrottle ??= new SignInThrottle(dashboardConfig().signInLimitPerMinute));

export interface SignInState {
  error?: string;
}

/** Checks the API key against the API (GET /v1/me) and opens a server-side session. */
export async function signIn(_: SignInState, form: FormData): Promise<SignInState> {
  const apiKey = String(form.get('apiKey') ?? '').trim();
  if (!apiKey) return { error: 'Enter your operator API key.' };
  const client = clientAddress((await headers()).get('x-forwarded-for'));
  const wait = throttle().retryAfter(client);
  if (wait > 0) return { error: `Too many failed sign-ins. Try again in ${wait} s.` };
  const api = createApiClient({ baseUrl: dashboardConfig().apiUrl, token: apiKey });
  const me = await api.GET('/v1/me', { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  if (!me) return { error: 'The AURA Fleet API is unreachable. Try again in a moment.' };
  if (!me.data) {
    if (me.response.status === 401) {
      throttle().recordFailure(client);
      return { error: 'That API key is not valid.' };
    }
    return { error: 'Sign-in failed.' };
  }
  const id = createSession({
    apiKey,
    operatorId: me.data.operatorId,
    name: me.data.name,
    role: me.data.role,
  });
  (await cookies()).set(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    // Secure whenever browsers reach the dashboard itself over HTTPS (DASHBOARD_PUBLIC_URL)
    secure: dashboardConfig().https,
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  redirect('/');
}

export async function signOut() {
  const store = await cookies();
  deleteSession(store.get(SESSION_COOKIE)?.value);
  store.delete(SESSION_COOKIE);
  redirect('/sign-in');
}
