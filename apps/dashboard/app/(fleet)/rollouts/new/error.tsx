'use client';
import { RolloutRouteError } from '@/rollouts/route-error';

export default function NewRolloutError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RolloutRouteError what="New rollout" {...props} />;
}
