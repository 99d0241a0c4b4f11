import { SigningKeysPage } from '@/credentials/signing-keys-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Config-signing keys · AURA Fleet' };

export default SigningKeysPage;
