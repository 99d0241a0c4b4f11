import { SignInForm } from './sign-in-form';

export const metadata = { title: 'Sign in · AURA Fleet' };

export default function SignInPage() {
  return (
    <section aria-labelledby="sign-in-heading" className="narrow">
      <h1 id="sign-in-heading">Sign in</h1>
      <p>
        Use an operator API key. The dashboard opens a session with it and does not keep it; your browser only
        keeps a session cookie.
      </p>
      <SignInForm />
    </section>
  );
}
