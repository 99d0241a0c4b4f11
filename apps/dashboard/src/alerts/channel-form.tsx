'use client';
import { ALERT_CHANNEL_KINDS, AlertChannelInputSchema } from '@aura/core/schemas';
import { SelectField, TextField } from '@/ui/field';
import { useActionForm } from '@/ui/use-action-form';
import { createChannel } from './actions';
import styles from './alerts.module.css';

const KIND_LABELS: Record<(typeof ALERT_CHANNEL_KINDS)[number], string> = {
  webhook: 'webhook (generic JSON)',
  slack: 'Slack incoming webhook',
  pagerduty: 'PagerDuty Events v2',
};

/** A new channel; its signing secret is shown once, right here, after creation. */
export function ChannelForm() {
  const { fields, set, result, busy, errorOf, submit } = useActionForm({
    initial: { name: '', kind: 'webhook', url: '', routingKey: '' },
    schema: AlertChannelInputSchema,
    body: (f) => ({
      name: f.name,
      kind: f.kind,
      url: f.url,
      ...(f.routingKey.trim() ? { routingKey: f.routingKey.trim() } : {}),
    }),
    // the body as typed: the action parses it with the same schema
    send: (_, { body }) => createChannel(body),
    failure: 'The channel could not be created',
  });
  const input = (key: 'name' | 'url' | 'routingKey', label: string, hint?: string) => (
    <TextField
      id={`channel-${key}`}
      label={label}
      hint={hint}
      error={errorOf(key)}
      value={fields[key]}
      onChange={set(key)}
    />
  );

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
          onChange={set('kind')}
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
