import 'server-only';
import type { AlertRuleKind } from '@aura/core/schemas';
import { hasRole } from '@aura/core/schemas';
import Link from 'next/link';
import { operatorApi } from '../session/current-session';
import { AutoRefresh } from '../ui/auto-refresh';
import { formatAgo } from '../ui/format';
import { ApiErrorAlert, EmptyState } from '../ui/page-states';
import { TableHead } from '../ui/table-head';
import { TableScroll } from '../ui/table-scroll';
import styles from './alerts.module.css';
import { AlertsNav, Badge, KIND_LABEL, subjectHref } from './alerts-nav';
import { describeScope, loadGroupNames } from './describe';
import { NotificationLog } from './notification-log';
import { RuleControls } from './rule-controls';
import { type RuleFields, RuleForm } from './rule-form';

export function emptyRule(): RuleFields {
  return {
    name: '',
    description: '',
    kind: 'flash_life_below',
    scopeType: 'fleet',
    groupId: '',
    tag: '',
    severity: 'warning',
    channelIds: [],
    repeatIntervalMinutes: '240',
    enabled: true,
    params: { mode: 'per_robot' },
  };
}

/** `/alerts/rules/new`. */
export async function NewRulePage() {
  const { api, session } = await operatorApi();
  const [groups, channels] = await Promise.all([
    loadGroupNames(api),
    api.GET('/v1/alert-channels').catch(() => undefined),
  ]);
  return (
    <section aria-labelledby="new-rule-heading">
      <h1 id="new-rule-heading">New alert rule</h1>
      <AlertsNav />
      {hasRole(session.role, 'operator') ? (
        <RuleForm
          ruleId={null}
          initial={emptyRule()}
          groups={[...groups].map(([id, name]) => ({ id, name }))}
          channels={channels?.data?.items ?? []}
        />
      ) : (
        <p role="alert">Your role ({session.role}) may read alert rules but not create them.</p>
      )}
    </section>
  );
}

/** `/alerts/rules/[id]`: the rule, its open alerts, notifications with delivery logs, history, edit form. */
export async function RuleDetailPage({ id, saved }: { id: string; saved: boolean }) {
  const { api, session } = await operatorApi();
  const params = { path: { id } };
  const [rule, groups, channels, alerts, notifications, history] = await Promise.all([
    api.GET('/v1/alert-rules/{id}', { params }).catch(() => undefined),
    loadGroupNames(api),
    api.GET('/v1/alert-channels').catch(() => undefined),
    api
      .GET('/v1/alerts', { params: { query: { ruleId: id, state: 'firing', limit: 200 } } })
      .catch(() => undefined),
    api
      .GET('/v1/alert-notifications', { params: { query: { ruleId: id, limit: 20 } } })
      .catch(() => undefined),
    api.GET('/v1/alerts/history', { params: { query: { ruleId: id, limit: 50 } } }).catch(() => undefined),
  ]);
  if (!rule?.data) {
    return (
      <section>
        <h1>Alert rule</h1>
        <AlertsNav />
        <ApiErrorAlert what="the rule" error={rule?.error} />
      </section>
    );
  }
  const r = rule.data;
  const canEdit = hasRole(session.role, 'operator');
  const params_ = Object.fromEntries(
    Object.entries(r.params).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)]),
  ) as RuleFields['params'];
  const initial: RuleFields = {
    name: r.name,
    description: r.description ?? '',
    kind: r.kind as AlertRuleKind,
    scopeType: r.scope.type,
    groupId: r.scope.type === 'group' ? r.scope.groupId : '',
    tag: r.scope.type === 'tag' ? r.scope.tag : '',
    severity: r.severity,
    channelIds: r.channels.map((c) => c.id),
    repeatIntervalMinutes: String(r.repeatIntervalMinutes),
    enabled: r.enabled,
    params: params_,
  };
  return (
    <section aria-labelledby="rule-heading">
      <AutoRefresh seconds={10} />
      <h1 id="rule-heading">
        {r.name} <Badge value={r.severity} /> {r.enabled ? null : <Badge value="disabled" />}
      </h1>
      <AlertsNav />
      {saved ? (
        <p role="status" className={styles.notice}>
          Rule saved. The worker evaluates it at its next tick.
        </p>
      ) : null}
      <dl>
        <dt>Watches</dt>
        <dd>
          {KIND_LABEL[r.kind] ?? r.kind} —{' '}
          {Object.entries(r.params)
            .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : v}`)
            .join(' · ')}
        </dd>
        <dt>Scope</dt>
        <dd>{describeScope(r.scope, groups)}</dd>
        <dt>Notifies</dt>
        <dd>
          {r.channels.map((c) => `${c.name} (${c.kind})`).join(', ') || 'no channel'} · repeats every{' '}
          {r.repeatIntervalMinutes} min while firing
        </dd>
        <dt>Evaluated</dt>
        <dd>
          {formatAgo(r.lastEvaluatedAt)}
          {r.lastEvaluationError ? <span role="alert"> — failed: {r.lastEvaluationError}</span> : null}
        </dd>
      </dl>
      {canEdit ? <RuleControls ruleId={r.id} hasChannels={r.channels.length > 0} /> : null}

      <h2>Firing now ({r.firing})</h2>
      {(alerts?.data?.items ?? []).length === 0 ? (
        <EmptyState>Nothing of this rule is firing.</EmptyState>
      ) : (
        <TableScroll label="Firing alerts of this rule">
          <table>
            <TableHead columns={['Subject', 'What', 'Since']} />
            <tbody>
              {(alerts?.data?.items ?? []).map((a) => {
                const href = subjectHref(a.subject);
                return (
                  <tr key={a.id}>
                    <td>
                      {href ? <Link href={href}>{a.subject.name}</Link> : a.subject.name}
                      {a.silenced ? (
                        <>
                          {' '}
                          <Badge value="silenced" />
                        </>
                      ) : null}
                    </td>
                    <td>{a.summary}</td>
                    <td>{formatAgo(a.startedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>Notifications</h2>
      <NotificationLog items={notifications?.data?.items ?? []} />

      <h2>History</h2>
      {(history?.data?.items ?? []).length === 0 ? (
        <EmptyState>No state changes yet.</EmptyState>
      ) : (
        <TableScroll label="History of this rule">
          <table>
            <TableHead columns={['When', 'State', 'Subject', 'Message']} />
            <tbody>
              {(history?.data?.items ?? []).map((e) => (
                <tr key={e.id}>
                  <td title={e.at}>{formatAgo(e.at)}</td>
                  <td>
                    <Badge value={e.state} />
                  </td>
                  <td>{e.subject.name}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {canEdit ? (
        <>
          <h2>Edit</h2>
          <RuleForm
            ruleId={r.id}
            initial={initial}
            groups={[...groups].map(([gid, name]) => ({ id: gid, name }))}
            channels={channels?.data?.items ?? []}
          />
        </>
      ) : null}
    </section>
  );
}
