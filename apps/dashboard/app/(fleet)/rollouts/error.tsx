'use client';
import { RouteError } from '@/ui/route-error';

export default function RolloutsError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError what="Rollouts" {...props} />;
}
