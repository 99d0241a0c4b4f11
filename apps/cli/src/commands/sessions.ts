import type { Command } from 'commander';
import { uuidArg } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
import { examples } from '../help.js';
import { renderTable, shortDate } from '../output/output.js';

/** Dashboard sessions (docs/dashboard.md, "Sessions"): who is signed in, and ending one. */
export function registerSessions(program: Command, ctx: CliContext) {
  const sessions = program
    .command('sessions')
    .description(
      'Dashboard sessions: list who is signed in (never their tokens), end one at once (a lost laptop). ' +
        'Everyone sees and ends their own sessions; admins anyone’s',
    );
  examples(sessions, [
    ['aura sessions list', 'your sessions that still work (admins: everyone’s)'],
    ['aura sessions revoke 5e1f…', 'the session stops working at once'],
  ]);

  const list = sessions
    .command('list')
    .description('Dashboard sessions, newest first: operator, key, sign-in, last request, expiry, state')
    .option('--operator <operator-id>', 'only this operator’s sessions (admins)', uuidArg('operator'))
    .option('--all', 'ended sessions too (signed out, revoked, expired, idle, key or operator ended)')
    .action(async (opts: { operator?: string; all?: boolean }, command: Command) => {
      const api = await ctx.api(command);
      const result = await api.call(
        api.client.GET('/v1/sessions', {
          params: {
            query: {
              state: opts.all ? 'all' : 'active',
              limit: 500,
              ...(opts.operator ? { operatorId: opts.operator } : {}),
            },
          },
        }),
      );
      await ctx.print(command, result, (data) =>
        renderTable(data.items, [
          { header: 'ID', value: (s) => s.id },
          { header: 'OPERATOR', value: (s) => s.operatorName },
          { header: 'KEY', value: (s) => s.apiKeyName },
          { header: 'SIGNED IN', value: (s) => shortDate(s.createdAt) },
          { header: 'LAST REQUEST', value: (s) => shortDate(s.lastSeenAt) },
          { header: 'EXPIRES', value: (s) => shortDate(s.expiresAt) },
          { header: 'STATE', value: (s) => s.state.replace('_', ' ') + (s.current ? ' (this one)' : '') },
        ]),
      );
    });
  examples(list, [
    ['aura sessions list --all', 'ended sessions too, with why'],
    ['aura sessions list --operator 2c4d…', 'one operator’s sessions (admins)'],
  ]);

  const revoke = sessions
    .command('revoke')
    .description(
      'End a dashboard session: it is refused from its next request on, on every dashboard and API process ' +
        '(your own sessions; admins any)',
    )
    .argument('<session-id>', 'dashboard session id (from aura sessions list)', uuidArg('session'))
    .action(async (id: string, _opts: unknown, command: Command) => {
      const api = await ctx.api(command);
      const result = await api.call(
        api.client.POST('/v1/sessions/{id}/revoke', { params: { path: { id } } }),
      );
      await ctx.print(
        command,
        result,
        (s) => `ended dashboard session ${s.id} at ${shortDate(s.revokedAt)}\n`,
      );
    });
  examples(revoke, [['aura sessions revoke 5e1f…', 'end one session (signing in again opens a new one)']]);
}
