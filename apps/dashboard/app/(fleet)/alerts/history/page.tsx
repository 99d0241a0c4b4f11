import { HistoryPage } from '@/alerts/sections-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Alert history · AURA Fleet' };

export default async function Page({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const { before } = await searchParams;
  return <HistoryPage {...(before && /^\d+$/.test(before) ? { before } : {})} />;
}
