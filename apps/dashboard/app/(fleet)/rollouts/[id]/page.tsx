import { RolloutDetailPage } from '@/rollouts/rollout-detail-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Rollout · AURA Fleet' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RolloutDetailPage id={id} />;
}
