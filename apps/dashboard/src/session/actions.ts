'use server';
import { createApiClient } from '@aura/api-client';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { dashboardConfig } from '../config/dashboard-config';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from './session-store';

export interface SignInState {
  error?: string;
}

/** Checks the API key against the API (GET /v1/me) and opens a server-side session. */
export async function signIn(_: SignInState, form: FormData): Promise<SignInState> {
  const apiKey = String(form.get('apiKey') ?? '').trim();
  if (!apiKey) return { error: 'Enter your operator API key.' };
  const api = createApiClient({ baseUrl: dashboardConfig().apiUrl, token: apiKey });
  const me = await api.GET('/v1/me', { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  if (!me) return { error: 'The AURA Fleet API is unreachable. Try again in a moment.' };
  if (!me.data)
    return { error: me.response.status === 401 ? 'That API key is not valid.' : 'Sign-in failed.' };
  const id = createSession({
    apiKey,
    operatorId: me.data.operatorId,
    name: me.data.name,
    role: me.data.role,
  });
  (await cookies()).set(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production' && dashboardConfig().apiUrl.startsWith('https:'),
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
