import 'server-only';
import { hasRole } from '@aura/core/schemas';
import Link from 'next/link';
import { operatorApi } from '@/session/current-session';
import { formatAgo } from '@/ui/format';
import { ApiErrorAlert, EmptyState } from '@/ui/page-states';
import { TableHead } from '@/ui/table-head';
import { TableScroll } from '@/ui/table-scroll';
import { revokeEnrollmentToken } from './actions';
import styles from './credentials.module.css';
import { RevokeButton } from './revoke-button';
import { TokenForm } from './token-form';

const PAGE_SIZE = 50;

type Token = { expiresAt: string; revokedAt: string | null; uses: number; maxUses: number };

function tokenState(token: Token, now: number): string {
  if (token.revokedAt) return 'revoked';
  if (Date.parse(token.expiresAt) <= now) return 'expired';
  if (token.uses >= token.maxUses) return 'used up';
  return 'active';
}

/** Where a page starts (1-based), carried in the URL beside the cursor only to say "51–100 of N". */
function fromParam(value: string | undefined): number {
  const from = Number(value ?? 1);
  return Number.isSafeInteger(from) && from >= 1 ? from : 1;
}

/**
 * `/tokens`: enrolment tokens — what a new robot enrols with. Operators create one (group, tags, uses,
 * lifetime; the token shown once with a copy button) and revoke them; viewers read the list, 50 a
 * page through the API, newest first, keyset-paged (`?cursor=` is the API's `nextCursor`, so a token
 * created meanwhile neither repeats nor hides one).
 */
export async function TokensPage({
  cursor,
  from: fromValue,
}: {
  cursor?: string | undefined;
  from?: string | undefined;
}) {
  const from = cursor ? fromParam(fromValue) : 1;
  const { api, session } = await operatorApi();
  const [tokens, groups] = await Promise.all([
    api
      .GET('/v1/enrollment-tokens', {
        params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
      })
      .catch(() => undefined),
    api.GET('/v1/groups').catch(() => undefined),
  ]);
  const groupNames = new Map((groups?.data?.items ?? []).map((g) => [g.id, g.name]));
  const canChange = hasRole(session.role, 'operator');
  const now = Date.now();
  return (
    <section aria-labelledby="tokens-heading">
      <h1 id="tokens-heading">Enrolment tokens</h1>
      <p>
        A robot enrols once with a token (<code>aura_et_…</code>) and gets its own secret. A token enrols up
        to its number of robots until it expires or is revoked; robots it enrolled keep working after that.
      </p>
      {canChange ? (
        <>
          <h2>New token</h2>
          <TokenForm groups={(groups?.data?.items ?? []).map((g) => ({ id: g.id, name: g.name }))} />
        </>
      ) : (
        <p className={styles.muted}>Read-only: your role ({session.role}) may not create or revoke tokens.</p>
      )}
      <h2>Tokens{tokens?.data ? ` (${tokens.data.total})` : ''}</h2>
      {!tokens?.data ? (
        <ApiErrorAlert what="the enrolment tokens" error={tokens?.error} />
      ) : tokens.data.items.length === 0 ? (
        <EmptyState>{cursor ? 'No tokens on this page.' : 'No enrolment tokens yet.'}</EmptyState>
      ) : (
        <TableScroll label="Enrolment tokens">
          <table>
            <TableHead
              columns={[
                'Name',
                'Prefix',
                'Uses',
                'Group',
                'Tags',
                'Created',
                'Expires',
                'State',
                canChange && 'Revoke',
              ]}
            />
            <tbody>
              {tokens.data.items.map((token) => {
                const state = tokenState(token, now);
                return (
                  <tr key={token.id} data-state={state}>
                    <td>{token.name}</td>
                    <td>
                      <code>{token.prefix}</code>
                    </td>
                    <td>
                      {token.uses} of {token.maxUses}
                    </td>
                    <td>
                      {token.groupId ? (groupNames.get(token.groupId) ?? token.groupId.slice(0, 8)) : '—'}
                    </td>
                    <td>{token.tags.join(', ') || '—'}</td>
                    <td title={token.createdAt}>{formatAgo(token.createdAt)}</td>
                    <td title={token.expiresAt}>
                      {new Date(token.expiresAt).toUTCString().slice(5, 22)} UTC
                    </td>
                    <td>{state}</td>
                    {canChange ? (
                      <td>
                        {state === 'revoked' ? (
                          '—'
                        ) : (
                          <RevokeButton
                            what={`token ${token.name}`}
                            onRevoke={revokeEnrollmentToken.bind(null, token.id)}
                          />
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {tokens?.data && (cursor || tokens.data.nextCursor) ? (
        <nav aria-label="Token pages" className="pager">
          {cursor ? <Link href="/tokens">← Newest</Link> : null}
          <span>
            {tokens.data.items.length > 0
              ? `${from}–${from + tokens.data.items.length - 1} of ${tokens.data.total}`
              : `of ${tokens.data.total}`}
          </span>
          {tokens.data.nextCursor ? (
            <Link
              href={`/tokens?cursor=${encodeURIComponent(tokens.data.nextCursor)}&from=${from + tokens.data.items.length}`}
            >
              Older →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
