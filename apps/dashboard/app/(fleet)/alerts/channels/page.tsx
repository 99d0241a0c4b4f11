import { ChannelsPage } from '@/alerts/sections-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Alert channels · AURA Fleet' };

export default ChannelsPage;
