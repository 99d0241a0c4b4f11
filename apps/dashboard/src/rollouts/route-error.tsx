'use client';
import styles from './rollouts.module.css';

/** The body of the rollout pages' `error.tsx`: an alert and a retry, never a crash. */
export function RolloutRouteError({
  what,
  error,
  retry,
}: {
  what: string;
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return (
    <section>
      <h1>{what}</h1>
      <p role="alert" className={styles.alert}>
        Could not show {what.toLowerCase()}: the dashboard or the API had a problem
        {error.digest ? ` (reference ${error.digest})` : ''}.
      </p>
      <button type="button" onClick={() => retry()}>
        Try again
      </button>
    </section>
  );
}
