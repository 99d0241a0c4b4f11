'use client';
import { useState } from 'react';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { type ActionResult, deleteChannel, expireSilence } from './actions';
import styles from './alerts.module.css';

/** A destructive button that asks once more in place ("Delete" → "Confirm delete" / "Cancel"). */
export function TwoStepButton({
  label,
  confirmLabel,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  onConfirm: () => Promise<string | undefined>;
}) {
  const [armed, setArmed] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (!armed) {
    return (
      <button type="button" onClick={() => setArmed(true)}>
        {label}
      </button>
    );
  }
  return (
    <span>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const problem = await onConfirm().catch(() => 'The request failed.');
          setBusy(false);
          setError(problem);
          if (!problem) setArmed(false);
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" onClick={() => setArmed(false)}>
        Cancel
      </button>
      {error ? <span role="alert"> {error}</span> : null}
    </span>
  );
}

export function DeleteChannelButton({ id }: { id: string }) {
  return <TwoStepButton label="Delete" confirmLabel="Confirm delete" onConfirm={() => deleteChannel(id)} />;
}

export function ExpireSilenceButton({ id }: { id: string }) {
  return (
    <ConfirmDialog
      label="End now"
      title="End this silence?"
      confirmLabel="End silence"
      onConfirm={(reason) => expireSilence(id, reason)}
    >
      <p>Alerts it muted are notified at the next evaluation if they still fire.</p>
    </ConfirmDialog>
  );
}

/** What a server action answered: its refusal as an alert, or its message as a polite notice. */
export function ActionOutcome({ result }: { result: ActionResult }) {
  return (
    <>
      {result.error ? <p role="alert">{result.error}</p> : null}
      {result.ok ? (
        <p role="status" className={styles.notice}>
          {result.message}
        </p>
      ) : null}
    </>
  );
}
