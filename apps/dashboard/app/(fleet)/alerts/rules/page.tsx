import { RulesPage } from '@/alerts/rules-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Alert rules · AURA Fleet' };

export default async function Page({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  return <RulesPage deleted={(await searchParams).deleted === '1'} />;
}
