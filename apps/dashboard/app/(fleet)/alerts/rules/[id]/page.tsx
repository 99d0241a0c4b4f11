import { RuleDetailPage } from '@/alerts/rule-detail-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Alert rule · AURA Fleet' };

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  return <RuleDetailPage id={id} saved={search.saved === '1'} />;
}
