import 'server-only';
import { hasRole } from '@aura/core/schemas';
import Link from 'next/link';
import { operatorApi } from '../session/current-session';
import { formatAgo } from '../ui/format';
import { ApiErrorAlert, EmptyState } from '../ui/page-states';
import { TableHead } from '../ui/table-head';
import { TableScroll } from '../ui/table-scroll';
import styles from './alerts.module.css';
import { AlertsNav, Badge, KIND_LABEL } from './alerts-nav';
import { describeScope, loadGroupNames } from './describe';

/** `/alerts/rules`: every rule with what it watches, where, whom it tells and how it is doing. */
export async function RulesPage({ deleted }: { deleted: boolean }) {
  const { api, session } = await operatorApi();
  const [rules, groups] = await Promise.all([
    api.GET('/v1/alert-rules').catch(() => undefined),
    loadGroupNames(api),
  ]);
  const canEdit = hasRole(session.role, 'operator');
  return (
    <section aria-labelledby="rules-heading">
      <div className={styles.header}>
        <h1 id="rules-heading">Alert rules</h1>
        {canEdit ? (
          <Link href="/alerts/rules/new" className={styles.buttonLink}>
            New rule
          </Link>
        ) : null}
      </div>
      <AlertsNav />
      {deleted ? (
        <p role="status" className={styles.notice}>
          Rule deleted; its open alerts were resolved and its history kept.
        </p>
      ) : null}
      {!rules?.data ? (
        <ApiErrorAlert what="alert rules" error={rules?.error} />
      ) : rules.data.items.length === 0 ? (
        <EmptyState>
          No rules yet.{' '}
          {canEdit ? <Link href="/alerts/rules/new">Create one</Link> : 'An operator creates them.'}
        </EmptyState>
      ) : (
        <TableScroll label="Alert rules">
          <table>
            <caption>
              {rules.data.items.length} rules · {rules.data.items.reduce((n, r) => n + r.firing, 0)} alerts
              firing
            </caption>
            <TableHead
              columns={['Name', 'Watches', 'Scope', 'Severity', 'Firing', 'Notifies', 'Evaluated']}
            />
            <tbody>
              {rules.data.items.map((rule) => (
                <tr key={rule.id}>
                  <td>
                    <Link href={`/alerts/rules/${rule.id}`}>{rule.name}</Link>
                    {rule.enabled ? null : (
                      <>
                        {' '}
                        <Badge value="disabled" />
                      </>
                    )}
                  </td>
                  <td>{KIND_LABEL[rule.kind] ?? rule.kind}</td>
                  <td>{describeScope(rule.scope, groups)}</td>
                  <td>
                    <Badge value={rule.severity} />
                  </td>
                  <td>{rule.firing > 0 ? <strong>{rule.firing}</strong> : 0}</td>
                  <td>{rule.channels.map((c) => c.name).join(', ') || '—'}</td>
                  <td>
                    {rule.lastEvaluationError ? (
                      <span role="img" aria-label="evaluation failed" title={rule.lastEvaluationError}>
                        ⚠ failed
                      </span>
                    ) : (
                      formatAgo(rule.lastEvaluatedAt)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
