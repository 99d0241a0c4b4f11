'use server';
import {
  AlertChannelInputSchema,
  AlertRuleInputSchema,
  AlertSilenceInputSchema,
  hasRole,
} from '@aura/core/schemas';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { type ActionResult, parseInput, refusalMessage, refused, UNREACHABLE } from '@/api/refusal';
import { operatorApi } from '../session/current-session';

/**
 * Server actions of the alert pages: they run on the dashboard server as the signed-in operator (the
 * browser never reaches the API); the API enforces roles and validation again.
 */
export type { ActionResult } from '@/api/refusal';

async function operator() {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'operator'))
    return { api, refused: { error: 'Your role may not change alerts.' } };
  return { api, refused: undefined };
}

export async function saveRule(id: string | null, input: unknown): Promise<ActionResult> {
  const { api, refused: denied } = await operator();
  if (denied) return denied;
  const body = parseInput(AlertRuleInputSchema, input);
  if ('refused' in body) return body.refused;
  let target: string;
  try {
    const { data, error, response } = id
      ? await api.PUT('/v1/alert-rules/{id}', { params: { path: { id } }, body: body.data })
      : await api.POST('/v1/alert-rules', { body: body.data });
    if (!data) return refused(response.status, error, 'The rule could not be saved');
    target = data.id;
  } catch {
    return { error: UNREACHABLE };
  }
  revalidatePath('/alerts/rules');
  redirect(`/alerts/rules/${target}?saved=1`);
}

export async function deleteRule(id: string): Promise<string | undefined> {
  const { api, refused: denied } = await operator();
  if (denied) return denied.error;
  try {
    const { error, response } = await api.DELETE('/v1/alert-rules/{id}', { params: { path: { id } } });
    if (!response.ok) return refusalMessage(error, 'The rule could not be deleted');
  } catch {
    return UNREACHABLE;
  }
  revalidatePath('/alerts/rules');
  redirect('/alerts/rules?deleted=1');
}

export async function testFireRule(id: string): Promise<ActionResult> {
  const { api, refused: denied } = await operator();
  if (denied) return denied;
  try {
    const { data, error, response } = await api.POST('/v1/alert-rules/{id}/test', {
      params: { path: { id } },
    });
    if (!data) return refused(response.status, error, 'The test could not be sent');
    revalidatePath(`/alerts/rules/${id}`);
    const channels = data.notification.deliveries.map((d) => d.channelName).join(', ');
    return {
      ok: true,
      message: `Test sent to ${channels}: ${data.notification.summary}. Delivery results appear below.`,
    };
  } catch {
    return { error: UNREACHABLE };
  }
}

export async function createChannel(input: unknown): Promise<ActionResult> {
  const { api, refused: denied } = await operator();
  if (denied) return denied;
  const body = parseInput(AlertChannelInputSchema, input);
  if ('refused' in body) return body.refused;
  try {
    const { data, error, response } = await api.POST('/v1/alert-channels', { body: body.data });
    if (!data) return refused(response.status, error, 'The channel could not be created');
    revalidatePath('/alerts/channels');
    return { ok: true, secret: data.secret, message: `Channel “${data.name}” created.` };
  } catch {
    return { error: UNREACHABLE };
  }
}

export async function deleteChannel(id: string): Promise<string | undefined> {
  const { api, refused: denied } = await operator();
  if (denied) return denied.error;
  try {
    const { error, response } = await api.DELETE('/v1/alert-channels/{id}', { params: { path: { id } } });
    if (!response.ok) return refusalMessage(error, 'The channel could not be deleted');
  } catch {
    return UNREACHABLE;
  }
  revalidatePath('/alerts/channels');
  return undefined;
}

export async function createSilence(input: unknown): Promise<ActionResult> {
  const { api, refused: denied } = await operator();
  if (denied) return denied;
  const body = parseInput(AlertSilenceInputSchema, input);
  if ('refused' in body) return body.refused;
  try {
    const { data, error, response } = await api.POST('/v1/alert-silences', { body: body.data });
    if (!data) return refused(response.status, error, 'The silence could not be created');
    revalidatePath('/alerts');
    revalidatePath('/alerts/silences');
    return { ok: true, message: `Silenced until ${new Date(data.endsAt).toUTCString()}.` };
  } catch {
    return { error: UNREACHABLE };
  }
}

export async function expireSilence(id: string, reason: string): Promise<string | undefined> {
  const { api, refused: denied } = await operator();
  if (denied) return denied.error;
  if (!reason.trim()) return 'A reason is required.';
  try {
    const { data, error } = await api.POST('/v1/alert-silences/{id}/expire', {
      params: { path: { id } },
      body: { reason: reason.trim() },
    });
    if (!data) return refusalMessage(error, 'The silence could not be ended');
  } catch {
    return UNREACHABLE;
  }
  revalidatePath('/alerts/silences');
  return undefined;
}
