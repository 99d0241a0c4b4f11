import { FiringPage } from '@/alerts/firing-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Alerts · AURA Fleet' };

export default FiringPage;
