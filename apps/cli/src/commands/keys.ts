import { CreateApiKeySchema } from '@aura/core/schemas';
import { type Command, Option } from 'commander';
import { durationArg, uuidArg } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit-codes.js';
import { examples } from '../help.js';
import { renderTable, shortDate } from '../output/output.js';
import { validate } from './validate.js';

const DAY_MS = 86_400_000;

function keyState(k: { revokedAt: string | null; expiresAt: string | null }, now: number): string {
  if (k.revokedAt) return `revoked ${shortDate(k.revokedAt)}`;
  if (k.expiresAt && Date.parse(k.expiresAt) <= now) return 'expired';
  return 'active';
}

export function registerKeys(program: Command, ctx: CliContext) {
  const keys = program
    .command('keys')
    .description(
      'Operator API keys: create (shown once), list with last use and expiry, revoke (rotation = create, then revoke). ' +
        'Everyone manages their own keys; admins anyone’s',
    );
  examples(keys, [
    ['aura keys create --name ci --expires-in 90d', 'a second key for yourself, valid 90 days'],
    ['aura keys list', 'your keys (admins: every key) with their last use'],
    ['aura keys revoke 9a7c…', 'the key is refused at once'],
  ]);

  const create = keys
    .command('create')
    .description('Create an API key; the key is printed once (only its hash is kept)')
    .requiredOption('--name <name>', 'what it is for (e.g. ci, laptop)')
    .option('--operator <operator-id>', 'for this operator (admins; default: yourself)', uuidArg('operator'))
    .addOption(
      new Option(
        '--expires-in <duration>',
        'lifetime in whole days (1d to 3650d; default: until revoked)',
      ).argParser(durationArg),
    )
    .action(async (opts: { name: string; operator?: string; expiresIn?: number }, command: Command) => {
      if (opts.expiresIn !== undefined && opts.expiresIn % DAY_MS !== 0)
        throw new UsageError('--expires-in must be whole days (e.g. 30d, 12w)');
      const body = validate(
        CreateApiKeySchema,
        {
          name: opts.name,
          ...(opts.expiresIn !== undefined ? { expiresInDays: opts.expiresIn / DAY_MS } : {}),
        },
        'API key',
      );
      const api = await ctx.api(command);
      const operatorId = opts.operator ?? (await api.call(api.client.GET('/v1/me'))).operatorId;
      const created = await api.call(
        api.client.POST('/v1/operators/{id}/api-keys', { params: { path: { id: operatorId } }, body }),
      );
      await ctx.print(
        command,
        created,
        (k) =>
          `created API key ${k.name} (${k.id}), ${k.expiresAt ? `expires ${shortDate(k.expiresAt)}` : 'no expiry'}\n` +
          `key (shown once, store it now):\n${k.token}\n`,
      );
    });
  examples(create, [
    ['aura keys create --name laptop', 'no expiry'],
    ['aura keys create --name ci --expires-in 90d', 'rotate it within 90 days'],
    ['aura -o json keys create --name ci | jq -r .token', 'just the key'],
    ['aura keys create --name bot --operator 2c4d…', 'admins: a key for another operator'],
  ]);

  const list = keys
    .command('list')
    .description('API keys (never their secrets) with operator, last use, expiry and state')
    .option('--operator <operator-id>', 'only this operator’s keys (admins)', uuidArg('operator'))
    .option('--active', 'only keys that still work')
    .action(async (opts: { operator?: string; active?: boolean }, command: Command) => {
      const api = await ctx.api(command);
      const result = await api.call(
        api.client.GET('/v1/api-keys', {
          params: { query: opts.operator ? { operatorId: opts.operator } : {} },
        }),
      );
      const now = ctx.now();
      const items = result.items.filter((k) => !opts.active || keyState(k, now) === 'active');
      await ctx.print(command, { items }, (data) =>
        renderTable(data.items, [
          { header: 'ID', value: (k) => k.id },
          { header: 'NAME', value: (k) => k.name },
          { header: 'PREFIX', value: (k) => k.prefix },
          { header: 'OPERATOR', value: (k) => k.operatorName },
          { header: 'CREATED', value: (k) => shortDate(k.createdAt) },
          { header: 'LAST USED', value: (k) => shortDate(k.lastUsedAt) },
          { header: 'EXPIRES', value: (k) => (k.expiresAt ? shortDate(k.expiresAt) : 'never') },
          { header: 'STATE', value: (k) => keyState(k, now) },
        ]),
      );
    });
  examples(list, [
    ['aura keys list --active', 'keys that still work'],
    ['aura keys list --operator 2c4d…', 'one operator’s keys (admins)'],
  ]);

  const revoke = keys
    .command('revoke')
    .description(
      'Revoke an API key: the API refuses it from the next request on (your own keys; admins any). ' +
        'The last working admin key cannot be revoked',
    )
    .argument('<key-id>', 'API key id', uuidArg('API key'))
    .action(async (id: string, _opts: unknown, command: Command) => {
      const api = await ctx.api(command);
      const result = await api.call(
        api.client.POST('/v1/api-keys/{id}/revoke', { params: { path: { id } } }),
      );
      await ctx.print(command, result, (k) => `revoked API key ${k.id} at ${shortDate(k.revokedAt)}\n`);
    });
  examples(revoke, [['aura keys revoke 9a7c…', 'revoke one key (after creating its replacement)']]);
}
