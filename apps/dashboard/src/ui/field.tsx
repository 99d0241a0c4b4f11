import type { InputHTMLAttributes, ReactNode } from 'react';
import styles from './form.module.css';

/** What a <Field> hands its control: spread it on the input or select. */
export interface FieldControl {
  id: string;
  className: string | undefined;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/**
 * One labelled form field: the label, the control, an optional hint and the error line. The control
 * is tied to its label by `id`, marked `aria-invalid` while it has an error, and described by its
 * hint and error; the error line (`<id>-error`) is always there and polite-live, so a screen reader
 * hears an error when it appears and the layout does not jump. The error reads "<label> <message>"
 * (`errorLabel` when the label is long, e.g. "Uses" for "Robots (uses)").
 */
export interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  errorLabel?: string;
  hint?: ReactNode;
}

export function Field({
  id,
  label,
  error,
  errorLabel = label,
  hint,
  children,
}: FieldProps & { children: (control: FieldControl) => ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(' ');
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        className: styles.control,
        'aria-invalid': Boolean(error),
        'aria-describedby': describedBy || undefined,
      })}
      {hint ? (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      ) : null}
      <p id={errorId} className={styles.fieldError} aria-live="polite">
        {error ? `${errorLabel} ${error}` : ''}
      </p>
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'>;

/** A <Field> holding a text input (or number: pass `type`, `inputMode`, `min`). */
export function TextField({
  value,
  onChange,
  input,
  ...field
}: FieldProps & { value: string; onChange: (value: string) => void; input?: InputProps }) {
  return (
    <Field {...field}>
      {(control) => (
        <input {...input} {...control} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

/** A <Field> holding a select of `options`. */
export function SelectField({
  value,
  onChange,
  options,
  ...field
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
