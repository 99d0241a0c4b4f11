import { SignInForm } from './sign-in-form';

export const metadata = { title: 'Sign in · AURA Fleet' };

export default function SignInPage() {
  return (
    <section aria-labelledby="sign-in-heading" className="narrow">
      <h1 id="sign-in-heading">Sign in</h1>
      <p>
        Use an operator API key. It stays on the dashboard server; your browser only keeps a session cookie.
      </p>
      <SignInForm />
    </section>
  );
}
