import type { paths } from '@aura/api-client';
import Link from 'next/link';
import { formatAgo } from '@/ui/format';
import { EmptyState } from '@/ui/page-states';
import { TableScroll } from '@/ui/table-scroll';

type Item =
  paths['/v1/robots/{id}/rollouts']['get']['responses'][200]['content']['application/json']['items'][number];

/** The rollouts that included the robot: which, its step and per-robot state, and when. */
export function RobotRolloutHistory({ items }: { items: Item[] }) {
  if (items.length === 0) return <EmptyState>No rollout has included this robot.</EmptyState>;
  return (
    <TableScroll label="Rollout history">
      <table>
        <caption>Newest first</caption>
        <thead>
          <tr>
            <th scope="col">Rollout</th>
            <th scope="col">Rollout status</th>
            <th scope="col">Policy version</th>
            <th scope="col">Step</th>
            <th scope="col">Robot state</th>
            <th scope="col">Issued</th>
            <th scope="col">Acknowledged</th>
            <th scope="col">Ended</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.rolloutId}>
              <td>
                <Link href={`/rollouts/${item.rolloutId}`}>{item.name}</Link>
              </td>
              <td>{item.status.replace('_', ' ')}</td>
              <td>
                {item.policyVersion.policyName} v{item.policyVersion.version} · τ{' '}
                {item.policyVersion.tau.toFixed(2)}
              </td>
              <td>{item.stepIndex + 1}</td>
              <td title={item.stateReason ?? undefined}>
                {item.state.replace('_', ' ')}
                {item.stateReason ? ` (${item.stateReason})` : ''}
              </td>
              <td title={item.issuedAt ?? undefined}>{item.issuedAt ? formatAgo(item.issuedAt) : '—'}</td>
              <td title={item.ackedAt ?? undefined}>{item.ackedAt ? formatAgo(item.ackedAt) : '—'}</td>
              <td title={item.rolloutEndedAt ?? undefined}>
                {item.rolloutEndedAt ? formatAgo(item.rolloutEndedAt) : item.active ? 'active' : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
