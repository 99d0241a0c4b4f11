'use client';
import { RouteError } from '@/ui/route-error';

export default function RolloutError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError what="Rollout" {...props} />;
}
