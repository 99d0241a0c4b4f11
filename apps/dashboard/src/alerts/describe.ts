import 'server-only';
import type { createApiClient } from '@aura/api-client';

type Api = ReturnType<typeof createApiClient>;

/** Group id → name, for scopes (empty when the API does not answer). */
export async function loadGroupNames(api: Api): Promise<Map<string, string>> {
  const groups = await api.GET('/v1/groups').catch(() => undefined);
  return new Map((groups?.data?.items ?? []).map((g) => [g.id, g.name]));
}

export function describeScope(
  scope: { type: 'fleet' } | { type: 'group'; groupId: string } | { type: 'tag'; tag: string },
  groups: Map<string, string>,
): string {
  if (scope.type === 'group') return `group ${groups.get(scope.groupId) ?? scope.groupId.slice(0, 8)}`;
  if (scope.type === 'tag') return `tag ${scope.tag}`;
  return 'whole fleet';
}
