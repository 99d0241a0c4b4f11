import { LoadingState } from '@/ui/page-states';

export default function Loading() {
  return <LoadingState title="Enrolment tokens" />;
}
