import type { ReactNode } from 'react';
import { signOut } from '@/session/actions';
import { requireSession } from '@/session/current-session';
import { NavLink } from '@/ui/nav-link';

export default async function FleetLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
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
