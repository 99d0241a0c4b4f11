'use client';
import { useState } from 'react';
import styles from './credentials.module.css';

/**
 * A secret shown this once (an enrolment token, an API key), with a button that copies it. The
 * dashboard keeps no copy: once the page is left or reloaded it is gone.
 */
export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  return (
    <div className={styles.secretBox}>
      <p>
        <strong>{label}</strong> — shown this once; only its hash is kept. Copy it now.
      </p>
      <div className={styles.secretRow}>
        <code className={styles.secret} data-testid="secret">
          {secret}
        </code>
        <button
          type="button"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret);
              setCopied('yes');
            } catch {
              setCopied('failed');
            }
          }}
        >
          Copy
        </button>
      </div>
      <p role="status" aria-live="polite" className={styles.hint}>
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Could not copy: select it and copy by hand.'
            : ''}
      </p>
    </div>
  );
}
