'use client';
import { PERSIST_MODES, TAU_RANGE } from '@aura/core/schemas';
import { type FormEvent, type ReactNode, useActionState, useState } from 'react';
import type { SettingsFormState } from './actions';
import styles from './policies.module.css';
import { type SettingsFields, validateSettings } from './version-input';

type Action = (state: SettingsFormState, form: FormData) => Promise<SettingsFormState>;

/**
 * A new policy version (or a new policy with its version 1). Every field is checked with the API's own
 * zod schema as the operator types; errors sit next to their field. If the API still refuses (400),
 * its field errors show the same way.
 */
export function SettingsForm({
  mode,
  action,
  initial,
  submitLabel,
}: {
  mode: 'version' | 'policy';
  action: Action;
  initial: SettingsFields;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState<SettingsFormState, FormData>(action, {});
  const [fields, setFields] = useState<SettingsFields>(initial);
  const [touched, setTouched] = useState<Partial<Record<keyof SettingsFields, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const local = validateSettings(fields, mode).errors;
  // The server's answer (our own check or the API's 400) until the operator edits that field again.
  const [serverFor, setServerFor] = useState<SettingsFormState | undefined>(undefined);
  const server = serverFor === state ? {} : (state.errors ?? {});

  const errorOf = (key: keyof SettingsFields) =>
    touched[key] || submitted ? (local[key] ?? server[key]) : server[key];
  const change = (key: keyof SettingsFields, value: string) => {
    setFields((f) => ({ ...f, [key]: value }));
    setTouched((t) => ({ ...t, [key]: true }));
    if (state.errors?.[key]) setServerFor(state);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    setSubmitted(true);
    if (Object.keys(local).length > 0) event.preventDefault();
  };

  const field = (key: keyof SettingsFields, label: string, input: ReactNode, hint?: string) => {
    const error = errorOf(key);
    return (
      <div className={styles.field}>
        <label htmlFor={`${mode}-${key}`}>{label}</label>
        {input}
        {hint ? (
          <p id={`${mode}-${key}-hint`} className={styles.hint}>
            {hint}
          </p>
        ) : null}
        <p id={`${mode}-${key}-error`} className={styles.fieldError} aria-live="polite">
          {error ? `${label} ${error}` : ''}
        </p>
      </div>
    );
  };
  const describedBy = (key: keyof SettingsFields, hint = false) =>
    [hint ? `${mode}-${key}-hint` : '', `${mode}-${key}-error`].filter(Boolean).join(' ');

  return (
    <form action={formAction} onSubmit={onSubmit} className={styles.form} noValidate>
      {mode === 'policy'
        ? field(
            'name',
            'Name',
            <input
              id={`${mode}-name`}
              name="name"
              value={fields.name ?? ''}
              onChange={(e) => change('name', e.target.value)}
              aria-invalid={Boolean(errorOf('name'))}
              aria-describedby={describedBy('name', true)}
              autoComplete="off"
            />,
            'Lowercase letters, digits, . _ - (e.g. warehouse-night)',
          )
        : null}
      {mode === 'policy'
        ? field(
            'description',
            'Description',
            <textarea
              id={`${mode}-description`}
              name="description"
              rows={2}
              value={fields.description ?? ''}
              onChange={(e) => change('description', e.target.value)}
              aria-invalid={Boolean(errorOf('description'))}
              aria-describedby={describedBy('description')}
            />,
          )
        : null}
      {field(
        'tau',
        'τ (gate threshold)',
        <input
          id={`${mode}-tau`}
          name="tau"
          inputMode="decimal"
          value={fields.tau}
          onChange={(e) => change('tau', e.target.value)}
          aria-invalid={Boolean(errorOf('tau'))}
          aria-describedby={describedBy('tau', true)}
          autoComplete="off"
        />,
        `Between ${TAU_RANGE.min} and ${TAU_RANGE.max}: a higher τ writes memory less often.`,
      )}
      {field(
        'persistMode',
        'Persist mode',
        <select
          id={`${mode}-persistMode`}
          name="persistMode"
          value={fields.persistMode}
          onChange={(e) => change('persistMode', e.target.value)}
          aria-invalid={Boolean(errorOf('persistMode'))}
          aria-describedby={describedBy('persistMode')}
        >
          <option value="">robot's own setting</option>
          {PERSIST_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>,
      )}
      {field(
        'notes',
        'Notes',
        <textarea
          id={`${mode}-notes`}
          name="notes"
          rows={3}
          value={fields.notes}
          onChange={(e) => change('notes', e.target.value)}
          aria-invalid={Boolean(errorOf('notes'))}
          aria-describedby={describedBy('notes', true)}
        />,
        'Why this version (up to 2000 characters).',
      )}
      {state.errors?.form && serverFor !== state ? (
        <p role="alert" className={styles.formError}>
          {state.errors.form}
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Publishing…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
