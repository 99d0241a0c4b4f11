import { RolloutListPage } from '@/rollouts/rollout-list-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Rollouts · AURA Fleet' };

export default async function Page({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { page } = await searchParams;
  return <RolloutListPage page={page} />;
}
