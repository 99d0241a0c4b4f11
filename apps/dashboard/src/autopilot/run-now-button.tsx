'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { runAutopilotNow } from './actions';
import styles from './autopilot.module.css';

/** "Recompute now": the worker recomputes every recommendation; the page refreshes to show it. */
export function RunNowButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ message?: string; error?: string }>({});
  return (
    <span className={styles.actions}>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const r = await runAutopilotNow();
          setBusy(false);
          setResult(r);
          // the round runs in the worker: look again once it has had a moment
          setTimeout(() => router.refresh(), 2000);
        }}
      >
        {busy ? 'Asking…' : 'Recompute now'}
      </button>
      <span role="status" className={result.error ? styles.error : styles.message}>
        {result.error ?? result.message ?? ''}
      </span>
    </span>
  );
}
