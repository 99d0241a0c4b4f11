import { NewRolloutPage } from '@/rollouts/new-rollout-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New rollout · AURA Fleet' };

export default NewRolloutPage;
