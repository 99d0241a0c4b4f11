import type { paths } from '@aura/api-client';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type PolicyList = Json<paths['/v1/policies']['get']['responses'][200]>;
export type Policy = PolicyList['items'][number];
export type PolicyVersion = Policy['versions'][number];
export type FleetDefault = Json<paths['/v1/fleet/default-policy']['get']['responses'][200]>;

/** Every version by id, with its policy's name: how robots' config versions are labelled. */
export interface VersionLabel {
  id: string;
  policyId: string;
  policyName: string;
  version: number;
  tau: number;
}

export function indexVersions(policies: Policy[]): Map<string, VersionLabel> {
  const index = new Map<string, VersionLabel>();
  for (const policy of policies) {
    for (const v of policy.versions) {
      index.set(v.id, {
        id: v.id,
        policyId: policy.id,
        policyName: policy.name,
        version: v.version,
        tau: v.tau,
      });
    }
  }
  return index;
}

export function versionName(label: VersionLabel | undefined): string {
  return label ? `${label.policyName} v${label.version}` : 'unknown version';
}
