import type { ReactNode } from 'react';
import ui from '../ui/ui.module.css';
import styles from './rollouts.module.css';

/** An API call that failed, said plainly as an alert instead of a crash. */
export function RolloutsAlert({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className={ui.alert}>
      {children}
    </p>
  );
}

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span className={`${styles.badge} ${styles[status] ?? ''}`}>{label ?? status.replace('_', ' ')}</span>
  );
}
