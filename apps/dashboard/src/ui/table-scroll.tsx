import type { ReactNode } from 'react';
import styles from './ui.module.css';

/**
 * A wide table scrolls sideways inside this wrapper instead of widening the page (tablets). The
 * region is focusable so keyboard users can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className={styles.tableScroll} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
