import 'server-only';
import { AUDIT_ACTOR_TYPES, hasRole } from '@aura/core/schemas';
import Link from 'next/link';
import { operatorApi } from '@/session/current-session';
import { formatAgo } from '@/ui/format';
import { ApiErrorAlert, EmptyState } from '@/ui/page-states';
import { TableHead } from '@/ui/table-head';
import { TableScroll } from '@/ui/table-scroll';

export type AuditSearch = {
  action?: string;
  targetType?: string;
  actorId?: string;
  actorType?: string;
  since?: string;
  cursor?: string;
};

const TARGET_TYPES = [
  'robot',
  'robot_group',
  'gate_policy',
  'gate_policy_version',
  'fleet_settings',
  'rollout',
  'enrollment_token',
  'operator',
  'api_key',
] as const;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Who did what, when and why: newest first, filtered, 50 per page (cursor paging). */
export async function AuditLog({ search }: { search: AuditSearch }) {
  const { api, session } = await operatorApi();
  const since = search.since && DAY_RE.test(search.since) ? `${search.since}T00:00:00Z` : undefined;
  const actorType = AUDIT_ACTOR_TYPES.find((t) => t === search.actorType);
  const [events, operators] = await Promise.all([
    api.GET('/v1/audit', {
      params: {
        query: {
          limit: 50,
          ...(search.action ? { action: search.action } : {}),
          ...(search.targetType ? { targetType: search.targetType } : {}),
          ...(search.actorId ? { actorId: search.actorId } : {}),
          ...(actorType ? { actorType } : {}),
          ...(since ? { since } : {}),
          ...(search.cursor ? { cursor: search.cursor } : {}),
        },
      },
    }),
    // operator names are an admin's to read; other roles see ids
    hasRole(session.role, 'admin') ? api.GET('/v1/operators') : Promise.resolve(undefined),
  ]);
  const names = new Map((operators?.data?.items ?? []).map((o) => [o.id, o.name]));
  const next = (cursor: string) =>
    `/audit?${new URLSearchParams(
      Object.entries({ ...search, cursor }).filter(([, v]) => v) as [string, string][],
    ).toString()}`;
  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">Audit log</h1>
      <search>
        <form className="filters">
          <label>
            Action <input name="action" defaultValue={search.action ?? ''} placeholder="e.g. rollout.abort" />
          </label>
          <label>
            Target{' '}
            <select name="targetType" defaultValue={search.targetType ?? ''}>
              <option value="">any</option>
              {TARGET_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </label>
          <label>
            Actor type{' '}
            <select name="actorType" defaultValue={actorType ?? ''}>
              <option value="">any</option>
              {AUDIT_ACTOR_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </label>
          {names.size > 0 ? (
            <label>
              Operator{' '}
              <select name="actorId" defaultValue={search.actorId ?? ''}>
                <option value="">anyone</option>
                {[...names].map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label>
              Actor id <input name="actorId" defaultValue={search.actorId ?? ''} />
            </label>
          )}
          <label>
            Since <input type="date" name="since" defaultValue={search.since ?? ''} />
          </label>
          <button type="submit">Filter</button>
        </form>
      </search>
      {events.error ? (
        <ApiErrorAlert what="the audit log" error={events.error} />
      ) : events.data && events.data.items.length === 0 ? (
        <EmptyState>No events match.</EmptyState>
      ) : events.data ? (
        <>
          <TableScroll label="Audit events">
            <table>
              <TableHead columns={['When', 'Who', 'Action', 'Target', 'Reason', 'Change']} />
              <tbody>
                {events.data.items.map((event) => (
                  <tr key={event.id}>
                    <td title={event.at}>{formatAgo(event.at)}</td>
                    <td>
                      {event.actorType === 'operator' && event.actorId && names.has(event.actorId)
                        ? names.get(event.actorId)
                        : `${event.actorType} ${event.actorType === 'system' ? (event.actorId ?? '') : (event.actorId?.slice(0, 8) ?? '')}`}
                    </td>
                    <td>{event.action}</td>
                    <td>
                      <TargetLink type={event.targetType} id={event.targetId} />
                    </td>
                    <td>{event.reason ?? ''}</td>
                    <td>
                      {event.before !== null || event.after !== null ? (
                        <details>
                          <summary>before / after</summary>
                          <pre className="audit-change">
                            {JSON.stringify({ before: event.before, after: event.after }, null, 2)}
                          </pre>
                        </details>
                      ) : (
                        ''
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <nav aria-label="Pages" className="pager">
            {search.cursor ? <Link href={next('')}>Newest</Link> : null}
            {events.data.nextCursor ? <Link href={next(events.data.nextCursor)}>Older →</Link> : null}
          </nav>
        </>
      ) : null}
    </section>
  );
}

function TargetLink({ type, id }: { type: string; id: string | null }) {
  const label = `${type.replaceAll('_', ' ')} ${id?.slice(0, 8) ?? ''}`;
  if (!id) return <>{label}</>;
  if (type === 'robot') return <Link href={`/robots/${id}`}>{label}</Link>;
  if (type === 'rollout') return <Link href={`/rollouts/${id}`}>{label}</Link>;
  if (type === 'gate_policy') return <Link href={`/policies/${id}`}>{label}</Link>;
  return <>{label}</>;
}
