import { loadPolicies } from '@/policies/load-policies';
import { VersionDiff } from '@/policies/version-diff';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Compare policy versions · AURA Fleet' };

export default async function DiffPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const { from, to } = await searchParams;
  const data = await loadPolicies();
  return (
    <section aria-labelledby="diff-heading">
      <h1 id="diff-heading">Compare policy versions</h1>
      <VersionDiff data={data} from={from} to={to} />
    </section>
  );
}
