'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';
import { refreshDue } from './refresh-due';

/**
 * Re-renders the page's server data every `seconds` without a reload (live fleet numbers).
 *
 * One refresh at a time: `router.refresh()` and the page's server actions share the router's queue,
 * and on a loaded server a render can outlast the interval. Refreshing on a plain timer would pile up
 * refreshes and make an operator's Start or Abort wait behind all of them. A tick is also skipped
 * while a confirmation dialog is open or the tab is hidden.
 */
export function AutoRefresh({ seconds = 10 }: { seconds?: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const startedAt = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!pending) startedAt.current = undefined;
  }, [pending]);
  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      const due = refreshDue({
        inFlightSince: startedAt.current,
        now,
        intervalMs: seconds * 1000,
        hidden: document.hidden,
        dialogOpen: document.querySelector('dialog[open]') !== null,
      });
      if (!due) return;
      startedAt.current = now;
      startTransition(() => router.refresh());
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
