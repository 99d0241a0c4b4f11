'use client';
import { RouteError } from '@/ui/route-error';

export default function AlertsError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError what="Alerts" {...props} />;
}
