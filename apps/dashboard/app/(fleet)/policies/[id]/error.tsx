'use client';
import { RouteError } from '@/ui/route-error';

export default function PolicyError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return <RouteError what="Policy" error={error} retry={retry} />;
}
