import Link from 'next/link';
import { operatorApi } from '@/session/current-session';
import { AutoRefresh } from '@/ui/auto-refresh';
import { formatAgo, formatPercent } from '@/ui/format';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Robots · AURA Fleet' };

const PAGE = 50;
type Search = { q?: string; status?: string; tag?: string; sort?: string; order?: string; page?: string };

export default async function RobotsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const page = Math.max(1, Number(params.page ?? 1) || 1);
  const sort = (['name', 'lastSeenAt', 'enrolledAt'] as const).find((s) => s === params.sort) ?? 'name';
  const order = params.order === 'desc' ? 'desc' : 'asc';
  const status = params.status === 'online' || params.status === 'offline' ? params.status : undefined;
  const { api } = await operatorApi();
  const { data, error } = await api.GET('/v1/robots', {
    params: {
      query: {
        limit: PAGE,
        offset: (page - 1) * PAGE,
        sort,
        order,
        ...(params.q ? { q: params.q } : {}),
        ...(status ? { status } : {}),
        ...(params.tag ? { tag: params.tag } : {}),
      },
    },
  });
  const link = (overrides: Partial<Search>) =>
    `/robots?${new URLSearchParams(
      Object.entries({ ...params, ...overrides }).filter(([, v]) => v) as [string, string][],
    ).toString()}`;
  return (
    <section aria-labelledby="robots-heading">
      <AutoRefresh seconds={15} />
      <h1 id="robots-heading">Robots</h1>
      <search>
        <form className="filters">
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
          <button type="submit">Filter</button>
        </form>
      </search>
      {error ? (
        <p role="alert" className="status-down">
          Could not load robots: {error.error.message}
        </p>
      ) : data && data.items.length === 0 ? (
        <p>No robots match.</p>
      ) : data ? (
        <>
          <table>
            <caption>
              {data.total} robots · page {page} of {Math.max(1, Math.ceil(data.total / PAGE))}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <Link
                    href={link({ sort: 'name', order: sort === 'name' && order === 'asc' ? 'desc' : 'asc' })}
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
                <th scope="col">Config (applied / desired)</th>
                <th scope="col">Tags</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((robot) => {
                const t = robot.latestTelemetry as {
                  tau?: number;
                  steps?: number;
                  writes?: number;
                  wearFraction?: number;
                } | null;
                return (
                  <tr key={robot.id}>
                    <td>{robot.name}</td>
                    <td className={robot.status === 'online' ? 'status-up' : 'status-down'}>
                      {robot.status}
                    </td>
                    <td>{formatAgo(robot.lastSeenAt)}</td>
                    <td>{t?.tau?.toFixed(2) ?? '—'}</td>
                    <td>{t?.steps ? formatPercent((t.writes ?? 0) / t.steps) : '—'}</td>
                    <td>{formatPercent(t?.wearFraction, 4)}</td>
                    <td>
                      v{robot.appliedConfigVersion} / v{robot.desiredConfigVersion}
                    </td>
                    <td>{robot.tags.join(', ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <nav aria-label="Pages" className="pager">
            {page > 1 ? <Link href={link({ page: String(page - 1) })}>← Previous</Link> : null}
            {page * PAGE < data.total ? <Link href={link({ page: String(page + 1) })}>Next →</Link> : null}
          </nav>
        </>
      ) : null}
    </section>
  );
}
