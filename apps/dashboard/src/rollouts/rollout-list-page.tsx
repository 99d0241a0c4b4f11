import 'server-only';
import type { AuraApiClient } from '@aura/api-client';
import { hasRole, type RolloutStatus } from '@aura/core/schemas';
import Link from 'next/link';
import { operatorApi } from '../session/current-session';
import { AutoRefresh } from '../ui/auto-refresh';
import { formatAgo } from '../ui/format';
import { Pager, pageParam } from '../ui/pager';
import { TableHead } from '../ui/table-head';
import { TableScroll } from '../ui/table-scroll';
import ui from '../ui/ui.module.css';
import { loadGroups, loadPolicyVersions } from './catalog';
import { describeTarget, formatDateTime, STATUS_LABEL } from './format';
import { RolloutsAlert, StatusBadge } from './page-states';
import styles from './rollouts.module.css';
import type { RolloutListItem } from './types';

/** Rollouts per page of the full list. */
export const ROLLOUTS_PAGE = 50;
/** Statuses listed whole above the pages: what still needs attention. */
const IN_PROGRESS: readonly RolloutStatus[] = ['running', 'paused', 'draft'];

/** Every rollout in `status`, following the API's pages (200 each). */
async function listAll(api: AuraApiClient, status: RolloutStatus): Promise<RolloutListItem[]> {
  const items: RolloutListItem[] = [];
  for (let offset = 0; ; ) {
    const { data, error } = await api.GET('/v1/rollouts', {
      params: { query: { status, limit: 200, offset } },
    });
    if (!data) throw new Error(error?.error.message ?? 'the API did not answer');
    items.push(...data.items);
    offset += data.items.length;
    if (data.items.length === 0 || offset >= data.total) return items;
  }
}

/**
 * `/rollouts`: what is in progress (running, paused, drafts — every one, however many), then every
 * rollout newest first, 50 a page through the API.
 */
export async function RolloutListPage({ page: pageValue }: { page?: string } = {}) {
  const page = pageParam(pageValue);
  const { api, session } = await operatorApi();
  const [list, inProgress, policies, groups] = await Promise.all([
    api
      .GET('/v1/rollouts', {
        params: { query: { limit: ROLLOUTS_PAGE, offset: (page - 1) * ROLLOUTS_PAGE } },
      })
      .catch(() => undefined),
    Promise.all(IN_PROGRESS.map((status) => listAll(api, status)))
      .then((lists) => lists.flat())
      .catch(() => undefined),
    loadPolicyVersions(api).catch(() => undefined),
    loadGroups(api).catch(() => undefined),
  ]);
  const groupNames = new Map((groups?.groups ?? []).map((g) => [g.id, g.name]));
  const canCreate = hasRole(session.role, 'operator');
  const table = (items: RolloutListItem[], caption: string, label: string) => (
    <TableScroll label={label}>
      <table>
        <caption>{caption}</caption>
        <TableHead
          columns={['Name', 'Status', 'Policy version', 'Target', 'Step', 'Started', 'Ended', 'Created by']}
        />
        <tbody>
          {items.map((rollout) => {
            const spec = rollout.spec;
            const steps = spec.steps;
            const step = steps[rollout.currentStep];
            return (
              <tr key={rollout.id}>
                <td>
                  <Link href={`/rollouts/${rollout.id}`}>{rollout.name}</Link>
                </td>
                <td>
                  <StatusBadge status={rollout.status} label={STATUS_LABEL[rollout.status]} />
                </td>
                <td>
                  {policies?.versions.get(rollout.policyVersionId)?.label ??
                    rollout.policyVersionId.slice(0, 8)}
                </td>
                <td>{describeTarget(spec.target, groupNames)}</td>
                <td>
                  {step
                    ? `${rollout.currentStep + 1} of ${steps.length} (${step.percent} %)`
                    : `— of ${steps.length}`}
                </td>
                <td title={formatDateTime(rollout.startedAt)}>
                  {rollout.startedAt ? formatAgo(rollout.startedAt) : '—'}
                </td>
                <td title={formatDateTime(rollout.endedAt)}>
                  {rollout.endedAt ? formatAgo(rollout.endedAt) : '—'}
                </td>
                <td>{rollout.createdByName ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
  const data = list?.data;
  const rank = (r: RolloutListItem) => IN_PROGRESS.indexOf(r.status);
  const active = [...(inProgress ?? [])].sort(
    (a, b) => rank(a) - rank(b) || Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
  return (
    <section aria-labelledby="rollouts-heading">
      <AutoRefresh seconds={10} />
      <div className={styles.header}>
        <h1 id="rollouts-heading">Rollouts</h1>
        {canCreate ? (
          <Link href="/rollouts/new" className={styles.buttonLink}>
            New rollout
          </Link>
        ) : null}
      </div>
      {!data ? (
        <RolloutsAlert>
          Could not load rollouts: {list?.error?.error.message ?? 'the API did not answer'}
        </RolloutsAlert>
      ) : data.total === 0 ? (
        <p className={ui.empty}>
          No rollouts yet.{' '}
          {canCreate ? (
            <>
              <Link href="/rollouts/new">Create one</Link> to move robots onto a policy version in steps.
            </>
          ) : (
            'An operator creates them.'
          )}
        </p>
      ) : (
        <>
          {!inProgress ? (
            <RolloutsAlert>Could not load the rollouts in progress.</RolloutsAlert>
          ) : page === 1 && active.length > 0 ? (
            <>
              <h2 className={styles.section}>In progress</h2>
              {table(
                active,
                `${active.filter((r) => r.status !== 'draft').length} active · ${active.filter((r) => r.status === 'draft').length} draft`,
                'Rollouts in progress',
              )}
            </>
          ) : null}
          <h2 className={styles.section} id="all-rollouts">
            All rollouts
          </h2>
          {data.items.length === 0 ? (
            <p className={ui.empty}>No rollouts on this page.</p>
          ) : (
            table(
              data.items,
              `${data.total} in all, newest first · ${data.offset + 1}–${data.offset + data.items.length}`,
              'All rollouts',
            )
          )}
          <Pager
            page={page}
            pageSize={ROLLOUTS_PAGE}
            total={data.total}
            href={(p) => `/rollouts?page=${p}#all-rollouts`}
            label="Rollout pages"
          />
        </>
      )}
    </section>
  );
}
