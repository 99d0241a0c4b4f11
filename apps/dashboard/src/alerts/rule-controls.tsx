'use client';
import { useState } from 'react';
import { type ActionResult, deleteRule, testFireRule } from './actions';
import styles from './alerts.module.css';
import { ActionOutcome, TwoStepButton } from './small-controls';

/** Test-fire and delete, for operators and admins. */
export function RuleControls({ ruleId, hasChannels }: { ruleId: string; hasChannels: boolean }) {
  const [result, setResult] = useState<ActionResult>({});
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <div className={styles.actions}>
        <button
          type="button"
          disabled={busy || !hasChannels}
          title={hasChannels ? undefined : 'Add a channel to the rule first'}
          onClick={async () => {
            setBusy(true);
            setResult(await testFireRule(ruleId));
            setBusy(false);
          }}
        >
          {busy ? 'Sending…' : 'Test-fire'}
        </button>
        <TwoStepButton
          label="Delete rule"
          confirmLabel="Confirm: delete the rule (open alerts resolve, history stays)"
          onConfirm={() => deleteRule(ruleId)}
        />
      </div>
      <ActionOutcome result={result} />
    </div>
  );
}
