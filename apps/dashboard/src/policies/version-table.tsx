import Link from 'next/link';
import { formatAgo } from '@/ui/format';
import { TableHead } from '@/ui/table-head';
import { TableScroll } from '@/ui/table-scroll';
import { FleetDefaultForm } from './fleet-default-form';
import styles from './policies.module.css';
import type { Policy } from './policy-types';

/** A policy's versions with their settings, robots on each, and which is the fleet default. */
export function VersionTable({
  policy,
  defaultVersionId,
  canEdit,
}: {
  policy: Policy;
  defaultVersionId: string | undefined;
  canEdit: boolean;
}) {
  return (
    <TableScroll label={`Versions of ${policy.name}`}>
      <table>
        <caption>
          {policy.versions.length} version{policy.versions.length === 1 ? '' : 's'} of {policy.name}
        </caption>
        <TableHead
          columns={[
            'Version',
            'τ',
            'Persist mode',
            'Notes',
            'Robots (applied / desired)',
            'Created',
            'Fleet default',
          ]}
        />
        <tbody>
          {[...policy.versions].reverse().map((v) => (
            <tr key={v.id} data-version={v.version}>
              <th scope="row">v{v.version}</th>
              <td>{v.tau.toFixed(2)}</td>
              <td>{v.persistMode ?? <span className={styles.muted}>robot's own</span>}</td>
              <td title={v.notes ?? undefined} className={styles.notes}>
                {shorten(v.notes)}
              </td>
              <td>
                <Link href={`/robots?policyVersionId=${v.id}`}>
                  {v.robots.applied} / {v.robots.desired}
                </Link>
              </td>
              <td title={v.createdAt}>{formatAgo(v.createdAt)}</td>
              <td>
                {v.id === defaultVersionId ? (
                  <span className={styles.badge}>fleet default</span>
                ) : canEdit ? (
                  <FleetDefaultForm
                    policyId={policy.id}
                    policyVersionId={v.id}
                    label={`${policy.name} v${v.version}`}
                  />
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function shorten(text: string | null) {
  if (!text) return '';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
