'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** A tab of the alert section, `aria-current` on its page (Firing only on `/alerts` itself). */
export function AlertsTab({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current =
    href === '/alerts' ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}
