'use client';
import { CreateEnrollmentTokenSchema } from '@aura/core/schemas';
import { SelectField, TextField } from '@/ui/field';
import form from '@/ui/form.module.css';
import { useActionForm } from '@/ui/use-action-form';
import { createEnrollmentToken } from './actions';
import { CreatedSecret } from './secret-once';

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
  const { fields, set, result, busy, errorOf, submit } = useActionForm({
    initial: { name: '', groupId: '', tags: '', uses: '1', hours: '24' },
    schema: CreateEnrollmentTokenSchema,
    body: (f) => ({
      name: f.name.trim(),
      maxUses: f.uses.trim() === '' ? Number.NaN : Number(f.uses),
      expiresInHours: Number(f.hours),
      tags: f.tags
        .split(/[,\s]+/)
        .map((t) => t.trim())
        .filter(Boolean),
      ...(f.groupId ? { groupId: f.groupId } : {}),
    }),
    send: (data) => createEnrollmentToken(data),
    failure: 'The token could not be created',
  });

  return (
    <form onSubmit={submit} className={form.form} noValidate aria-label="New enrolment token">
      <div className={form.row}>
        <TextField
          id="token-name"
          label="Name"
          error={errorOf('name')}
          value={fields.name}
          input={{ placeholder: 'e.g. line 3, December batch' }}
          onChange={set('name')}
        />
        <SelectField
          id="token-group"
          label="Group"
          error={errorOf('groupId')}
          value={fields.groupId}
          options={[{ value: '', label: 'none' }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
          onChange={set('groupId')}
        />
        <TextField
          id="token-tags"
          label="Tags"
          error={errorOf('tags')}
          value={fields.tags}
          input={{ placeholder: 'comma-separated, e.g. hw.emmc, line-3' }}
          onChange={set('tags')}
        />
        <TextField
          id="token-uses"
          label="Robots (uses)"
          errorLabel="Uses"
          error={errorOf('maxUses')}
          value={fields.uses}
          input={{ type: 'number', inputMode: 'numeric', min: 1 }}
          onChange={set('uses')}
        />
        <SelectField
          id="token-lifetime"
          label="Valid for"
          errorLabel="Lifetime"
          error={errorOf('expiresInHours')}
          value={fields.hours}
          options={LIFETIMES}
          onChange={set('hours')}
        />
      </div>
      <CreatedSecret result={result} label="The enrolment token" />
      <div className={form.actions}>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
