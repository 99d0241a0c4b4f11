'use client';
import { RolloutRouteError } from '@/rollouts/route-error';

export default function RolloutsError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RolloutRouteError what="Rollouts" {...props} />;
}
