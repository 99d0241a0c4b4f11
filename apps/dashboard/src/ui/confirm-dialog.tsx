'use client';
import { type ReactNode, useId, useRef, useState } from 'react';
import styles from './confirm-dialog.module.css';

/**
 * A button that opens a modal confirmation (native `<dialog>` with `showModal()`: the page behind is
 * inert, Escape cancels, focus moves into the dialog and returns to the button on close) asking for a
 * reason. `onConfirm` returns an error message to show, or nothing when done.
 */
export function ConfirmDialog({
  label,
  title,
  children,
  confirmLabel,
  danger = false,
  onConfirm,
}: {
  label: string;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: (reason: string) => Promise<string | undefined>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = useId();

  const close = () => {
    dialog.current?.close();
  };
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className={danger ? styles.danger : undefined}
        onClick={() => {
          setReason('');
          setError(undefined);
          dialog.current?.showModal();
          field.current?.focus();
        }}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        className={styles.dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onClose={() => trigger.current?.focus()}
      >
        <form
          method="dialog"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            // The field's own value, not the last render's state: a submit that follows typing
            // within the same frame still sends what was typed.
            const given = (field.current?.value ?? reason).trim();
            if (!given) {
              setError('Give a reason: it is recorded in the audit log.');
              return;
            }
            setError(undefined);
            setBusy(true);
            const problem = await onConfirm(given).catch(() => 'The request failed.');
            setBusy(false);
            if (problem) setError(problem);
            else close();
          }}
        >
          <h2 id={`${id}-title`}>{title}</h2>
          <div id={`${id}-body`}>{children}</div>
          <label htmlFor={`${id}-reason`}>Reason (required, audited)</label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={3}
            required
            aria-required="true"
            ref={field}
            value={reason}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          {error ? (
            <p id={`${id}-error`} role="alert" className={styles.error}>
              {error}
            </p>
          ) : null}
          <div className={styles.actions}>
            <button type="button" className={styles.secondary} onClick={close} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className={danger ? styles.danger : undefined} disabled={busy}>
              {busy ? 'Working…' : confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
