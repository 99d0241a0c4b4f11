import {
  type CreatePolicy,
  CreatePolicySchema,
  describeIssues,
  type PolicyVersionInput,
  PolicyVersionInputSchema,
} from '@aura/core/schemas';

/** The form's raw text fields. */
export type SettingsFields = {
  name?: string;
  description?: string;
  tau: string;
  persistMode: string;
  notes: string;
};
export type FieldErrors = Partial<Record<keyof SettingsFields, string>>;

/**
 * Form text → the API's body: empty optional fields are left out, τ is read as a number (an empty or
 * non-numeric τ stays invalid, so the schema names it).
 */
export function toBody(fields: SettingsFields, mode: 'version' | 'policy') {
  const tau = fields.tau.trim() === '' ? undefined : Number(fields.tau);
  return {
    ...(mode === 'policy' ? { name: fields.name ?? '' } : {}),
    ...(mode === 'policy' && fields.description ? { description: fields.description } : {}),
    tau,
    ...(fields.persistMode ? { persistMode: fields.persistMode } : {}),
    ...(fields.notes ? { notes: fields.notes } : {}),
  };
}

/**
 * Validates with the API's own schemas (`@aura/core`): one message per field, worded as the API
 * words it. Runs in the browser as the operator types and again in the server action.
 */
export function validateSettings(fields: SettingsFields, mode: 'version'): Validated<PolicyVersionInput>;
export function validateSettings(fields: SettingsFields, mode: 'policy'): Validated<CreatePolicy>;
export function validateSettings(
  fields: SettingsFields,
  mode: 'version' | 'policy',
): Validated<PolicyVersionInput | CreatePolicy>;
export function validateSettings(
  fields: SettingsFields,
  mode: 'version' | 'policy',
): Validated<PolicyVersionInput | CreatePolicy> {
  const schema = mode === 'policy' ? CreatePolicySchema : PolicyVersionInputSchema;
  const parsed = schema.safeParse(toBody(fields, mode));
  if (parsed.success) return { ok: true, body: parsed.data, errors: {} };
  return { ok: false, errors: fieldErrors(describeIssues(parsed.error)) };
}

/** The API's body when the fields are valid, else the first message per field. */
type Validated<Body> = { ok: true; body: Body; errors: FieldErrors } | { ok: false; errors: FieldErrors };

/** `{path, message}` pairs (the API's 400 details too) → the first message per form field. */
export function fieldErrors(details: { path?: string | undefined; message: string }[]): FieldErrors {
  const errors: Record<string, string> = {};
  for (const { path, message } of details) {
    const field = (path ?? '').split(/[.[]/)[0] || 'form';
    errors[field] ??= message;
  }
  return errors as FieldErrors;
}
