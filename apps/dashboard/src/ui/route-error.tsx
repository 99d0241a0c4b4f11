'use client';
import styles from './ui.module.css';

/**
 * The body of an `error.tsx` boundary: what failed, as an alert, and a way to try again. In production
 * a server error's message is generic (Next.js hides internals); its digest matches the server log.
 */
export function RouteError({
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
        Could not load {what.toLowerCase()}. The dashboard or the API had a problem
        {error.digest ? ` (reference ${error.digest})` : ''}.
      </p>
      <button type="button" onClick={() => retry()}>
        Try again
      </button>
    </section>
  );
}
