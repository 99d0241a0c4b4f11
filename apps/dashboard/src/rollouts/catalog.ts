import 'server-only';
import type { AuraApiClient } from '@aura/api-client';

/** Policy versions by id ("name vN · τ 0.40"), for labels on the rollout pages (server-side). */
export async function loadPolicyVersions(api: AuraApiClient) {
  const { data, error } = await api.GET('/v1/policies');
  const versions = new Map<
    string,
    { id: string; policyName: string; version: number; tau: number; label: string; archived: boolean }
  >();
  for (const policy of data?.items ?? []) {
    for (const v of policy.versions) {
      versions.set(v.id, {
        id: v.id,
        policyName: policy.name,
        version: v.version,
        tau: v.tau,
        label: `${policy.name} v${v.version} · τ ${v.tau.toFixed(2)}`,
        archived: policy.archivedAt !== null,
      });
    }
  }
  return { versions, error: error?.error.message };
}

/** Robot groups by id (names for target summaries and the target picker). */
export async function loadGroups(api: AuraApiClient) {
  const { data, error } = await api.GET('/v1/groups');
  return { groups: data?.items ?? [], error: error?.error.message };
}
