import { KeysPage } from '@/credentials/keys-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'API keys · AURA Fleet' };

export default KeysPage;
