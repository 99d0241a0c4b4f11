'use client';
import { RouteError } from '@/ui/route-error';

export default function RobotsError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError what="Robots" {...props} />;
}
