import Link from 'next/link';
import { ApiErrorAlert, EmptyState } from '@/ui/page-states';
import type { loadPolicies } from './load-policies';
import styles from './policies.module.css';
import { VersionTable } from './version-table';

/** Every policy with its versions (settings, robots on each) and the fleet default marked. */
export function PolicyList({ data }: { data: Awaited<ReturnType<typeof loadPolicies>> }) {
  const { policies, defaultVersionId, fleetDefault, canEdit } = data;
  return (
    <>
      <div className={styles.actions}>
        {fleetDefault.data?.policy && fleetDefault.data.policyVersion ? (
          <p>
            Fleet default:{' '}
            <Link href={`/policies/${fleetDefault.data.policy.id}`}>
              {fleetDefault.data.policy.name} v{fleetDefault.data.policyVersion.version}
            </Link>{' '}
            (τ {fleetDefault.data.policyVersion.tau.toFixed(2)})
          </p>
        ) : fleetDefault.error ? (
          <ApiErrorAlert what="the fleet default" error={fleetDefault.error} />
        ) : (
          <p>No fleet default set.</p>
        )}
        {canEdit ? (
          <Link href="/policies/new" className={styles.buttonLink}>
            New policy
          </Link>
        ) : null}
      </div>
      {policies.error ? (
        <ApiErrorAlert what="policies" error={policies.error} />
      ) : policies.data && policies.data.items.length === 0 ? (
        <EmptyState>No policies yet.</EmptyState>
      ) : (
        (policies.data?.items ?? []).map((policy) => (
          <article
            key={policy.id}
            className={`card ${styles.policy}`}
            aria-labelledby={`policy-${policy.id}`}
          >
            <div className={styles.policyHeader}>
              <h2 id={`policy-${policy.id}`}>
                <Link href={`/policies/${policy.id}`}>{policy.name}</Link>
              </h2>
              {policy.versions.some((v) => v.id === defaultVersionId) ? (
                <span className={styles.badge}>holds the fleet default</span>
              ) : null}
              {policy.description ? <span className={styles.muted}>{policy.description}</span> : null}
            </div>
            <VersionTable policy={policy} defaultVersionId={defaultVersionId} canEdit={false} />
          </article>
        ))
      )}
    </>
  );
}
