'use client';
import { RouteError } from '@/ui/route-error';

export default function PolicyError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError what="New policy" {...props} />;
}
