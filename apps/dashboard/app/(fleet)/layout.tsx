import { hasRole } from '@aura/core/schemas';
import type { ReactNode } from 'react';
import { signOut } from '@/session/actions';
import { checkSession } from '@/session/current-session';
import { NavLink } from '@/ui/nav-link';
import styles from '@/ui/ui.module.css';

export default async function FleetLayout({ children }: { children: ReactNode }) {
  const checked = await checkSession();
  if ('problem' in checked) {
    return (
      <section>
        <h1>AURA Fleet</h1>
        <p role="alert" className={styles.alert}>
          {checked.problem}. You are still signed in; reload the page to try again.
        </p>
      </section>
    );
  }
  const { session } = checked;
  return (
    <>
      <nav aria-label="Main" className="subnav">
        <NavLink href="/">Overview</NavLink>
        <NavLink href="/robots">Robots</NavLink>
        <NavLink href="/flash-life">Flash life</NavLink>
        <NavLink href="/policies">Policies</NavLink>
        <NavLink href="/rollouts">Rollouts</NavLink>
        <NavLink href="/alerts">Alerts</NavLink>
        <NavLink href="/tokens">Tokens</NavLink>
        <NavLink href="/keys">Keys</NavLink>
        {hasRole(session.role, 'admin') ? <NavLink href="/signing-keys">Signing keys</NavLink> : null}
        <NavLink href="/audit">Audit log</NavLink>
        <span className="who">
          {session.name} · <span className="role">{session.role}</span>
        </span>
        <form action={signOut}>
          <button type="submit" className="link-button">
            Sign out
          </button>
        </form>
      </nav>
      {children}
    </>
  );
}
