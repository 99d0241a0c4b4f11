import type { ReactNode } from 'react';
import styles from './rollouts.module.css';

/** The `loading.tsx` body of a rollout page. */
export function RolloutsLoading({ title }: { title: string }) {
  return (
    <section aria-busy="true">
      <h1>{title}</h1>
      <p role="status" className={styles.muted}>
        Loading…
      </p>
      {[0, 1, 2, 3].map((line) => (
        <div key={line} className={styles.skeleton} aria-hidden="true" />
      ))}
    </section>
  );
}

/** An API call that failed, said plainly as an alert instead of a crash. */
export function RolloutsAlert({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className={styles.alert}>
      {children}
    </p>
  );
}

/** A wide table scrolls sideways inside this focusable region instead of widening the page. */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className={styles.scroll} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span className={`${styles.badge} ${styles[status] ?? ''}`}>{label ?? status.replace('_', ' ')}</span>
  );
}
