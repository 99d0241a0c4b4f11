'use client';
import { RouteError } from '@/ui/route-error';

export default function KeysError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError what="API keys" {...props} />;
}
