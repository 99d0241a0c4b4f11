'use client';
import { RouteError } from '@/ui/route-error';

export default function FleetError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return <RouteError what="Fleet overview" error={error} retry={retry} />;
}
