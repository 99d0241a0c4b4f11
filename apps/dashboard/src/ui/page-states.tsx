import type { ReactNode } from 'react';
import styles from './ui.module.css';

/** The `loading.tsx` body of a page: a heading, a polite status and a few placeholder lines. */
export function LoadingState({ title }: { title: string }) {
  return (
    <section aria-busy="true">
      <h1>{title}</h1>
      <p role="status" className={styles.loading}>
        Loading {title.toLowerCase()}…
      </p>
      {[0, 1, 2, 3].map((line) => (
        <div key={line} className={styles.skeleton} aria-hidden="true" />
      ))}
    </section>
  );
}

/** An API call that failed: said plainly, as an alert, instead of a crash. */
export function ApiErrorAlert({
  what,
  error,
}: {
  what: string;
  error: { error?: { message?: string } } | string | undefined;
}) {
  const message = typeof error === 'string' ? error : (error?.error?.message ?? 'the API did not answer');
  return (
    <p role="alert" className={styles.alert}>
      Could not load {what}: {message}
    </p>
  );
}

/** Nothing to show yet, and why. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className={styles.empty}>{children}</p>;
}
