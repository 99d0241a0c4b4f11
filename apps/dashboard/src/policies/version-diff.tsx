import Link from 'next/link';
import { ApiErrorAlert, EmptyState } from '@/ui/page-states';
import { TableScroll } from '@/ui/table-scroll';
import { diffVersions } from './diff-versions';
import type { loadPolicies } from './load-policies';
import styles from './policies.module.css';
import { VersionPicker } from './version-picker';

/** Two versions (of any policies) compared field by field: changed fields old → new. */
export function VersionDiff({
  data,
  from,
  to,
}: {
  data: Awaited<ReturnType<typeof loadPolicies>>;
  from: string | undefined;
  to: string | undefined;
}) {
  const { policies } = data;
  if (policies.error) return <ApiErrorAlert what="policies" error={policies.error} />;
  const items = policies.data?.items ?? [];
  const all = items.flatMap((p) => p.versions.map((v) => ({ ...v, policyName: p.name })));
  const a = all.find((v) => v.id === from);
  const b = all.find((v) => v.id === to);
  const changes = a && b ? diffVersions(a, b) : [];
  const changed = changes.filter((c) => c.changed);
  return (
    <>
      <div className="card">
        <VersionPicker policies={items} from={a?.id ?? all[0]?.id} to={b?.id ?? all.at(-1)?.id} />
      </div>
      {!a || !b ? (
        <EmptyState>Choose two versions to compare.</EmptyState>
      ) : (
        <>
          <h2>
            {a.policyName} v{a.version} → {b.policyName} v{b.version}
          </h2>
          <p role="status">
            {changed.length === 0
              ? 'No settings differ.'
              : `${changed.length} field${changed.length === 1 ? '' : 's'} changed: ${changed.map((c) => c.label).join(', ')}.`}
          </p>
          <TableScroll label="Version differences">
            <table>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">
                    {a.policyName} v{a.version} (old)
                  </th>
                  <th scope="col" aria-label="becomes">
                    →
                  </th>
                  <th scope="col">
                    {b.policyName} v{b.version} (new)
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.field} className={c.changed ? styles.changed : undefined} data-field={c.field}>
                    <th scope="row">{c.label}</th>
                    <td className={`${styles.notes} ${c.changed ? styles.old : ''}`}>{c.before}</td>
                    <td aria-hidden="true">{c.changed ? '→' : '='}</td>
                    <td className={`${styles.notes} ${c.changed ? styles.new : ''}`}>{c.after}</td>
                    <td>
                      {c.changed ? <strong>changed</strong> : <span className={styles.muted}>unchanged</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p>
            <Link href={`/policies/${b.policyId}`}>Back to {b.policyName}</Link>
          </p>
        </>
      )}
    </>
  );
}
