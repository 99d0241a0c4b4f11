'use client';
import { CreateApiKeySchema } from '@aura/core/schemas';
import { SelectField, TextField } from '@/ui/field';
import form from '@/ui/form.module.css';
import { useActionForm } from '@/ui/use-action-form';
import { createApiKey } from './actions';
import { CreatedSecret } from './secret-once';

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
  const { fields, set, result, busy, errorOf, submit } = useActionForm({
    initial: { name: '', days: '', operatorId: self },
    schema: CreateApiKeySchema,
    body: (f) => ({ name: f.name.trim(), ...(f.days ? { expiresInDays: Number(f.days) } : {}) }),
    send: (data, { fields }) => createApiKey(fields.operatorId, data),
    failure: 'The key could not be created',
  });

  return (
    <form onSubmit={submit} className={form.form} noValidate aria-label="New API key">
      <div className={form.row}>
        <TextField
          id="key-name"
          label="Name"
          error={errorOf('name')}
          value={fields.name}
          input={{ placeholder: 'e.g. ci, laptop' }}
          onChange={set('name')}
        />
        <SelectField
          id="key-lifetime"
          label="Valid"
          errorLabel="Lifetime"
          error={errorOf('expiresInDays')}
          value={fields.days}
          options={LIFETIMES}
          onChange={set('days')}
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
            onChange={set('operatorId')}
          />
        ) : null}
      </div>
      <CreatedSecret result={result} label="The API key" />
      <div className={form.actions}>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}
