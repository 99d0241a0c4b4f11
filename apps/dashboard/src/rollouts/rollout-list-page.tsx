import 'server-only';
import Link from 'next/link';
import { operatorApi } from '../session/current-session';
import { hasRole } from '../session/roles';
import { AutoRefresh } from '../ui/auto-refresh';
import { formatAgo } from '../ui/format';
import { TableScroll } from '../ui/table-scroll';
import ui from '../ui/ui.module.css';
import { loadGroups, loadPolicyVersions } from './catalog';
import { describeTarget, formatDateTime, STATUS_LABEL } from './format';
import { RolloutsAlert, StatusBadge } from './page-states';
import styles from './rollouts.module.css';
import { ACTIVE_STATUSES, type RolloutListItem } from './types';

type Spec = {
  target?: { tags?: string[]; groupIds?: string[]; robotIds?: string[] };
  steps?: { percent: number }[];
};

/** `/rollouts`: active rollouts first, then drafts, then history (newest first). */
export async function RolloutListPage() {
  const { api, session } = await operatorApi();
  const [list, policies, groups] = await Promise.all([
    api.GET('/v1/rollouts').catch(() => undefined),
    loadPolicyVersions(api).catch(() => undefined),
    loadGroups(api).catch(() => undefined),
  ]);
  const groupNames = new Map((groups?.groups ?? []).map((g) => [g.id, g.name]));
  const rank = (r: RolloutListItem) =>
    ACTIVE_STATUSES.includes(r.status) ? 0 : r.status === 'draft' ? 1 : 2;
  const items = [...(list?.data?.items ?? [])].sort(
    (a, b) => rank(a) - rank(b) || Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
  const canCreate = hasRole(session.role, 'operator');
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
      {!list?.data ? (
        <RolloutsAlert>
          Could not load rollouts: {list?.error?.error.message ?? 'the API did not answer'}
        </RolloutsAlert>
      ) : items.length === 0 ? (
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
        <TableScroll label="Rollouts">
          <table>
            <caption>
              {items.filter((r) => ACTIVE_STATUSES.includes(r.status)).length} active · {items.length} in all
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Policy version</th>
                <th scope="col">Target</th>
                <th scope="col">Step</th>
                <th scope="col">Started</th>
                <th scope="col">Ended</th>
                <th scope="col">Created by</th>
              </tr>
            </thead>
            <tbody>
              {items.map((rollout) => {
                const spec = rollout.spec as Spec;
                const steps = spec.steps ?? [];
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
      )}
    </section>
  );
}
