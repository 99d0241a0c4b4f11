'use server';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { dashboardConfig } from '../config/dashboard-config';
import { deleteSession, openSession, SESSION_COOKIE } from './session-store';
import { clientAddress, SignInThrottle } from './sign-in-throttle';

// On globalThis: Next.js may load this module once per server bundle; all must share one count.
const registry = globalThis as typeof globalThis & { __auraSignInThrottle?: SignInThrottle };
const throttle = () =>
  (registry.__auraSignInThrottle ??= new SignInThrottle(dashboardConfig().signInLimitPerMinute));

export interface SignInState {
  error?: string;
}

/**
 * Opens a session with the operator's API key (POST /v1/sessions; the key is not kept) and sets the
 * session cookie. A refused key counts against the client's sign-in throttle.
 */
export async function signIn(_: SignInState, form: FormData): Promise<SignInState> {
  const apiKey = String(form.get('apiKey') ?? '').trim();
  if (!apiKey) return { error: 'Enter your operator API key.' };
  const client = clientAddress((await headers()).get('x-forwarded-for'));
  const wait = throttle().retryAfter(client);
  if (wait > 0) return { error: `Too many failed sign-ins. Try again in ${wait} s.` };
  const opened = await openSession(apiKey);
  if (!opened.ok) {
    if (opened.reason === 'unreachable')
      return { error: 'The AURA Fleet API is unreachable. Try again in a moment.' };
    if (opened.reason === 'invalid') {
      throttle().recordFailure(client);
      return { error: 'That API key is not valid.' };
    }
    return { error: 'Sign-in failed.' };
  }
  (await cookies()).set(SESSION_COOKIE, opened.session.token, {
    httpOnly: true,
    sameSite: 'lax',
    // Secure whenever browsers reach the dashboard itself over HTTPS (DASHBOARD_PUBLIC_URL)
    secure: dashboardConfig().https,
    path: '/',
    // The cookie lasts as long as the session may; the API ends it earlier (idle, sign-out, key revoked).
    expires: new Date(opened.session.expiresAt),
  });
  redirect('/');
}

export async function signOut() {
  const store = await cookies();
  await deleteSession(store.get(SESSION_COOKIE)?.value);
  store.delete(SESSION_COOKIE);
  redirect('/sign-in');
}
