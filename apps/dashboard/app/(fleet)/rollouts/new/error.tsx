'use client';
import { RouteError } from '@/ui/route-error';

export default function NewRolloutError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError what="New rollout" {...props} />;
}
