import styles from './alerts.module.css';
import { AlertsTab } from './alerts-tab';

/** The alert section's tabs. */
export function AlertsNav() {
  return (
    <nav aria-label="Alerts" className={styles.tabs}>
      <AlertsTab href="/alerts">Firing</AlertsTab>
      <AlertsTab href="/alerts/rules">Rules</AlertsTab>
      <AlertsTab href="/alerts/channels">Channels</AlertsTab>
      <AlertsTab href="/alerts/silences">Silences</AlertsTab>
      <AlertsTab href="/alerts/history">History</AlertsTab>
    </nav>
  );
}

export function Badge({ value, label }: { value: string; label?: string }) {
  return <span className={`${styles.badge} ${styles[value] ?? ''}`}>{label ?? value.replace('_', ' ')}</span>;
}

export const KIND_LABEL: Record<string, string> = {
  flash_life_below: 'Projected flash life below',
  write_rate_increase: 'Write rate up on own baseline',
  robot_silent: 'Robot silent',
  rollout_event: 'Rollout failed / rolled back / inconclusive',
  telemetry_dropped: 'Telemetry dropped or quarantined',
  autopilot_proposal_waiting: 'Autopilot proposal waiting',
  signing_key_retirement: 'Signing key nearing retirement',
};

export function subjectHref(subject: { type: string; id: string }): string | undefined {
  if (subject.type === 'robot') return `/robots/${subject.id}`;
  if (subject.type === 'rollout') return `/rollouts/${subject.id}`;
  if (subject.type === 'signing_key') return `/signing-keys#key-${subject.id}`;
  return undefined;
}
