'use client';
import { useActionState } from 'react';
import { type SignInState, signIn } from '@/session/actions';

export function SignInForm() {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, {});
  return (
    <form
      action={action}
      className="card sign-in"
      aria-describedby={state.error ? 'sign-in-error' : undefined}
    >
      <label htmlFor="apiKey">Operator API key</label>
      <input id="apiKey" name="apiKey" type="password" autoComplete="off" required placeholder="aura_ak_…" />
      {state.error ? (
        <p id="sign-in-error" role="alert" className="status-down">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
