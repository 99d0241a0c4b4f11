import Link from 'next/link';
import type { ReactNode } from 'react';
import { signOut } from '@/session/actions';
import { requireSession } from '@/session/current-session';

export default async function FleetLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  return (
    <>
      <nav aria-label="Main" className="subnav">
        <Link href="/">Overview</Link>
        <Link href="/robots">Robots</Link>
        <Link href="/policies">Policies</Link>
        <Link href="/rollouts">Rollouts</Link>
        <Link href="/audit">Audit log</Link>
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
