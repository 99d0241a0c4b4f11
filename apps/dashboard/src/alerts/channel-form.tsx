'use client';
import { ALERT_CHANNEL_KINDS, AlertChannelInputSchema, describeIssues } from '@aura/core/schemas';
import { type FormEvent, useState } from 'react';
import { SelectField, TextField } from '@/ui/field';
import { type ActionResult, createChannel } from './actions';
import styles from './alerts.module.css';

const KIND_LABELS: Record<(typeof ALERT_CHANNEL_KINDS)[number], string> = {
  webhook: 'webhook (generic JSON)',
  slack: 'Slack incoming webhook',
  pagerduty: 'PagerDuty Events v2',
};

/** A new channel; its signing secret is shown once, right here, after creation. */
export function ChannelForm() {
  const empty = { name: '', kind: 'webhook', url: '', routingKey: '' };
  const [fields, setFields] = useState(empty);
  const [submitted, setSubmitted] = useState(false);
  const [result, setResult] = useState<ActionResult>({});
  const [busy, setBusy] = useState(false);
  const body = {
    name: fields.name,
    kind: fields.kind,
    url: fields.url,
    ...(fields.routingKey.trim() ? { routingKey: fields.routingKey.trim() } : {}),
  };
  const parsed = AlertChannelInputSchema.safeParse(body);
  const local: Record<string, string> = {};
  if (!parsed.success) for (const d of describeIssues(parsed.error)) local[d.path] ??= d.message;
  const errorOf = (key: string) =>
    submitted ? (local[key] ?? result.fieldErrors?.[key]) : result.fieldErrors?.[key];
  const input = (key: 'name' | 'url' | 'routingKey', label: string, hint?: string) => (
    <TextField
      id={`channel-${key}`}
      label={label}
      hint={hint}
      error={errorOf(key)}
      value={fields[key]}
      onChange={(value) => setFields((f) => ({ ...f, [key]: value }))}
    />
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!parsed.success) return;
    setBusy(true);
    const answer = await createChannel(body);
    setBusy(false);
    setResult(answer);
    if (answer.ok) {
      setSubmitted(false);
      setFields(empty);
    }
  };

  return (
    <form onSubmit={submit} className={styles.form} noValidate aria-label="New channel">
      <div className={styles.row}>
        {input('name', 'Name')}
        <SelectField
          id="channel-kind"
          label="Kind"
          error={errorOf('kind')}
          value={fields.kind}
          options={ALERT_CHANNEL_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          onChange={(kind) => setFields((f) => ({ ...f, kind }))}
        />
      </div>
      {input(
        'url',
        'URL',
        fields.kind === 'pagerduty'
          ? 'normally https://events.pagerduty.com/v2/enqueue'
          : 'http(s) only; private and loopback addresses are refused unless the API allows them',
      )}
      {fields.kind === 'pagerduty'
        ? input('routingKey', 'Routing key', 'the integration key of the PagerDuty service')
        : null}
      {result.error ? <p role="alert">{result.error}</p> : null}
      {result.ok && result.secret ? (
        <div role="status" className={styles.notice}>
          <p>{result.message} Its signing secret, shown this once — store it with the receiver:</p>
          <p className={styles.secret}>{result.secret}</p>
        </div>
      ) : null}
      <div className={styles.actions}>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create channel'}
        </button>
      </div>
    </form>
  );
}
