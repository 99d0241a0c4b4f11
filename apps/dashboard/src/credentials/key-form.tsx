'use client';
import { CreateApiKeySchema, describeIssues } from '@aura/core/schemas';
import { type FormEvent, useState } from 'react';
import type { ActionResult } from '@/api/refusal';
import { SelectField, TextField } from '@/ui/field';
import form from '@/ui/form.module.css';
import { createApiKey } from './actions';
import { SecretOnce } from './secret-once';

const LIFETIMES = [
  { value: '', label: 'until revoked' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

/**
 * A new API key: name and lifetime (admins also pick the operator), checked as typed with the API's
 * own CreateApiKeySchema; the key is shown once with a copy button.
 */
export function KeyForm({
  self,
  operators,
}: {
  self: string;
  /** Operators an admin may make keys for; empty for everyone else (keys for themselves). */
  operators: { id: string; name: string }[];
}) {
  const empty = { name: '', days: '', operatorId: self };
  const [fields, setFields] = useState(empty);
  const [submitted, setSubmitted] = useState(false);
  const [result, setResult] = useState<ActionResult>({});
  const [busy, setBusy] = useState(false);
  const body = { name: fields.name.trim(), ...(fields.days ? { expiresInDays: Number(fields.days) } : {}) };
  const parsed = CreateApiKeySchema.safeParse(body);
  const local: Record<string, string> = {};
  if (!parsed.success) for (const d of describeIssues(parsed.error)) local[d.path] ??= d.message;
  const errorOf = (key: string) => (submitted ? local[key] : undefined) ?? result.fieldErrors?.[key];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setResult({});
    if (!parsed.success) return;
    setBusy(true);
    const answer: ActionResult = await createApiKey(fields.operatorId, parsed.data).catch(() => ({
      error: 'The key could not be created',
    }));
    setBusy(false);
    setResult(answer);
    if (answer.ok) {
      setSubmitted(false);
      setFields(empty);
    }
  };

  return (
    <form onSubmit={submit} className={form.form} noValidate aria-label="New API key">
      <div className={form.row}>
        <TextField
          id="key-name"
          label="Name"
          error={errorOf('name')}
          value={fields.name}
          input={{ placeholder: 'e.g. ci, laptop' }}
          onChange={(name) => setFields((f) => ({ ...f, name }))}
        />
        <SelectField
          id="key-lifetime"
          label="Valid"
          errorLabel="Lifetime"
          error={errorOf('expiresInDays')}
          value={fields.days}
          options={LIFETIMES}
          onChange={(days) => setFields((f) => ({ ...f, days }))}
        />
        {operators.length > 0 ? (
          <SelectField
            id="key-operator"
            label="For operator"
            value={fields.operatorId}
            options={operators.map((o) => ({
              value: o.id,
              label: o.id === self ? `${o.name} (you)` : o.name,
            }))}
            onChange={(operatorId) => setFields((f) => ({ ...f, operatorId }))}
          />
        ) : null}
      </div>
      {result.error ? <p role="alert">{result.error}</p> : null}
      {result.ok && result.secret ? (
        <div role="status">
          <p>{result.message}</p>
          <SecretOnce label="The API key" secret={result.secret} />
        </div>
      ) : null}
      <div className={form.actions}>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}
