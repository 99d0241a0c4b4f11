'use client';
import { RouteError } from '@/ui/route-error';

export default function RobotsError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return <RouteError what="Robots" error={error} retry={retry} />;
}
