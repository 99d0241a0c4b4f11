import { TokensPage } from '@/credentials/tokens-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Enrolment tokens · AURA Fleet' };

export default async function Page({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { page } = await searchParams;
  return <TokensPage page={page} />;
}
