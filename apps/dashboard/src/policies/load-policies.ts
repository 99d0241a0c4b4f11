import 'server-only';
import { hasRole } from '@aura/core/schemas';
import { operatorApi } from '@/session/current-session';

/** Policies, the fleet default and whether this operator may change them. */
export async function loadPolicies() {
  const { api, session } = await operatorApi();
  const [policies, fleetDefault] = await Promise.all([
    api.GET('/v1/policies'),
    api.GET('/v1/fleet/default-policy'),
  ]);
  return {
    policies,
    defaultVersionId: fleetDefault.data?.policyVersion?.id ?? undefined,
    fleetDefault,
    canEdit: hasRole(session.role, 'operator'),
  };
}

export async function loadPolicy(id: string) {
  const { api, session } = await operatorApi();
  const [policy, fleetDefault] = await Promise.all([
    api.GET('/v1/policies/{id}', { params: { path: { id } } }),
    api.GET('/v1/fleet/default-policy'),
  ]);
  return {
    policy,
    defaultVersionId: fleetDefault.data?.policyVersion?.id ?? undefined,
    canEdit: hasRole(session.role, 'operator'),
  };
}
