import { CreateEnrollmentTokenSchema, type EnrollmentTokenListSchema } from '@aura/core/schemas';
import { type Command, Option } from 'commander';
import type { z } from 'zod';
import { collect, durationArg, intArg, uuidArg } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit-codes.js';
import { examples } from '../help.js';
import { renderTable, shortDate } from '../output/output.js';
import { resolveGroupId } from './lookups.js';
import { validate } from './validate.js';

type Token = z.infer<typeof EnrollmentTokenListSchema>['items'][number];

function tokenState(t: Token, now: number): string {
  if (t.revokedAt) return 'revoked';
  if (Date.parse(t.expiresAt) <= now) return 'expired';
  if (t.uses >= t.maxUses) return 'used up';
  return 'active';
}

export function registerTokens(program: Command, ctx: CliContext) {
  const tokens = program.command('tokens').description('Enrolment tokens: what a new robot enrols with');
  examples(tokens, [
    ['aura tokens create --name "line 3" --group site-north --uses 20 --expires-in 48h', 'for 20 robots'],
    ['aura tokens list', 'tokens with their uses'],
  ]);

  const create = tokens
    .command('create')
    .description('Create an enrolment token; the token is printed once (only its hash is kept)')
    .requiredOption('--name <name>', 'what it is for')
    .option('--group <group>', 'robots enrolled with it join this group (name or id)')
    .option('--tag <tag>', 'robots enrolled with it get this tag (repeatable)', collect)
    .option('--uses <n>', 'how many robots may enrol with it', intArg(1, 100_000), 1)
    .addOption(
      new Option('--expires-in <duration>', 'lifetime, whole hours (1h to 365d)')
        .argParser(durationArg)
        .default(24 * 3_600_000, '24h'),
    )
    .action(
      async (
        opts: { name: string; group?: string; tag?: string[]; uses: number; expiresIn: number },
        command: Command,
      ) => {
        if (opts.expiresIn % 3_600_000 !== 0)
          throw new UsageError('--expires-in must be whole hours (e.g. 12h, 7d)');
        const body = validate(
          CreateEnrollmentTokenSchema,
          {
            name: opts.name,
            maxUses: opts.uses,
            expiresInHours: opts.expiresIn / 3_600_000,
            tags: opts.tag ?? [],
          },
          'enrolment token',
        );
        const api = await ctx.api(command);
        const groupId = opts.group ? await resolveGroupId(api, opts.group) : undefined;
        const created = await api.call(
          api.client.POST('/v1/enrollment-tokens', { body: { ...body, ...(groupId ? { groupId } : {}) } }),
        );
        await ctx.print(
          command,
          created,
          (t) =>
            `created enrolment token ${t.name} (${t.id}): ${t.maxUses} use(s), expires ${shortDate(t.expiresAt)}\n` +
            `token (shown once, store it now):\n${t.token}\n`,
        );
      },
    );
  examples(create, [
    ['aura tokens create --name bench', 'one robot, 24 hours'],
    ['aura tokens create --name "line 3" --group site-north --tag emmc --uses 20 --expires-in 7d', 'a batch'],
    ['aura -o json tokens create --name ci | jq -r .token', 'just the token'],
  ]);

  const list = tokens
    .command('list')
    .description('Enrolment tokens, newest first, 50 a page: uses, expiry, group and tags, state')
    .option('--limit <n>', 'tokens per page (1-200)', intArg(1, 200), 50)
    .option('--cursor <cursor>', 'continue after the page that returned this nextCursor')
    .option('--offset <n>', 'skip this many (deprecated: use --cursor)', intArg(0, 1_000_000), 0)
    .option('--all', 'fetch every page (keyset paging: tokens created meanwhile neither repeat nor hide one)')
    .action(
      async (opts: { limit: number; cursor?: string; offset: number; all?: boolean }, command: Command) => {
        if (opts.cursor && opts.offset > 0) throw new UsageError('--cursor and --offset cannot be combined');
        const api = await ctx.api(command);
        const items: Token[] = [];
        let cursor = opts.cursor;
        let total = 0;
        let nextCursor: string | undefined;
        // The first page by --offset (when given), every later one by the cursor of the one before.
        let offset = opts.offset;
        do {
          const query = { limit: opts.limit, ...(cursor ? { cursor } : offset > 0 ? { offset } : {}) };
          const page = await api.call(api.client.GET('/v1/enrollment-tokens', { params: { query } }));
          items.push(...page.items);
          total = page.total;
          nextCursor = page.nextCursor;
          cursor = nextCursor;
          offset = 0;
        } while (opts.all && cursor);
        const result = { total, offset: opts.offset, items, ...(nextCursor ? { nextCursor } : {}) };
        await ctx.print(command, result, (data) =>
          renderTable(data.items, [
            { header: 'ID', value: (t) => t.id },
            { header: 'NAME', value: (t) => t.name },
            { header: 'PREFIX', value: (t) => t.prefix },
            { header: 'USES', value: (t) => `${t.uses}/${t.maxUses}`, numeric: true },
            { header: 'EXPIRES', value: (t) => shortDate(t.expiresAt) },
            { header: 'GROUP', value: (t) => t.groupId },
            { header: 'TAGS', value: (t) => t.tags.join(',') },
            { header: 'STATE', value: (t) => tokenState(t, ctx.now()) },
          ]),
        );
        if (nextCursor) {
          await ctx.note(
            command,
            `showing ${items.length} of ${total}; --cursor ${nextCursor} for the next page, or --all`,
          );
        }
      },
    );
  examples(list, [
    ['aura tokens list', 'the newest 50'],
    ['aura -o json tokens list --all', 'every token as JSON'],
  ]);

  const revoke = tokens
    .command('revoke')
    .description(
      'Revoke an enrolment token: no robot can enrol with it any more (robots already enrolled stay)',
    )
    .argument('<token-id>', 'token id', uuidArg('enrolment token'))
    .action(async (id: string, _opts: unknown, command: Command) => {
      const api = await ctx.api(command);
      const result = await api.call(
        api.client.POST('/v1/enrollment-tokens/{id}/revoke', { params: { path: { id } } }),
      );
      await ctx.print(
        command,
        result,
        (t) => `revoked enrolment token ${t.id} at ${shortDate(t.revokedAt)}\n`,
      );
    });
  examples(revoke, [['aura tokens revoke 5e2b…', 'stop further enrolments with it']]);
}
