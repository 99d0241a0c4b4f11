import { operatorApi } from '@/session/current-session';
import { formatAgo } from '@/ui/format';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Audit log · AURA Fleet' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ action?: string }> }) {
  const { action } = await searchParams;
  const { api } = await operatorApi();
  const { data, error } = await api.GET('/v1/audit', {
    params: { query: { limit: 100, ...(action ? { action } : {}) } },
  });
  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">Audit log</h1>
      <search>
        <form className="filters">
          <label>
            Action <input name="action" defaultValue={action ?? ''} placeholder="e.g. rollout.abort" />
          </label>
          <button type="submit">Filter</button>
        </form>
      </search>
      {error ? (
        <p role="alert" className="status-down">
          Could not load the audit log: {error.error.message}
        </p>
      ) : data && data.items.length === 0 ? (
        <p>No events.</p>
      ) : data ? (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((event) => (
              <tr key={event.id}>
                <td title={event.at}>{formatAgo(event.at)}</td>
                <td>
                  {event.actorType} {event.actorId?.slice(0, 8)}
                </td>
                <td>{event.action}</td>
                <td>
                  {event.targetType} {event.targetId?.slice(0, 8)}
                </td>
                <td>{event.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
