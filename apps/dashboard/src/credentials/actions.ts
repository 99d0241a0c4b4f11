'use server';
import { hasRole } from '@aura/core/schemas';
import { revalidatePath } from 'next/cache';
import { type ActionResult, refusalMessage, refused, UNREACHABLE } from '@/api/refusal';
import { operatorApi } from '../session/current-session';

/**
 * Server actions of the credentials pages (enrolment tokens, API keys): they run on the dashboard server as
 * the signed-in operator; the API enforces roles and validation again. A secret made here goes back
 * to the browser once, in the action's answer, and is never stored by the dashboard.
 */

export async function createEnrollmentToken(body: {
  name: string;
  expiresInHours: number;
  maxUses: number;
  groupId?: string;
  tags: string[];
}): Promise<ActionResult> {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'operator'))
    return { error: 'Only operators and admins create enrolment tokens.' };
  try {
    const { data, error, response } = await api.POST('/v1/enrollment-tokens', { body });
    if (!data) return refused(response.status, error, 'The token could not be created');
    revalidatePath('/tokens');
    return {
      ok: true,
      secret: data.token,
      message: `Token “${data.name}” created: ${data.maxUses} enrolment${data.maxUses === 1 ? '' : 's'}, until ${new Date(data.expiresAt).toUTCString()}.`,
    };
  } catch {
    return { error: UNREACHABLE };
  }
}

export async function revokeEnrollmentToken(id: string): Promise<string | undefined> {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'operator')) return 'Only operators and admins revoke enrolment tokens.';
  try {
    const { error, response } = await api.POST('/v1/enrollment-tokens/{id}/revoke', {
      params: { path: { id } },
    });
    if (!response.ok) return refusalMessage(error, 'The token could not be revoked');
  } catch {
    return UNREACHABLE;
  }
  revalidatePath('/tokens');
  return undefined;
}

/** A new API key for `operatorId` (yourself; admins anyone): the key goes back once, in the answer. */
export async function createApiKey(
  operatorId: string,
  body: { name: string; expiresInDays?: number },
): Promise<ActionResult> {
  const { api, session } = await operatorApi();
  if (operatorId !== session.operatorId && !hasRole(session.role, 'admin'))
    return { error: 'Only admins create keys for other operators.' };
  try {
    const { data, error, response } = await api.POST('/v1/operators/{id}/api-keys', {
      params: { path: { id: operatorId } },
      body,
    });
    if (!data) return refused(response.status, error, 'The key could not be created');
    revalidatePath('/keys');
    return {
      ok: true,
      secret: data.token,
      message: `Key “${data.name}” created, ${data.expiresAt ? `valid until ${new Date(data.expiresAt).toUTCString()}` : 'valid until revoked'}.`,
    };
  } catch {
    return { error: UNREACHABLE };
  }
}

/** Revokes an API key (your own; admins any). The API refuses the last working admin key (409). */
export async function revokeApiKey(id: string): Promise<string | undefined> {
  const { api } = await operatorApi();
  try {
    const { error, response } = await api.POST('/v1/api-keys/{id}/revoke', { params: { path: { id } } });
    if (!response.ok) return refusalMessage(error, 'The key could not be revoked');
  } catch {
    return UNREACHABLE;
  }
  revalidatePath('/keys');
  return undefined;
}

/** Ends a dashboard session by id (your own; admins anyone's), on every dashboard and API process. */
export async function revokeDashboardSession(id: string): Promise<string | undefined> {
  const { api } = await operatorApi();
  try {
    const { error, response } = await api.POST('/v1/sessions/{id}/revoke', { params: { path: { id } } });
    if (!response.ok) return refusalMessage(error, 'The session could not be ended');
  } catch {
    return UNREACHABLE;
  }
  revalidatePath('/keys');
  return undefined;
}
