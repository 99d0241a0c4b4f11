import type { paths } from '@aura/api-client';
import type { PolicyVersionLabel } from '@aura/core/schemas';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type PolicyList = Json<paths['/v1/policies']['get']['responses'][200]>;
export type Policy = PolicyList['items'][number];
export type PolicyVersion = Policy['versions'][number];
export type FleetDefault = Json<paths['/v1/fleet/default-policy']['get']['responses'][200]>;

/** `default v3`: a policy version as people name it. */
export function versionName(
  label: Pick<PolicyVersionLabel, 'policyName' | 'version'> | null | undefined,
): string {
  return label ? `${label.policyName} v${label.version}` : 'unknown version';
}
