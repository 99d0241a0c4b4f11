import 'server-only';
import { hasRole } from '@aura/core/schemas';
import Link from 'next/link';
import { operatorApi } from '../session/current-session';
import { AutoRefresh } from '../ui/auto-refresh';
import { formatAgo } from '../ui/format';
import { ApiErrorAlert, EmptyState } from '../ui/page-states';
import { TableHead } from '../ui/table-head';
import { TableScroll } from '../ui/table-scroll';
import { AlertsNav, Badge, subjectHref } from './alerts-nav';
import { SilenceForm } from './silence-form';

/** `/alerts`: every open alert, most severe first, each with a silence control for operators. */
export async function FiringPage() {
  const { api, session } = await operatorApi();
  const [alerts, rules] = await Promise.all([
    api.GET('/v1/alerts', { params: { query: { state: 'firing', limit: 500 } } }).catch(() => undefined),
    api.GET('/v1/alert-rules').catch(() => undefined),
  ]);
  const canEdit = hasRole(session.role, 'operator');
  const rank = { critical: 0, warning: 1, info: 2 } as const;
  const items = [...(alerts?.data?.items ?? [])].sort(
    (a, b) => rank[a.severity] - rank[b.severity] || Date.parse(b.startedAt) - Date.parse(a.startedAt),
  );
  const ruleList = (rules?.data?.items ?? []).map((r) => ({ id: r.id, name: r.name }));
  return (
    <section aria-labelledby="alerts-heading">
      <AutoRefresh seconds={15} />
      <h1 id="alerts-heading">Alerts</h1>
      <AlertsNav />
      {!alerts?.data ? (
        <ApiErrorAlert what="alerts" error={alerts?.error} />
      ) : items.length === 0 ? (
        <EmptyState>
          Nothing is firing.{' '}
          {ruleList.length === 0 ? (
            <>
              No rules yet: <Link href="/alerts/rules/new">create one</Link>.
            </>
          ) : (
            `${ruleList.length} rule${ruleList.length === 1 ? '' : 's'} watching.`
          )}
        </EmptyState>
      ) : (
        <TableScroll label="Firing alerts">
          <table>
            <caption>
              {alerts.data.total} firing · {items.filter((a) => a.silenced).length} silenced
            </caption>
            <TableHead
              columns={['Severity', 'Rule', 'Subject', 'What', 'Since', 'Notified', canEdit && 'Silence']}
            />
            <tbody>
              {items.map((alert) => {
                const href = subjectHref(alert.subject);
                return (
                  <tr key={alert.id}>
                    <td>
                      <Badge value={alert.severity} />
                      {alert.silenced ? (
                        <>
                          {' '}
                          <Badge value="silenced" />
                        </>
                      ) : null}
                    </td>
                    <td>
                      {alert.ruleId ? (
                        <Link href={`/alerts/rules/${alert.ruleId}`}>{alert.ruleName}</Link>
                      ) : (
                        alert.ruleName
                      )}
                    </td>
                    <td>{href ? <Link href={href}>{alert.subject.name}</Link> : alert.subject.name}</td>
                    <td>{alert.summary}</td>
                    <td title={alert.startedAt}>{formatAgo(alert.startedAt)}</td>
                    <td>
                      {alert.notifiedAt ? formatAgo(alert.notifiedAt) : alert.silenced ? 'muted' : 'not yet'}
                    </td>
                    {canEdit ? (
                      <td>
                        {alert.silenced || !alert.ruleId ? null : (
                          <SilenceForm
                            rules={ruleList}
                            ruleId={alert.ruleId}
                            subjectId={alert.subject.id}
                            compact
                          />
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
