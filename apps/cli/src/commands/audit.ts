import { AUDIT_ACTOR_TYPES } from '@aura/core/schemas';
import { type Command, Option } from 'commander';
import { instantArg, intArg } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
import { examples } from '../help.js';
import { renderTable, shortDate } from '../output/output.js';

interface AuditOptions {
  action?: string;
  targetType?: string;
  target?: string;
  actor?: string;
  actorType?: (typeof AUDIT_ACTOR_TYPES)[number];
  since?: string;
  until?: string;
  limit: number;
  cursor?: string;
  all?: boolean;
}

export function registerAudit(program: Command, ctx: CliContext) {
  const audit = program.command('audit').description('The audit log: every change, who made it, and why');
  examples(audit, [['aura audit list --action rollout.abort --since 7d', 'aborts of the last week']]);

  const list = audit
    .command('list')
    .description('Audit events, newest first (pages of --limit; --all follows the cursor to the oldest)')
    .option('--action <action>', 'e.g. rollout.start, policy.create, fleet.default_policy.set')
    .option('--target-type <type>', 'e.g. rollout, robot, policy, api_key')
    .option('--target <id>', 'events about this target id')
    .option(
      '--actor <id>',
      'events by this actor id (operator id, robot id, or a system part such as autopilot)',
    )
    .addOption(
      new Option('--actor-type <type>', 'events by operators, robots or the system').choices(
        AUDIT_ACTOR_TYPES,
      ),
    )
    .option(
      '--since <when>',
      'at or after: ISO date-time, date, or a time ago (24h, 7d)',
      instantArg(ctx.now),
    )
    .option('--until <when>', 'before', instantArg(ctx.now))
    .option('--limit <n>', 'events per page (1-500)', intArg(1, 500), 50)
    .option('--cursor <cursor>', 'continue from a previous page (its nextCursor)')
    .option('--all', 'follow the cursor through every page')
    .action(async (opts: AuditOptions, command: Command) => {
      const api = await ctx.api(command);
      const query = {
        ...(opts.action ? { action: opts.action } : {}),
        ...(opts.targetType ? { targetType: opts.targetType } : {}),
        ...(opts.target ? { targetId: opts.target } : {}),
        ...(opts.actor ? { actorId: opts.actor } : {}),
        ...(opts.actorType ? { actorType: opts.actorType } : {}),
        ...(opts.since ? { since: opts.since } : {}),
        ...(opts.until ? { until: opts.until } : {}),
        limit: opts.limit,
      };
      const items: Awaited<ReturnType<typeof fetchPage>>['items'] = [];
      let cursor = opts.cursor;
      async function fetchPage(at: string | undefined) {
        return api.call(
          api.client.GET('/v1/audit', { params: { query: { ...query, ...(at ? { cursor: at } : {}) } } }),
        );
      }
      do {
        const page = await fetchPage(cursor);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (opts.all && cursor);
      await ctx.print(command, { items, ...(cursor ? { nextCursor: cursor } : {}) }, (data) =>
        renderTable(data.items, [
          { header: 'AT', value: (e) => shortDate(e.at) },
          { header: 'ACTOR', value: (e) => `${e.actorType}${e.actorId ? `:${e.actorId}` : ''}` },
          { header: 'ACTION', value: (e) => e.action },
          { header: 'TARGET', value: (e) => `${e.targetType}${e.targetId ? `:${e.targetId}` : ''}` },
          { header: 'REASON', value: (e) => e.reason },
        ]),
      );
      if (cursor) await ctx.note(command, `more: --cursor ${cursor} (or --all)`);
    });
  examples(list, [
    ['aura audit list --since 24h', 'the last day'],
    ['aura audit list --actor-type system', 'what the autopilot and other system parts did'],
    ['aura -o json audit list --target-type rollout --target 0b6c… --all', 'a rollout’s whole history'],
  ]);
}
