import { TokensPage } from '@/credentials/tokens-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Enrolment tokens · AURA Fleet' };

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string; from?: string }>;
}) {
  const { cursor, from } = await searchParams;
  return <TokensPage cursor={cursor} from={from} />;
}
