'use client';
import { RouteError } from '@/ui/route-error';

export default function RobotError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return <RouteError what="Robot" error={error} retry={retry} />;
}
