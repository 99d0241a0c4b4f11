'use server';
import { hasRole } from '@aura/core/schemas';
import { revalidatePath } from 'next/cache';
import { refusalMessage, UNREACHABLE } from '../api/refusal';
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
    if (!response.ok) return refusalMessage(error, 'The robot could not be decommissioned');
  } catch {
    return UNREACHABLE;
  }
  revalidatePath(`/robots/${id}`);
  revalidatePath('/robots');
  return undefined;
}
