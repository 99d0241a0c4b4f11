'use client';
import { AlertSilenceInputSchema } from '@aura/core/schemas';
import { useActionForm } from '@/ui/use-action-form';
import { createSilence } from './actions';
import styles from './alerts.module.css';
import { ActionOutcome } from './small-controls';

/**
 * Creates a silence (a rule, a subject, or both; all alerts if neither) with a duration and a reason,
 * validated as the operator types with the API's own schema.
 */
export function SilenceForm({
  rules,
  ruleId,
  subjectId,
  compact = false,
}: {
  rules: { id: string; name: string }[];
  ruleId?: string;
  subjectId?: string;
  compact?: boolean;
}) {
  const { fields, set, result, busy, errorOf, submit } = useActionForm({
    initial: { ruleId: ruleId ?? '', subjectId: subjectId ?? '', durationMinutes: '60', reason: '' },
    schema: AlertSilenceInputSchema,
    body: (f) => ({
      ...(f.ruleId ? { ruleId: f.ruleId } : {}),
      ...(f.subjectId.trim() ? { subjectId: f.subjectId.trim() } : {}),
      durationMinutes: f.durationMinutes === '' ? Number.NaN : Number(f.durationMinutes),
      reason: f.reason,
    }),
    send: (_, { body }) => createSilence(body),
    failure: 'The silence could not be created',
    // the next silence of the same rule or subject: only the reason starts again
    reset: (f) => ({ ...f, reason: '' }),
  });
  const prefix = `silence-${subjectId ?? 'new'}`;

  return (
    <form
      onSubmit={submit}
      className={compact ? styles.inlineForm : styles.form}
      noValidate
      aria-label="Silence"
    >
      {compact ? null : (
        <div className={styles.row}>
          <div className={styles.field}>
            <label htmlFor={`${prefix}-rule`}>Rule</label>
            <select
              id={`${prefix}-rule`}
              value={fields.ruleId}
              onChange={(e) => set('ruleId')(e.target.value)}
            >
              <option value="">every rule</option>
              {rules.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div className={styles.field}>
            <label htmlFor={`${prefix}-subject`}>Subject id</label>
            <input
              id={`${prefix}-subject`}
              value={fields.subjectId}
              placeholder="robot, rollout or group id (optional)"
              onChange={(e) => set('subjectId')(e.target.value)}
            />
          </div>
        </div>
      )}
      <div className={compact ? styles.inlineForm : styles.row}>
        <div className={styles.field}>
          <label htmlFor={`${prefix}-duration`}>{compact ? 'Minutes' : 'Duration (minutes)'}</label>
          <input
            id={`${prefix}-duration`}
            inputMode="numeric"
            size={6}
            value={fields.durationMinutes}
            aria-invalid={Boolean(errorOf('durationMinutes'))}
            aria-describedby={`${prefix}-duration-error`}
            onChange={(e) => set('durationMinutes')(e.target.value)}
          />
          <p id={`${prefix}-duration-error`} className={styles.fieldError} aria-live="polite">
            {errorOf('durationMinutes') ? `Duration ${errorOf('durationMinutes')}` : ''}
          </p>
        </div>
        <div className={styles.field}>
          <label htmlFor={`${prefix}-reason`}>Reason</label>
          <input
            id={`${prefix}-reason`}
            value={fields.reason}
            aria-invalid={Boolean(errorOf('reason'))}
            aria-describedby={`${prefix}-reason-error`}
            onChange={(e) => set('reason')(e.target.value)}
          />
          <p id={`${prefix}-reason-error`} className={styles.fieldError} aria-live="polite">
            {errorOf('reason') ? `Reason ${errorOf('reason')}` : ''}
          </p>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Silencing…' : 'Silence'}
        </button>
      </div>
      <ActionOutcome result={result} />
    </form>
  );
}
