'use server';
import {
  AlertChannelInputSchema,
  AlertRuleInputSchema,
  AlertSilenceInputSchema,
  describeIssues,
  hasRole,
} from '@aura/core/schemas';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { operatorApi } from '../session/current-session';

/**
 * Server actions of the alert pages: they run on the dashboard server as the signed-in operator (the
 * browser never reaches the API); the API enforces roles and validation again.
 */
export interface ActionResult {
  ok?: true;
  error?: string;
  /** The API's 400 details, by field path (`params.thresholdDays`, `url`, …). */
  fieldErrors?: Record<string, string>;
  /** A channel's signing secret, shown once after creation. */
  secret?: string;
  message?: string;
}

type ApiFailure =
  | { error?: { message?: string; details?: { path?: string; message: string }[] } }
  | undefined;

function refused(status: number, error: ApiFailure, fallback: string): ActionResult {
  if (status === 403) return { error: 'Your role may not do this (operator or admin needed).' };
  const fieldErrors: Record<string, string> = {};
  for (const d of error?.error?.details ?? [])
    if (d.path && d.path !== '(body)') fieldErrors[d.path] ??= d.message;
  return { error: error?.error?.message ?? fallback, fieldErrors };
}

async function operator() {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'operator'))
    return { api, refused: { error: 'Your role may not change alerts.' } };
  return { api, refused: undefined };
}

const unreachable: ActionResult = { error: 'The API is unreachable' };

/**
 * What the browser sent, parsed with the API's own schema before it goes on: a server action is an
 * endpoint anyone can call. The forms check the same schema as the operator types, so a refusal here
 * names the same fields as theirs.
 */
function parse<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { data: z.output<S> } | { refused: ActionResult } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const d of describeIssues(parsed.error)) fieldErrors[d.path] ??= d.message;
  return { refused: { error: 'Some fields are not valid', fieldErrors } };
}

export async function saveRule(id: string | null, input: unknown): Promise<ActionResult> {
  const { api, refused: denied } = await operator();
  if (denied) return denied;
  const body = parse(AlertRuleInputSchema, input);
  if ('refused' in body) return body.refused;
  let target: string;
  try {
    const { data, error, response } = id
      ? await api.PUT('/v1/alert-rules/{id}', { params: { path: { id } }, body: body.data })
      : await api.POST('/v1/alert-rules', { body: body.data });
    if (!data) return refused(response.status, error as ApiFailure, 'The rule could not be saved');
    target = data.id;
  } catch {
    return unreachable;
  }
  revalidatePath('/alerts/rules');
  redirect(`/alerts/rules/${target}?saved=1`);
}

export async function deleteRule(id: string): Promise<string | undefined> {
  const { api, refused: denied } = await operator();
  if (denied) return denied.error;
  try {
    const { error, response } = await api.DELETE('/v1/alert-rules/{id}', { params: { path: { id } } });
    if (!response.ok) return (error as ApiFailure)?.error?.message ?? 'The rule could not be deleted';
  } catch {
    return unreachable.error;
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
    if (!data) return refused(response.status, error as ApiFailure, 'The test could not be sent');
    revalidatePath(`/alerts/rules/${id}`);
    const channels = data.notification.deliveries.map((d) => d.channelName).join(', ');
    return {
      ok: true,
      message: `Test sent to ${channels}: ${data.notification.summary}. Delivery results appear below.`,
    };
  } catch {
    return unreachable;
  }
}

export async function createChannel(input: unknown): Promise<ActionResult> {
  const { api, refused: denied } = await operator();
  if (denied) return denied;
  const body = parse(AlertChannelInputSchema, input);
  if ('refused' in body) return body.refused;
  try {
    const { data, error, response } = await api.POST('/v1/alert-channels', { body: body.data });
    if (!data) return refused(response.status, error as ApiFailure, 'The channel could not be created');
    revalidatePath('/alerts/channels');
    return { ok: true, secret: data.secret, message: `Channel “${data.name}” created.` };
  } catch {
    return unreachable;
  }
}

export async function deleteChannel(id: string): Promise<string | undefined> {
  const { api, refused: denied } = await operator();
  if (denied) return denied.error;
  try {
    const { error, response } = await api.DELETE('/v1/alert-channels/{id}', { params: { path: { id } } });
    if (!response.ok) return (error as ApiFailure)?.error?.message ?? 'The channel could not be deleted';
  } catch {
    return unreachable.error;
  }
  revalidatePath('/alerts/channels');
  return undefined;
}

export async function createSilence(input: unknown): Promise<ActionResult> {
  const { api, refused: denied } = await operator();
  if (denied) return denied;
  const body = parse(AlertSilenceInputSchema, input);
  if ('refused' in body) return body.refused;
  try {
    const { data, error, response } = await api.POST('/v1/alert-silences', { body: body.data });
    if (!data) return refused(response.status, error as ApiFailure, 'The silence could not be created');
    revalidatePath('/alerts');
    revalidatePath('/alerts/silences');
    return { ok: true, message: `Silenced until ${new Date(data.endsAt).toUTCString()}.` };
  } catch {
    return unreachable;
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
    if (!data) return (error as ApiFailure)?.error?.message ?? 'The silence could not be ended';
  } catch {
    return unreachable.error;
  }
  revalidatePath('/alerts/silences');
  return undefined;
}
