'use client';
import { CreateEnrollmentTokenSchema, describeIssues } from '@aura/core/schemas';
import { type FormEvent, useState } from 'react';
import type { ActionResult } from '@/api/refusal';
import { SelectField, TextField } from '@/ui/field';
import form from '@/ui/form.module.css';
import { createEnrollmentToken } from './actions';
import { SecretOnce } from './secret-once';

const LIFETIMES = [
  { value: '1', label: '1 hour' },
  { value: '24', label: '1 day' },
  { value: String(24 * 7), label: '7 days' },
  { value: String(24 * 30), label: '30 days' },
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
    <form onSubmit={submit} className={form.form} noValidate aria-label="New enrolment token">
      <div className={form.row}>
        <TextField
          id="token-name"
          label="Name"
          error={errorOf('name')}
          value={fields.name}
          input={{ placeholder: 'e.g. line 3, December batch' }}
          onChange={(name) => setFields((f) => ({ ...f, name }))}
        />
        <SelectField
          id="token-group"
          label="Group"
          error={errorOf('groupId')}
          value={fields.groupId}
          options={[{ value: '', label: 'none' }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
          onChange={(groupId) => setFields((f) => ({ ...f, groupId }))}
        />
        <TextField
          id="token-tags"
          label="Tags"
          error={errorOf('tags')}
          value={fields.tags}
          input={{ placeholder: 'comma-separated, e.g. hw.emmc, line-3' }}
          onChange={(tags) => setFields((f) => ({ ...f, tags }))}
        />
        <TextField
          id="token-uses"
          label="Robots (uses)"
          errorLabel="Uses"
          error={errorOf('maxUses')}
          value={fields.uses}
          input={{ type: 'number', inputMode: 'numeric', min: 1 }}
          onChange={(uses) => setFields((f) => ({ ...f, uses }))}
        />
        <SelectField
          id="token-lifetime"
          label="Valid for"
          errorLabel="Lifetime"
          error={errorOf('expiresInHours')}
          value={fields.hours}
          options={LIFETIMES}
          onChange={(hours) => setFields((f) => ({ ...f, hours }))}
        />
      </div>
      {result.error ? <p role="alert">{result.error}</p> : null}
      {result.ok && result.secret ? (
        <div role="status">
          <p>{result.message}</p>
          <SecretOnce label="The enrolment token" secret={result.secret} />
        </div>
      ) : null}
      <div className={form.actions}>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
