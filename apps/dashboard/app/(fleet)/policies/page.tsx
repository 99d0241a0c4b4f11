import { loadPolicies } from '@/policies/load-policies';
import { PolicyList } from '@/policies/policy-list';
import { AutoRefresh } from '@/ui/auto-refresh';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Policies · AURA Fleet' };

export default async function PoliciesPage() {
  const data = await loadPolicies();
  return (
    <section aria-labelledby="policies-heading">
      <AutoRefresh seconds={30} />
      <h1 id="policies-heading">Gate policies</h1>
      <PolicyList data={data} />
    </section>
  );
}
