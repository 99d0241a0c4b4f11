'use client';
import { useState } from 'react';
import type { ActionResult } from '@/api/refusal';
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

/**
 * What a form that creates a credential was answered: the refusal as an alert, or the message and
 * the new secret (as `label`), shown this once.
 */
export function CreatedSecret({ result, label }: { result: ActionResult; label: string }) {
  return (
    <>
      {result.error ? <p role="alert">{result.error}</p> : null}
      {result.ok && result.secret ? (
        <div role="status">
          <p>{result.message}</p>
          <SecretOnce label={label} secret={result.secret} />
        </div>
      ) : null}
    </>
  );
}
