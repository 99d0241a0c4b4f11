'use server';
import { hasRole } from '@aura/core/schemas';
import { revalidatePath } from 'next/cache';
import { operatorApi } from '../session/current-session';

/**
 * Decommissions a robot as the signed-in operator (the API checks the role and the reason again): its
 * secret is refused at once, it leaves the default robot list and every later rollout target.
 * Returns an error message, or nothing when done.
 */
export async function decommissionRobot(id: string, reason: string): Promise<string | undefined> {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'operator')) return 'Only operators and admins decommission robots.';
  try {
    const { error, response } = await api.POST('/v1/robots/{id}/decommission', {
      params: { path: { id } },
      body: { reason },
    });
    if (!response.ok) return error?.error.message ?? 'The robot could not be decommissioned';
  } catch {
    return 'The API is unreachable';
  }
  revalidatePath(`/robots/${id}`);
  revalidatePath('/robots');
  return undefined;
}
