'use client';
import { useActionState } from 'react';
import { type FleetDefaultState, setFleetDefault } from './actions';
import styles from './policies.module.css';

/** "Make fleet default" for one version, with the reason the audit log records. */
export function FleetDefaultForm({
  policyId,
  policyVersionId,
  label,
}: {
  policyId: string;
  policyVersionId: string;
  label: string;
}) {
  const [state, action, pending] = useActionState<FleetDefaultState, FormData>(setFleetDefault, {});
  const id = `reason-${policyVersionId}`;
  return (
    <form action={action} className={styles.inlineForm}>
      <input type="hidden" name="policyId" value={policyId} />
      <input type="hidden" name="policyVersionId" value={policyVersionId} />
      <label htmlFor={id} className={styles.srOnly}>
        Reason for making {label} the fleet default
      </label>
      <input id={id} name="reason" placeholder="reason" required maxLength={2000} size={10} />
      <button type="submit" disabled={pending}>
        {pending ? 'Setting…' : 'Make fleet default'}
      </button>
      {state.error ? (
        <span role="alert" className={styles.formError}>
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
