'use client';
import { CreateApiKeySchema, describeIssues } from '@aura/core/schemas';
import { type FormEvent, useState } from 'react';
import type { ActionResult } from '@/api/refusal';
import { createApiKey } from './actions';
import styles from './credentials.module.css';
import { SecretOnce } from './secret-once';

const LIFETIMES = [
  { days: '', label: 'until revoked' },
  { days: '30', label: '30 days' },
  { days: '90', label: '90 days' },
  { days: '365', label: '1 year' },
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
    <form onSubmit={submit} className={styles.form} noValidate aria-label="New API key">
      <div className={styles.row}>
        <div className={styles.field}>
          <label htmlFor="key-name">Name</label>
          <input
            id="key-name"
            value={fields.name}
            placeholder="e.g. ci, laptop"
            aria-invalid={Boolean(errorOf('name'))}
            aria-describedby={errorOf('name') ? 'key-name-error' : undefined}
            onChange={(e) => setFields((f) => ({ ...f, name: e.target.value }))}
          />
          <p id="key-name-error" className={styles.fieldError} aria-live="polite">
            {errorOf('name') ? `Name ${errorOf('name')}` : ''}
          </p>
        </div>
        <div className={styles.field}>
          <label htmlFor="key-lifetime">Valid</label>
          <select
            id="key-lifetime"
            value={fields.days}
            onChange={(e) => setFields((f) => ({ ...f, days: e.target.value }))}
          >
            {LIFETIMES.map((l) => (
              <option key={l.days} value={l.days}>
                {l.label}
              </option>
            ))}
          </select>
          <p className={styles.fieldError} aria-live="polite">
            {errorOf('expiresInDays') ? `Lifetime ${errorOf('expiresInDays')}` : ''}
          </p>
        </div>
        {operators.length > 0 ? (
          <div className={styles.field}>
            <label htmlFor="key-operator">For operator</label>
            <select
              id="key-operator"
              value={fields.operatorId}
              onChange={(e) => setFields((f) => ({ ...f, operatorId: e.target.value }))}
            >
              {operators.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.id === self ? `${o.name} (you)` : o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {result.error ? <p role="alert">{result.error}</p> : null}
      {result.ok && result.secret ? (
        <div role="status">
          <p>{result.message}</p>
          <SecretOnce label="The API key" secret={result.secret} />
        </div>
      ) : null}
      <div className={styles.actions}>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}
