import Link from 'next/link';
import { ApiErrorAlert } from '@/ui/page-states';
import { publishVersion } from './actions';
import type { loadPolicy } from './load-policies';
import styles from './policies.module.css';
import { SettingsForm } from './settings-form';
import { VersionPicker } from './version-picker';
import { VersionTable } from './version-table';

/** One policy: its versions, the fleet-default control, version comparison and a new version form. */
export function PolicyDetail({
  data,
  published,
  defaulted,
}: {
  data: Awaited<ReturnType<typeof loadPolicy>>;
  published: string | undefined;
  defaulted: { version: string; moved: string } | undefined;
}) {
  const { policy: result, defaultVersionId, canEdit } = data;
  if (!result.data) {
    return (
      <section aria-labelledby="policy-heading">
        <h1 id="policy-heading">Policy</h1>
        {result.response.status === 404 ? (
          <p role="alert" className="status-down">
            No policy with this id. <Link href="/policies">Back to policies</Link>
          </p>
        ) : (
          <ApiErrorAlert what="this policy" error={result.error} />
        )}
      </section>
    );
  }
  const policy = result.data;
  const latest = policy.versions.at(-1);
  const previous = policy.versions.at(-2) ?? latest;
  return (
    <section aria-labelledby="policy-heading">
      <div className={styles.policyHeader}>
        <h1 id="policy-heading">Policy {policy.name}</h1>
        {policy.versions.some((v) => v.id === defaultVersionId) ? (
          <span className={styles.badge}>holds the fleet default</span>
        ) : null}
      </div>
      <p>
        <Link href="/policies">← All policies</Link>
        {policy.description ? <span className={styles.muted}> · {policy.description}</span> : null}
      </p>
      {published ? (
        <p role="status" className={styles.status}>
          Published v{published}.
        </p>
      ) : null}
      {defaulted ? (
        <p role="status" className={styles.status}>
          Fleet default set to v{defaulted.version}; {defaulted.moved} robots moved.
        </p>
      ) : null}
      <h2>Versions</h2>
      <p className={styles.muted}>
        Versions are immutable. Making one the fleet default moves every robot that no rollout holds.
      </p>
      <VersionTable policy={policy} defaultVersionId={defaultVersionId} canEdit={canEdit} />
      <div className={styles.columns}>
        {policy.versions.length > 1 ? (
          <div className="card">
            <h2>Compare versions</h2>
            <VersionPicker policies={[policy]} from={previous?.id} to={latest?.id} />
          </div>
        ) : null}
        {canEdit ? (
          <div className="card">
            <h2 id="new-version-heading">New version</h2>
            <p className={styles.muted}>Starts from v{latest?.version}’s settings.</p>
            <SettingsForm
              mode="version"
              action={publishVersion.bind(null, policy.id)}
              initial={{
                tau: latest ? String(latest.tau) : '',
                persistMode: latest?.persistMode ?? '',
                notes: '',
              }}
              submitLabel={`Publish v${(latest?.version ?? 0) + 1}`}
            />
          </div>
        ) : null}
      </div>
    </section>
  );
}
