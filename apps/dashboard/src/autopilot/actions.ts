'use server';
import { hasRole, UpdateAutopilotSettingsSchema } from '@aura/core/schemas';
import { revalidatePath } from 'next/cache';
import { type ActionResult, parseInput, refused, UNREACHABLE } from '@/api/refusal';
import { operatorApi } from '../session/current-session';

/**
 * Server actions of the flash-life page. They run on the dashboard server as the signed-in operator
 * (the browser never sees the API key); the API checks the role and the input again.
 */

/** Saves the targets and guard rails (audited by the API with the reason); a round follows when enabled. */
export async function saveAutopilotSettings(settings: unknown, reason: string): Promise<ActionResult> {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'operator')) return { error: 'Your role may not change the autopilot.' };
  // What the browser sent, parsed with the API's own schema (a server action is an endpoint too).
  const body = parseInput(
    UpdateAutopilotSettingsSchema,
    {
      ...(typeof settings === 'object' ? settings : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    },
    'Some settings are not valid',
  );
  if ('refused' in body) return body.refused;
  try {
    const { data, error, response } = await api.PUT('/v1/autopilot/settings', { body: body.data });
    if (!data) return refused(response.status, error, 'The settings were refused');
  } catch {
    return { error: UNREACHABLE };
  }
  revalidatePath('/flash-life');
  return { ok: true, message: 'Saved.' };
}

/** Asks the worker to recompute every recommendation now. */
export async function runAutopilotNow(): Promise<ActionResult> {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'operator')) return { error: 'Your role may not run the autopilot.' };
  try {
    const { data, error, response } = await api.POST('/v1/autopilot/run');
    if (!data) return refused(response.status, error, 'The run was refused');
    revalidatePath('/flash-life');
    return { ok: true, message: data.message };
  } catch {
    return { error: UNREACHABLE };
  }
}

/** approve (start its rollout) / dismiss (abort its draft), with the operator's reason. */
export async function decideProposal(
  id: string,
  decision: 'approve' | 'dismiss',
  reason: string,
): Promise<ActionResult> {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'operator')) return { error: 'Your role may not decide proposals.' };
  if (!reason.trim()) return { error: 'A reason is required.' };
  const params = { path: { id } };
  const body = { reason: reason.trim() };
  try {
    const { data, error, response } =
      decision === 'approve'
        ? await api.POST('/v1/autopilot/proposals/{id}/approve', { params, body })
        : await api.POST('/v1/autopilot/proposals/{id}/dismiss', { params, body });
    if (!data) return refused(response.status, error, `Could not ${decision} the proposal`);
  } catch {
    return { error: UNREACHABLE };
  }
  revalidatePath('/flash-life');
  return { ok: true };
}
