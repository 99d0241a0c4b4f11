'use client';
import { useState } from 'react';
import styles from './credentials.module.css';

/**
 * Revoke, confirmed: the first press asks ("Revoke token line-3? It stops working at once"), the
 * second does it. `onRevoke` returns an error message, or nothing when done.
 */
export function RevokeButton({
  what,
  onRevoke,
}: {
  what: string;
  onRevoke: () => Promise<string | undefined>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (!asking) {
    return (
      <button
        type="button"
        className={styles.danger}
        onClick={() => setAsking(true)}
        aria-label={`Revoke ${what}`}
      >
        Revoke
      </button>
    );
  }
  return (
    <span className={styles.confirm}>
      <span>Revoke {what}? It stops working at once.</span>
      <button
        type="button"
        className={styles.danger}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const problem = await onRevoke().catch(() => 'The revoke failed');
          setBusy(false);
          if (problem) setError(problem);
          else setAsking(false);
        }}
      >
        {busy ? 'Revoking…' : 'Yes, revoke'}
      </button>
      <button type="button" onClick={() => setAsking(false)} disabled={busy}>
        Cancel
      </button>
      {error ? <span role="alert">{error}</span> : null}
    </span>
  );
}
