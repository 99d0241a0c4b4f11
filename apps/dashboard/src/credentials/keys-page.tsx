import 'server-only';
import { hasRole } from '@aura/core/schemas';
import { operatorApi } from '@/session/current-session';
import { formatAgo } from '@/ui/format';
import { ApiErrorAlert, EmptyState } from '@/ui/page-states';
import { TableHead } from '@/ui/table-head';
import { TableScroll } from '@/ui/table-scroll';
import { revokeApiKey, revokeDashboardSession } from './actions';
import styles from './credentials.module.css';
import { KeyForm } from './key-form';
import { RevokeButton } from './revoke-button';

type Key = { expiresAt: string | null; revokedAt: string | null };

function keyState(key: Key, now: number): string {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

const utc = (iso: string) => `${new Date(iso).toUTCString().slice(5, 22)} UTC`;

/**
 * `/keys`: operator API keys. Everyone creates keys for themselves (name, lifetime; the key shown once
 * with a copy button) and revokes their own; admins see and revoke everyone's and create keys for any
 * operator. Rotation is create, then revoke. Secrets are never listed.
 */
export async function KeysPage() {
  const { api, session } = await operatorApi();
  const isAdmin = hasRole(session.role, 'admin');
  const [keys, me, operators, sessions] = await Promise.all([
    api.GET('/v1/api-keys').catch(() => undefined),
    api.GET('/v1/me').catch(() => undefined),
    isAdmin ? api.GET('/v1/operators').catch(() => undefined) : undefined,
    api.GET('/v1/sessions', { params: { query: { state: 'active', limit: 100 } } }).catch(() => undefined),
  ]);
  const currentKeyId = me?.data?.apiKeyId;
  const now = Date.now();
  return (
    <section aria-labelledby="keys-heading">
      <h1 id="keys-heading">API keys</h1>
      <p>
        An API key (<code>aura_ak_…</code>) signs in to this dashboard and to the API (<code>aura</code>, CI).
        You create keys for yourself{isAdmin ? ', and as an admin for any operator' : ''}; to rotate one,
        create its replacement, then revoke it. The last working admin key cannot be revoked.
      </p>
      <h2>New key</h2>
      <KeyForm
        self={session.operatorId}
        operators={
          isAdmin
            ? (operators?.data?.items ?? [])
                .filter((o) => !o.disabledAt)
                .map((o) => ({ id: o.id, name: o.name }))
            : []
        }
      />
      <h2>{isAdmin ? 'Keys of every operator' : 'Your keys'}</h2>
      {!keys?.data ? (
        <ApiErrorAlert what="the API keys" error={keys?.error} />
      ) : keys.data.items.length === 0 ? (
        <EmptyState>No API keys.</EmptyState>
      ) : (
        <TableScroll label="API keys">
          <table>
            <TableHead
              columns={['Name', 'Prefix', 'Operator', 'Created', 'Last used', 'Expires', 'State', 'Revoke']}
            />
            <tbody>
              {keys.data.items.map((key) => {
                const state = keyState(key, now);
                const current = key.id === currentKeyId;
                return (
                  <tr key={key.id} data-state={state}>
                    <td>
                      {key.name}
                      {current ? <span className={styles.muted}> (this session)</span> : null}
                    </td>
                    <td>
                      <code>{key.prefix}</code>
                    </td>
                    <td>{key.operatorName}</td>
                    <td title={key.createdAt}>{formatAgo(key.createdAt)}</td>
                    <td title={key.lastUsedAt ?? undefined}>
                      {key.lastUsedAt ? formatAgo(key.lastUsedAt) : 'never'}
                    </td>
                    <td title={key.expiresAt ?? undefined}>{key.expiresAt ? utc(key.expiresAt) : 'never'}</td>
                    <td>{state}</td>
                    <td>
                      {state !== 'active' ? (
                        '—'
                      ) : (
                        <RevokeButton
                          what={
                            current
                              ? `key ${key.name} (this session’s: you will be signed out)`
                              : `key ${key.name}`
                          }
                          onRevoke={revokeApiKey.bind(null, key.id)}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2 id="sessions-heading">
        {isAdmin ? 'Signed-in dashboard sessions of every operator' : 'Your signed-in dashboard sessions'}
      </h2>
      <p>
        Each sign-in to this dashboard is a session acting with one API key. Ending a session signs that
        browser out at once (a lost laptop) and leaves its key working; revoking the key ends all of its
        sessions.
      </p>
      {!sessions?.data ? (
        <ApiErrorAlert what="the dashboard sessions" error={sessions?.error} />
      ) : sessions.data.items.length === 0 ? (
        <EmptyState>No signed-in sessions.</EmptyState>
      ) : (
        <TableScroll label="Dashboard sessions">
          <table>
            <TableHead columns={['Operator', 'Key', 'Signed in', 'Last request', 'Expires', 'Revoke']} />
            <tbody>
              {sessions.data.items.map((s) => (
                <tr key={s.id} data-session={s.current ? 'current' : 'other'}>
                  <td>
                    {s.operatorName}
                    {s.current ? <span className={styles.muted}> (this session)</span> : null}
                  </td>
                  <td>{s.apiKeyName}</td>
                  <td title={s.createdAt}>{formatAgo(s.createdAt)}</td>
                  <td title={s.lastSeenAt}>{formatAgo(s.lastSeenAt)}</td>
                  <td title={s.expiresAt}>{utc(s.expiresAt)}</td>
                  <td>
                    <RevokeButton
                      what={
                        s.current
                          ? 'this session (you will be signed out)'
                          : `${s.operatorName}’s session signed in ${formatAgo(s.createdAt)}`
                      }
                      onRevoke={revokeDashboardSession.bind(null, s.id)}
                    />
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
