import { RolloutDetailPage } from '@/rollouts/rollout-detail-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Rollout · AURA Fleet' };

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ step?: string; state?: string; page?: string }>;
}) {
  const [{ id }, filter] = await Promise.all([params, searchParams]);
  return <RolloutDetailPage id={id} filter={filter} />;
}
