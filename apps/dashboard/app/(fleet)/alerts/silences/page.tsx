import { SilencesPage } from '@/alerts/sections-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Silences · AURA Fleet' };

export default async function Page({ searchParams }: { searchParams: Promise<{ all?: string }> }) {
  return <SilencesPage all={(await searchParams).all === '1'} />;
}
