import { RolloutListPage } from '@/rollouts/rollout-list-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Rollouts · AURA Fleet' };

export default RolloutListPage;
