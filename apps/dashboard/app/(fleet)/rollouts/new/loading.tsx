import { RolloutsLoading } from '@/rollouts/page-states';

export default function Loading() {
  return <RolloutsLoading title="New rollout" />;
}
