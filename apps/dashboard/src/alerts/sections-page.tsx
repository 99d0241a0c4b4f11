import 'server-only';
import { hasRole } from '@aura/core/schemas';
import Link from 'next/link';
import { operatorApi } from '../session/current-session';
import { AutoRefresh } from '../ui/auto-refresh';
import { formatAgo } from '../ui/format';
import { ApiErrorAlert, EmptyState } from '../ui/page-states';
import { TableHead } from '../ui/table-head';
import { TableScroll } from '../ui/table-scroll';
import { AlertsNav, Badge } from './alerts-nav';
import { ChannelForm } from './channel-form';
import { NotificationLog } from './notification-log';
import { SilenceForm } from './silence-form';
import { DeleteChannelButton, ExpireSilenceButton } from './small-controls';

/** `/alerts/channels`: where notifications go; operators add and delete them. */
export async function ChannelsPage() {
  const { api, session } = await operatorApi();
  const channels = await api.GET('/v1/alert-channels').catch(() => undefined);
  const canEdit = hasRole(session.role, 'operator');
  return (
    <section aria-labelledby="channels-heading">
      <h1 id="channels-heading">Notification channels</h1>
      <AlertsNav />
      {!channels?.data ? (
        <ApiErrorAlert what="channels" error={channels?.error} />
      ) : channels.data.items.length === 0 ? (
        <EmptyState>No channels yet.</EmptyState>
      ) : (
        <TableScroll label="Channels">
          <table>
            <TableHead columns={['Name', 'Kind', 'URL', 'Created', canEdit && 'Delete']} />
            <tbody>
              {channels.data.items.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.kind}</td>
                  <td>{c.url}</td>
                  <td>{formatAgo(c.createdAt)}</td>
                  {canEdit ? (
                    <td>
                      <DeleteChannelButton id={c.id} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canEdit ? (
        <>
          <h2>New channel</h2>
          <ChannelForm />
        </>
      ) : null}
    </section>
  );
}

/** `/alerts/silences`: active silences (or all with ?all=1); operators add and end them. */
export async function SilencesPage({ all }: { all: boolean }) {
  const { api, session } = await operatorApi();
  const [silences, rules] = await Promise.all([
    api
      .GET('/v1/alert-silences', { params: { query: { include: all ? 'all' : 'active' } } })
      .catch(() => undefined),
    api.GET('/v1/alert-rules').catch(() => undefined),
  ]);
  const canEdit = hasRole(session.role, 'operator');
  const ruleList = (rules?.data?.items ?? []).map((r) => ({ id: r.id, name: r.name }));
  return (
    <section aria-labelledby="silences-heading">
      <h1 id="silences-heading">Silences</h1>
      <AlertsNav />
      <p>
        {all ? (
          <Link href="/alerts/silences">Active only</Link>
        ) : (
          <Link href="/alerts/silences?all=1">Include ended</Link>
        )}
      </p>
      {!silences?.data ? (
        <ApiErrorAlert what="silences" error={silences?.error} />
      ) : silences.data.items.length === 0 ? (
        <EmptyState>No {all ? '' : 'active '}silences.</EmptyState>
      ) : (
        <TableScroll label="Silences">
          <table>
            <TableHead columns={['Rule', 'Subject', 'Reason', 'Until', 'By', 'State']} />
            <tbody>
              {silences.data.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.ruleName ?? 'every rule'}</td>
                  <td>{s.subjectId ?? 'every subject'}</td>
                  <td>{s.reason}</td>
                  <td title={s.endsAt}>{new Date(s.expiredAt ?? s.endsAt).toUTCString()}</td>
                  <td>{s.createdByName ?? '—'}</td>
                  <td>
                    {s.active ? (
                      canEdit ? (
                        <>
                          <Badge value="pending" label="active" /> <ExpireSilenceButton id={s.id} />
                        </>
                      ) : (
                        <Badge value="pending" label="active" />
                      )
                    ) : (
                      <Badge value="resolved" label={s.expiredAt ? 'ended early' : 'expired'} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canEdit ? (
        <>
          <h2>New silence</h2>
          <SilenceForm rules={ruleList} />
        </>
      ) : null}
    </section>
  );
}

/** `/alerts/history`: every firing and resolve, newest first, and the notifications sent. */
export async function HistoryPage({ before }: { before?: string }) {
  const { api } = await operatorApi();
  const [history, notifications] = await Promise.all([
    api
      .GET('/v1/alerts/history', { params: { query: { limit: 100, ...(before ? { before } : {}) } } })
      .catch(() => undefined),
    api.GET('/v1/alert-notifications', { params: { query: { limit: 20 } } }).catch(() => undefined),
  ]);
  return (
    <section aria-labelledby="history-heading">
      <AutoRefresh seconds={30} />
      <h1 id="history-heading">Alert history</h1>
      <AlertsNav />
      {!history?.data ? (
        <ApiErrorAlert what="history" error={history?.error} />
      ) : history.data.items.length === 0 ? (
        <EmptyState>No alert has fired yet.</EmptyState>
      ) : (
        <TableScroll label="Alert history">
          <table>
            <caption>State changes, newest first</caption>
            <TableHead columns={['When', 'State', 'Rule', 'Subject', 'Message']} />
            <tbody>
              {history.data.items.map((e) => (
                <tr key={e.id}>
                  <td title={e.at}>{new Date(e.at).toUTCString()}</td>
                  <td>
                    <Badge value={e.state} />
                  </td>
                  <td>
                    {e.ruleId ? <Link href={`/alerts/rules/${e.ruleId}`}>{e.ruleName}</Link> : e.ruleName}
                  </td>
                  <td>{e.subject.name}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {history?.data?.nextCursor ? (
        <Link href={`/alerts/history?before=${history.data.nextCursor}`}>Older</Link>
      ) : null}
      <h2>Notifications sent</h2>
      <NotificationLog items={notifications?.data?.items ?? []} />
    </section>
  );
}
