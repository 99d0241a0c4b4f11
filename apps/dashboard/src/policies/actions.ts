'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { ROLE_REFUSED, readRefusal } from '@/api/refusal';
import { operatorApi } from '@/session/current-session';
import { type FieldErrors, fieldErrors, type SettingsFields, validateSettings } from './version-input';

export interface SettingsFormState {
  /** Field errors (inline) and a form-level message, from our validation or the API's 400. */
  errors?: FieldErrors & { form?: string };
}

function readFields(form: FormData): SettingsFields {
  const text = (key: string) => String(form.get(key) ?? '');
  return {
    name: text('name'),
    description: text('description'),
    tau: text('tau'),
    persistMode: text('persistMode'),
    notes: text('notes'),
  };
}

function refused(status: number, error: unknown): SettingsFormState {
  const { message, details } = readRefusal(error, `The API refused (${status}).`);
  return { errors: { ...fieldErrors(details), form: status === 403 ? ROLE_REFUSED : message } };
}

/** Publishes the next version of a policy (operator+; the API checks the role and the settings). */
export async function publishVersion(
  policyId: string,
  _: SettingsFormState,
  form: FormData,
): Promise<SettingsFormState> {
  const checked = validateSettings(readFields(form), 'version');
  if (!checked.ok) return { errors: checked.errors };
  const { api } = await operatorApi();
  const { data, error, response } = await api.POST('/v1/policies/{id}/versions', {
    params: { path: { id: policyId } },
    body: checked.body,
  });
  if (!data) return refused(response.status, error);
  revalidatePath('/policies');
  redirect(`/policies/${policyId}?published=${data.version}`);
}

/** Creates a policy with its version 1. */
export async function createPolicy(_: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const checked = validateSettings(readFields(form), 'policy');
  if (!checked.ok) return { errors: checked.errors };
  const { api } = await operatorApi();
  const { data, error, response } = await api.POST('/v1/policies', { body: checked.body });
  if (!data) return refused(response.status, error);
  revalidatePath('/policies');
  redirect(`/policies/${data.id}?published=1`);
}

export interface FleetDefaultState {
  error?: string;
}

/**
 * Makes a version the fleet default (moves every robot no rollout holds), with the operator's reason;
 * then back to the policy, which says how many robots moved.
 */
export async function setFleetDefault(_: FleetDefaultState, form: FormData): Promise<FleetDefaultState> {
  const policyVersionId = String(form.get('policyVersionId') ?? '');
  const policyId = String(form.get('policyId') ?? '');
  const reason = String(form.get('reason') ?? '').trim();
  if (!reason) return { error: 'Give a reason: it goes into the audit log.' };
  const { api } = await operatorApi();
  const { data, error, response } = await api.PUT('/v1/fleet/default-policy', {
    body: { policyVersionId, reason },
  });
  if (!data) {
    return {
      error:
        response.status === 403
          ? 'Your role may not set the fleet default.'
          : (error?.error.message ?? `The API refused (${response.status}).`),
    };
  }
  revalidatePath('/policies', 'layout');
  redirect(
    `/policies/${encodeURIComponent(policyId)}?defaulted=${data.policyVersion.version}&moved=${data.robotsMoved}`,
  );
}
