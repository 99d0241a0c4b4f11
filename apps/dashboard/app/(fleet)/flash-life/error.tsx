'use client';
import { RouteError } from '@/ui/route-error';

export default function FlashLifeError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError what="Flash life" {...props} />;
}
