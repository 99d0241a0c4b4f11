'use client';
import { AlertSilenceInputSchema, describeIssues } from '@aura/core/schemas';
import { type FormEvent, useState } from 'react';
import { type ActionResult, createSilence } from './actions';
import styles from './alerts.module.css';

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
  const [fields, setFields] = useState({
    ruleId: ruleId ?? '',
    subjectId: subjectId ?? '',
    durationMinutes: '60',
    reason: '',
  });
  const [result, setResult] = useState<ActionResult>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const body = {
    ...(fields.ruleId ? { ruleId: fields.ruleId } : {}),
    ...(fields.subjectId.trim() ? { subjectId: fields.subjectId.trim() } : {}),
    durationMinutes: fields.durationMinutes === '' ? Number.NaN : Number(fields.durationMinutes),
    reason: fields.reason,
  };
  const parsed = AlertSilenceInputSchema.safeParse(body);
  const local: Record<string, string> = {};
  if (!parsed.success) for (const d of describeIssues(parsed.error)) local[d.path] ??= d.message;
  const errorOf = (key: string) =>
    submitted ? (local[key] ?? result.fieldErrors?.[key]) : result.fieldErrors?.[key];
  const prefix = `silence-${subjectId ?? 'new'}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!parsed.success) return;
    setBusy(true);
    const answer = await createSilence(body);
    setBusy(false);
    setResult(answer);
    if (answer.ok) {
      setSubmitted(false);
      setFields((f) => ({ ...f, reason: '' }));
    }
  };

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
              onChange={(e) => setFields((f) => ({ ...f, ruleId: e.target.value }))}
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
              onChange={(e) => setFields((f) => ({ ...f, subjectId: e.target.value }))}
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
            onChange={(e) => setFields((f) => ({ ...f, durationMinutes: e.target.value }))}
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
            onChange={(e) => setFields((f) => ({ ...f, reason: e.target.value }))}
          />
          <p id={`${prefix}-reason-error`} className={styles.fieldError} aria-live="polite">
            {errorOf('reason') ? `Reason ${errorOf('reason')}` : ''}
          </p>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Silencing…' : 'Silence'}
        </button>
      </div>
      {result.error ? <p role="alert">{result.error}</p> : null}
      {result.ok ? (
        <p role="status" className={styles.notice}>
          {result.message}
        </p>
      ) : null}
    </form>
  );
}
