'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-renders the page's server data every `seconds` without a reload (live fleet numbers). */
export function AutoRefresh({ seconds = 10 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
