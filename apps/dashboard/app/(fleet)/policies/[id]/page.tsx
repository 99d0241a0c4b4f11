import { loadPolicy } from '@/policies/load-policies';
import { PolicyDetail } from '@/policies/policy-detail';
import { AutoRefresh } from '@/ui/auto-refresh';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Policy · AURA Fleet' };

export default async function PolicyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ published?: string; defaulted?: string; moved?: string }>;
}) {
  const [{ id }, { published, defaulted, moved }] = await Promise.all([params, searchParams]);
  const digits = (value: string | undefined) => (value && /^\d+$/.test(value) ? value : undefined);
  const data = await loadPolicy(id);
  return (
    <>
      <AutoRefresh seconds={30} />
      <PolicyDetail
        data={data}
        published={digits(published)}
        defaulted={
          digits(defaulted) && digits(moved)
            ? { version: String(defaulted), moved: String(moved) }
            : undefined
        }
      />
    </>
  );
}
