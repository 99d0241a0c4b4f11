'use server';
import type { RolloutSpecInput, RolloutVerb } from '@aura/core/schemas';
import { hasRole } from '@aura/core/schemas';
import { redirect } from 'next/navigation';
import { readRefusal, refusalMessage, UNREACHABLE } from '../api/refusal';
import { operatorApi } from '../session/current-session';
import type { FieldError, RolloutPreview } from './types';

/**
 * Server actions of the rollout pages. They run on the dashboard server as the signed-in operator
 * (the browser never reaches the API, never sees the key); the API enforces roles again.
 */

type Target = {
  groupIds: string[];
  tags: string[];
  robotIds: string[];
  agentVersions?: string;
  arch?: string[];
  flashKinds?: ('emmc' | 'nvme' | 'sd' | 'ssd' | 'other')[];
};
type TargetCount = { robots?: number; unreported?: number; notMatching?: number; error?: string };

/** `spec.steps[1].percent` (the API's path) → `steps.1.percent` (the form's path). */
function formPath(apiPath: string): string {
  return apiPath
    .replace(/^spec\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/** A refusal (api/refusal.ts) with its field details on the form's paths. */
function failure(error: unknown, fallback: string): { error: string; fieldErrors: FieldError[] } {
  const { message, details } = readRefusal(error, fallback);
  return {
    error: message,
    fieldErrors: details.map((d) => ({ path: formPath(d.path), message: d.message })),
  };
}

/** The live count of the create form: robots in groups ∪ tags ∪ ids (narrowed by agent filters), each once (the API counts). */
export async function countRolloutTargets(target: Target): Promise<TargetCount> {
  const filtered =
    target.agentVersions !== undefined || target.arch !== undefined || target.flashKinds !== undefined;
  if (target.groupIds.length + target.tags.length + target.robotIds.length === 0 && !filtered)
    return { robots: 0 };
  const { api } = await operatorApi();
  try {
    const { data, error } = await api.POST('/v1/rollouts/targets/count', { body: { target } });
    return data
      ? { robots: data.robots, unreported: data.unreported, notMatching: data.notMatching }
      : { error: refusalMessage(error, 'Could not count robots') };
  } catch {
    return { error: UNREACHABLE };
  }
}

/** Dry run of a spec: predicted write rate and flash life per cohort. Nothing is created. */
export async function previewRolloutSpec(
  spec: RolloutSpecInput,
  windowMinutes = 60,
): Promise<{ preview?: RolloutPreview; error?: string; fieldErrors?: FieldError[] }> {
  const { api } = await operatorApi();
  try {
    const { data, error } = await api.POST('/v1/rollouts/preview', {
      body: { spec, windowMinutes },
    });
    return data ? { preview: data } : failure(error, 'The preview failed');
  } catch {
    return { error: UNREACHABLE };
  }
}

/** Robots per page of the create form's robot picker. */
const PICKER_PAGE = 50;

/**
 * One page of the robot picker: robots whose name contains `q`, by name, from `offset` — the picker
 * pages through the API, so every robot of a large fleet can be found and picked.
 */
export async function searchRobots(
  q: string,
  offset: number,
): Promise<{ items?: { id: string; name: string }[]; total?: number; error?: string }> {
  const { api } = await operatorApi();
  try {
    const { data, error } = await api.GET('/v1/robots', {
      params: {
        query: {
          ...(q.trim() ? { q: q.trim() } : {}),
          sort: 'name',
          order: 'asc',
          limit: PICKER_PAGE,
          offset: Math.max(0, Math.floor(offset)),
        },
      },
    });
    if (!data) return { error: refusalMessage(error, 'Could not load robots') };
    return { items: data.items.map((r) => ({ id: r.id, name: r.name })), total: data.total };
  } catch {
    return { error: UNREACHABLE };
  }
}

/** Creates the draft and opens its page (where it can be started); field errors come back otherwise. */
export async function createRollout(
  name: string,
  spec: RolloutSpecInput,
): Promise<{ error?: string; fieldErrors?: FieldError[] }> {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'operator')) return { error: 'Your role may not create rollouts.' };
  let id: string;
  try {
    const { data, error } = await api.POST('/v1/rollouts', {
      body: { name, spec },
    });
    if (!data) return failure(error, 'The rollout could not be created');
    id = data.id;
  } catch {
    return { error: UNREACHABLE };
  }
  redirect(`/rollouts/${id}`);
}

/** start / pause / resume / promote / abort, with the operator's reason (audited by the API). */
export async function actOnRollout(
  id: string,
  verb: RolloutVerb,
  reason: string,
): Promise<{ ok?: true; error?: string }> {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'operator')) return { error: 'Your role may not change rollouts.' };
  if (!reason.trim()) return { error: 'A reason is required.' };
  const params = { path: { id } };
  const body = { reason: reason.trim() };
  try {
    const call =
      verb === 'start'
        ? api.POST('/v1/rollouts/{id}/start', { params, body })
        : verb === 'pause'
          ? api.POST('/v1/rollouts/{id}/pause', { params, body })
          : verb === 'resume'
            ? api.POST('/v1/rollouts/{id}/resume', { params, body })
            : verb === 'promote'
              ? api.POST('/v1/rollouts/{id}/promote', { params, body })
              : api.POST('/v1/rollouts/{id}/abort', { params, body });
    const { data, error } = await call;
    return data ? { ok: true } : { error: refusalMessage(error, `Could not ${verb} the rollout`) };
  } catch {
    return { error: UNREACHABLE };
  }
}
