import { NewRulePage } from '@/alerts/rule-detail-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New alert rule · AURA Fleet' };

export default NewRulePage;
