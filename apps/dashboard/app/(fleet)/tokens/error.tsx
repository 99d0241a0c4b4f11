'use client';
import { RouteError } from '@/ui/route-error';

export default function TokensError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError what="Enrolment tokens" {...props} />;
}
