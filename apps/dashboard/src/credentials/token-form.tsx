'use client';
import { CreateEnrollmentTokenSchema, describeIssues } from '@aura/core/schemas';
import { type FormEvent, useState } from 'react';
import type { ActionResult } from '@/api/refusal';
import { createEnrollmentToken } from './actions';
import styles from './credentials.module.css';
import { SecretOnce } from './secret-once';

const LIFETIMES = [
  { hours: 1, label: '1 hour' },
  { hours: 24, label: '1 day' },
  { hours: 24 * 7, label: '7 days' },
  { hours: 24 * 30, label: '30 days' },
];

/**
 * A new enrolment token: name, group, tags, uses and lifetime, checked as typed with the API's own
 * CreateEnrollmentTokenSchema; the token is shown once with a copy button.
 */
export function TokenForm({ groups }: { groups: { id: string; name: string }[] }) {
  const empty = { name: '', groupId: '', tags: '', uses: '1', hours: '24' };
  const [fields, setFields] = useState(empty);
  const [submitted, setSubmitted] = useState(false);
  const [result, setResult] = useState<ActionResult>({});
  const [busy, setBusy] = useState(false);
  const tags = fields.tags
    .split(/[,\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  const body = {
    name: fields.name.trim(),
    maxUses: fields.uses.trim() === '' ? Number.NaN : Number(fields.uses),
    expiresInHours: Number(fields.hours),
    tags,
    ...(fields.groupId ? { groupId: fields.groupId } : {}),
  };
  const parsed = CreateEnrollmentTokenSchema.safeParse(body);
  const local: Record<string, string> = {};
  if (!parsed.success)
    for (const d of describeIssues(parsed.error)) local[d.path.replace(/\[\d+\]$/, '')] ??= d.message;
  const errorOf = (key: string) =>
    (submitted ? local[key] : undefined) ??
    result.fieldErrors?.[key] ??
    Object.entries(result.fieldErrors ?? {}).find(([path]) => path.startsWith(`${key}[`))?.[1];
  const describedBy = (key: string) => (errorOf(key) ? `token-${key}-error` : undefined);
  const errorText = (key: string, label: string) => (
    <p id={`token-${key}-error`} className={styles.fieldError} aria-live="polite">
      {errorOf(key) ? `${label} ${errorOf(key)}` : ''}
    </p>
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setResult({});
    if (!parsed.success) return;
    setBusy(true);
    const answer: ActionResult = await createEnrollmentToken(parsed.data).catch(() => ({
      error: 'The token could not be created',
    }));
    setBusy(false);
    setResult(answer);
    if (answer.ok) {
      setSubmitted(false);
      setFields(empty);
    }
  };

  return (
    <form onSubmit={submit} className={styles.form} noValidate aria-label="New enrolment token">
      <div className={styles.row}>
        <div className={styles.field}>
          <label htmlFor="token-name">Name</label>
          <input
            id="token-name"
            value={fields.name}
            placeholder="e.g. line 3, December batch"
            aria-invalid={Boolean(errorOf('name'))}
            aria-describedby={describedBy('name')}
            onChange={(e) => setFields((f) => ({ ...f, name: e.target.value }))}
          />
          {errorText('name', 'Name')}
        </div>
        <div className={styles.field}>
          <label htmlFor="token-group">Group</label>
          <select
            id="token-group"
            value={fields.groupId}
            onChange={(e) => setFields((f) => ({ ...f, groupId: e.target.value }))}
          >
            <option value="">none</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
          {errorText('groupId', 'Group')}
        </div>
        <div className={styles.field}>
          <label htmlFor="token-tags">Tags</label>
          <input
            id="token-tags"
            value={fields.tags}
            placeholder="comma-separated, e.g. hw.emmc, line-3"
            aria-invalid={Boolean(errorOf('tags'))}
            aria-describedby={describedBy('tags')}
            onChange={(e) => setFields((f) => ({ ...f, tags: e.target.value }))}
          />
          {errorText('tags', 'Tags')}
        </div>
        <div className={styles.field}>
          <label htmlFor="token-uses">Robots (uses)</label>
          <input
            id="token-uses"
            type="number"
            inputMode="numeric"
            min={1}
            value={fields.uses}
            aria-invalid={Boolean(errorOf('maxUses'))}
            aria-describedby={describedBy('maxUses')}
            onChange={(e) => setFields((f) => ({ ...f, uses: e.target.value }))}
          />
          {errorText('maxUses', 'Uses')}
        </div>
        <div className={styles.field}>
          <label htmlFor="token-lifetime">Valid for</label>
          <select
            id="token-lifetime"
            value={fields.hours}
            onChange={(e) => setFields((f) => ({ ...f, hours: e.target.value }))}
          >
            {LIFETIMES.map((l) => (
              <option key={l.hours} value={l.hours}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {result.error ? <p role="alert">{result.error}</p> : null}
      {result.ok && result.secret ? (
        <div role="status">
          <p>{result.message}</p>
          <SecretOnce label="The enrolment token" secret={result.secret} />
        </div>
      ) : null}
      <div className={styles.actions}>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
