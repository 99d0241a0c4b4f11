import 'server-only';
import { FLASH_KINDS, type FlashKind, ROBOT_DECOMMISSIONED_FILTERS } from '@aura/core/schemas';
import Link from 'next/link';
import { versionName } from '@/policies/policy-types';
import { operatorApi } from '@/session/current-session';
import { formatAgo, formatPercent } from '@/ui/format';
import { ApiErrorAlert, EmptyState } from '@/ui/page-states';
import { TableScroll } from '@/ui/table-scroll';

const PAGE = 50;
export type RobotListSearch = {
  q?: string;
  status?: string;
  tag?: string;
  groupId?: string;
  policyVersionId?: string;
  agentVersion?: string;
  arch?: string;
  flashKind?: string;
  decommissioned?: string;
  sort?: string;
  order?: string;
  /** The API's keyset cursor of this page (absent: the first page). */
  cursor?: string;
  /** The cursors of the pages before this one after the first, '.'-separated (for "Previous"). */
  trail?: string;
};
// base64url, as the API makes them; anything else is dropped (the first page)
const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The robots table: search, filters (status, tag, group, policy version, agent version, hardware),
 * sort, pages of 50 by the API's keyset cursor (a deep page costs what the first does); the total is
 * shown as "about N" when the API estimated it.
 */
export async function RobotList({ params }: { params: RobotListSearch }) {
  const cursor = params.cursor && CURSOR.test(params.cursor) ? params.cursor : undefined;
  const trail = cursor ? (params.trail ?? '').split('.').filter((c) => CURSOR.test(c)) : [];
  const page = cursor ? trail.length + 2 : 1;
  const sort = (['name', 'lastSeenAt', 'enrolledAt'] as const).find((s) => s === params.sort) ?? 'name';
  const order = params.order === 'desc' ? 'desc' : 'asc';
  const status = params.status === 'online' || params.status === 'offline' ? params.status : undefined;
  const groupId = params.groupId && UUID.test(params.groupId) ? params.groupId : undefined;
  const policyVersionId =
    params.policyVersionId && UUID.test(params.policyVersionId) ? params.policyVersionId : undefined;
  const agentVersion = params.agentVersion?.trim().slice(0, 50) || undefined;
  const arch = params.arch?.trim().slice(0, 50) || undefined;
  const flashKind = FLASH_KINDS.find((k) => k === params.flashKind) as FlashKind | undefined;
  // decommissioned robots are hidden unless asked for
  const decommissioned = ROBOT_DECOMMISSIONED_FILTERS.find((d) => d === params.decommissioned) ?? 'exclude';
  const { api } = await operatorApi();
  const [{ data, error }, groups, policies] = await Promise.all([
    api.GET('/v1/robots', {
      params: {
        query: {
          limit: PAGE,
          ...(cursor ? { cursor } : {}),
          sort,
          order,
          ...(params.q ? { q: params.q } : {}),
          ...(status ? { status } : {}),
          ...(params.tag ? { tag: params.tag } : {}),
          ...(groupId ? { groupId } : {}),
          ...(policyVersionId ? { policyVersionId } : {}),
          ...(agentVersion ? { agentVersion } : {}),
          ...(arch ? { arch } : {}),
          ...(flashKind ? { flashKind } : {}),
          decommissioned,
        },
      },
    }),
    api.GET('/v1/groups'),
    api.GET('/v1/policies'),
  ]);
  // A new sort starts at the first page (a cursor names its sort); paging keeps the rest of the query.
  const link = (overrides: Partial<RobotListSearch>) =>
    `/robots?${new URLSearchParams(
      Object.entries({
        ...params,
        cursor: undefined,
        trail: undefined,
        page: undefined,
        ...overrides,
      }).filter(([, v]) => v) as [string, string][],
    ).toString()}`;
  const pageLink = (to: string | undefined, before: string[]) =>
    link({ cursor: to, trail: to && before.length > 0 ? before.join('.') : undefined });
  const filtered = Boolean(
    params.q ||
      status ||
      params.tag ||
      groupId ||
      policyVersionId ||
      agentVersion ||
      arch ||
      flashKind ||
      decommissioned !== 'exclude',
  );
  return (
    <>
      <search>
        <form className="filters" aria-label="Filter robots">
          <label>
            Search <input name="q" defaultValue={params.q ?? ''} placeholder="name" />
          </label>
          <label>
            Status{' '}
            <select name="status" defaultValue={status ?? ''}>
              <option value="">any</option>
              <option value="online">online</option>
              <option value="offline">offline</option>
            </select>
          </label>
          <label>
            Tag <input name="tag" defaultValue={params.tag ?? ''} />
          </label>
          <label>
            Group{' '}
            <select name="groupId" defaultValue={groupId ?? ''}>
              <option value="">any</option>
              {(groups.data?.items ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} ({g.robotCount})
                </option>
              ))}
            </select>
          </label>
          <label>
            Policy version{' '}
            <select name="policyVersionId" defaultValue={policyVersionId ?? ''}>
              <option value="">any</option>
              {(policies.data?.items ?? []).map((p) => (
                <optgroup key={p.id} label={p.name}>
                  {p.versions.map((v) => (
                    <option key={v.id} value={v.id}>
                      {p.name} v{v.version} (τ {v.tau.toFixed(2)})
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label>
            Agent version <input name="agentVersion" defaultValue={agentVersion ?? ''} size={8} />
          </label>
          <label>
            Architecture <input name="arch" defaultValue={arch ?? ''} placeholder="arm64" size={6} />
          </label>
          <label>
            Flash{' '}
            <select name="flashKind" defaultValue={flashKind ?? ''}>
              <option value="">any</option>
              {FLASH_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label>
            Decommissioned{' '}
            <select name="decommissioned" defaultValue={decommissioned}>
              <option value="exclude">hidden</option>
              <option value="include">shown too</option>
              <option value="only">only</option>
            </select>
          </label>
          <button type="submit">Filter</button>
          {filtered ? <Link href="/robots">Clear filters</Link> : null}
        </form>
      </search>
      {groups.error ? <ApiErrorAlert what="groups" error={groups.error} /> : null}
      {policies.error ? <ApiErrorAlert what="policies" error={policies.error} /> : null}
      {error ? (
        <ApiErrorAlert what="robots" error={error} />
      ) : data && data.items.length === 0 ? (
        <EmptyState>{filtered ? 'No robots match these filters.' : 'No robots enrolled yet.'}</EmptyState>
      ) : data ? (
        <>
          <TableScroll label="Robots">
            <table>
              <caption>
                {data.totalExact ? '' : 'about '}
                {data.total.toLocaleString('en-US')} robot{data.total === 1 ? '' : 's'} · page {page}
                {data.totalExact ? ` of ${Math.max(1, Math.ceil(data.total / PAGE))}` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <Link
                      href={link({
                        sort: 'name',
                        order: sort === 'name' && order === 'asc' ? 'desc' : 'asc',
                      })}
                    >
                      Name
                    </Link>
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <Link
                      href={link({
                        sort: 'lastSeenAt',
                        order: sort === 'lastSeenAt' && order === 'desc' ? 'asc' : 'desc',
                      })}
                    >
                      Last seen
                    </Link>
                  </th>
                  <th scope="col">τ</th>
                  <th scope="col">Writes / step</th>
                  <th scope="col">Flash wear</th>
                  <th scope="col">Policy (applied)</th>
                  <th scope="col">Config (applied / desired)</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Groups</th>
                  <th scope="col">Tags</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((robot) => {
                  const t = robot.latestTelemetry;
                  return (
                    <tr key={robot.id}>
                      <td>
                        <Link href={`/robots/${robot.id}`}>{robot.name}</Link>
                      </td>
                      {robot.decommissionedAt ? (
                        <td className="status-down" title={robot.decommissionedAt}>
                          decommissioned
                        </td>
                      ) : (
                        <td className={robot.status === 'online' ? 'status-up' : 'status-down'}>
                          {robot.status}
                        </td>
                      )}
                      <td>{formatAgo(robot.lastSeenAt)}</td>
                      <td>{t?.tau?.toFixed(2) ?? '—'}</td>
                      <td>{t?.steps ? formatPercent((t.writes ?? 0) / t.steps) : '—'}</td>
                      <td>{formatPercent(t?.wearFraction, 4)}</td>
                      <td>{robot.appliedPolicy ? versionName(robot.appliedPolicy) : '—'}</td>
                      <td>
                        v{robot.appliedConfigVersion} / v{robot.desiredConfigVersion}
                      </td>
                      <td>
                        {robot.agent
                          ? `${robot.agent.inventory.agentVersion} · ${robot.agent.inventory.os.arch}${
                              robot.agent.inventory.flash?.kind
                                ? ` · ${robot.agent.inventory.flash.kind}`
                                : ''
                            }`
                          : '—'}
                      </td>
                      <td>{robot.groups.map((g) => g.name).join(', ')}</td>
                      <td>{robot.tags.join(', ')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          <nav aria-label="Pages" className="pager">
            {cursor ? <Link href={pageLink(trail.at(-1), trail.slice(0, -1))}>← Previous</Link> : null}
            {data.nextCursor ? (
              <Link href={pageLink(data.nextCursor, cursor ? [...trail, cursor] : [])}>Next →</Link>
            ) : null}
          </nav>
        </>
      ) : null}
    </>
  );
}
