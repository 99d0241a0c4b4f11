'use client';
import { RolloutRouteError } from '@/rollouts/route-error';

export default function RolloutError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RolloutRouteError what="Rollout" {...props} />;
}
