import 'server-only';
import { hasRole } from '@aura/core/schemas';
import { operatorApi } from '@/session/current-session';
import { formatAgo } from '@/ui/format';
import { ApiErrorAlert, EmptyState } from '@/ui/page-states';
import { TableHead } from '@/ui/table-head';
import { TableScroll } from '@/ui/table-scroll';
import styles from './credentials.module.css';

const utc = (iso: string) => `${new Date(iso).toUTCString().slice(5, 22)} UTC`;
const DAY = 86_400_000;

/** "in 12 days" / "3 days ago" for a planned retirement. */
function untilPlanned(iso: string, now: number): string {
  const days = Math.round((Date.parse(iso) - now) / DAY);
  if (days === 0) return 'today';
  return days > 0 ? `in ${days} day${days === 1 ? '' : 's'}` : `${-days} day${days === -1 ? '' : 's'} ago`;
}

/**
 * `/signing-keys` (admins): the config-signing keys robots verify their configs with — which one signs
 * (active), which are trusted standbys or retired, revoked ones, planned retirements (the
 * `signing_key_retirement` alert links here) — and the newest key set robots are moved to. Changing
 * keys stays a deliberate CLI step (`aura signing-keys …`, docs/cli.md), so this page only shows.
 */
export async function SigningKeysPage() {
  const { api, session } = await operatorApi();
  if (!hasRole(session.role, 'admin')) {
    return (
      <section aria-labelledby="signing-keys-heading">
        <h1 id="signing-keys-heading">Config-signing keys</h1>
        <p role="alert">Only admins see the config-signing keys.</p>
      </section>
    );
  }
  const keys = await api.GET('/v1/config-signing-keys').catch(() => undefined);
  const now = Date.now();
  const keySet = keys?.data?.keySet;
  return (
    <section aria-labelledby="signing-keys-heading">
      <h1 id="signing-keys-heading">Config-signing keys</h1>
      <p>
        Every config a robot applies carries an Ed25519 signature by the <strong>active</strong> key; robots
        trust the keys of the newest signed key set they hold. Rotation, retirement and revocation are admin
        steps in the CLI (<code>aura signing-keys --help</code>): create a standby, activate it, let robots
        pick up the key set, then retire the old key. Plan a retirement to be reminded by a{' '}
        <code>signing_key_retirement</code> alert rule.
      </p>
      {!keys?.data ? (
        <ApiErrorAlert what="the config-signing keys" error={keys?.error} />
      ) : (
        <>
          <p data-testid="key-set">
            {keySet
              ? `Key set v${keySet.version}, issued ${utc(keySet.issuedAt)}: trusts ${keySet.keys
                  .map((k) => k.keyId)
                  .join(', ')}${keySet.revoked.length ? `; never again: ${keySet.revoked.join(', ')}` : ''}.`
              : 'No key set has been issued yet.'}
          </p>
          {keys.data.items.length === 0 ? (
            <EmptyState>No config-signing keys.</EmptyState>
          ) : (
            <TableScroll label="Config-signing keys">
              <table>
                <TableHead
                  columns={[
                    'Key id',
                    'Status',
                    'Private half',
                    'Created',
                    'Activated',
                    'Planned retirement',
                    'Retired / revoked',
                  ]}
                />
                <tbody>
                  {keys.data.items.map((key) => (
                    <tr key={key.id} id={`key-${key.id}`} data-status={key.status}>
                      <td>
                        <code>{key.keyId}</code>
                        {key.development ? <span className={styles.muted}> (development)</span> : null}
                      </td>
                      <td>{key.status}</td>
                      <td>{key.storage === 'database' ? 'database, encrypted' : 'environment'}</td>
                      <td title={key.createdAt}>{formatAgo(key.createdAt)}</td>
                      <td title={key.activatedAt ?? undefined}>
                        {key.activatedAt ? formatAgo(key.activatedAt) : '—'}
                      </td>
                      <td title={key.plannedRetirementAt ?? undefined}>
                        {key.plannedRetirementAt
                          ? `${utc(key.plannedRetirementAt)} (${untilPlanned(key.plannedRetirementAt, now)})`
                          : 'not planned'}
                      </td>
                      <td>
                        {key.revokedAt
                          ? `revoked ${formatAgo(key.revokedAt)}`
                          : key.retiredAt
                            ? `retired ${formatAgo(key.retiredAt)}`
                            : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </section>
  );
}
