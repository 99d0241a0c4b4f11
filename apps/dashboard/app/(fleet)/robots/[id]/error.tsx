'use client';
import { RouteError } from '@/ui/route-error';

export default function RobotError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError what="Robot" {...props} />;
}
