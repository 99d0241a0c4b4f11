'use client';
import { RouteError } from '@/ui/route-error';

export default function FleetError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError what="Fleet overview" {...props} />;
}
