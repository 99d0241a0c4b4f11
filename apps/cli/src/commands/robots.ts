import { RobotCredentialActionSchema, type RobotListSchema } from '@aura/core/schemas';
import { type Command, Option } from 'commander';
import type { z } from 'zod';
import { intArg, uuidArg } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit-codes.js';
import { examples } from '../help.js';
import { type Column, renderFields, renderTable, shortDate } from '../output/output.js';
import { resolveGroupId } from './lookups.js';
import { validate } from './validate.js';

type Robot = z.infer<typeof RobotListSchema>['items'][number];

const policyLabel = (p: { policyName: string; version: number; tau: number } | null | undefined) =>
  p ? `${p.policyName} v${p.version} (τ ${p.tau})` : null;

export const ROBOT_COLUMNS: Column<Robot>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'NAME', value: (r) => r.name },
  { header: 'STATUS', value: (r) => r.status },
  { header: 'LAST SEEN', value: (r) => shortDate(r.lastSeenAt) },
  { header: 'APPLIED', value: (r) => policyLabel(r.appliedPolicy) },
  {
    header: 'DESIRED',
    value: (r) =>
      r.desiredPolicyVersionId === r.appliedPolicyVersionId ? '=' : policyLabel(r.desiredPolicy),
  },
  {
    header: 'WEAR',
    value: (r) => (r.latestTelemetry ? `${(r.latestTelemetry.wearFraction * 100).toFixed(3)} %` : null),
  },
  { header: 'TAGS', value: (r) => r.tags.join(',') },
];

interface ListOptions {
  search?: string;
  group?: string;
  tag?: string;
  policyVersion?: string;
  status?: 'online' | 'offline';
  decommissioned: 'exclude' | 'include' | 'only';
  sort: 'name' | 'lastSeenAt' | 'enrolledAt';
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
  offset: number;
  all?: boolean;
}

/** `1,234` or `about 12,000` (the API's count is an estimate past 10,000 filtered matches). */
export const robotTotal = (total: number, exact: boolean) =>
  `${exact ? '' : 'about '}${total.toLocaleString('en-US')}`;

export function registerRobots(program: Command, ctx: CliContext) {
  const robots = program.command('robots').description('List, inspect and decommission robots');
  examples(robots, [
    ['aura robots list --group site-north', 'robots of a group'],
    ['aura robots get 6f1c…', 'one robot with its configs'],
  ]);

  const list = robots
    .command('list')
    .description('List robots, 50 a page (the API pages; --all fetches every page)')
    .option('-q, --search <text>', 'name contains')
    .option('--group <group>', 'group name or id')
    .option('--tag <tag>', 'robots with this tag')
    .option('--policy-version <id>', 'robots that applied this policy version', uuidArg('policy version'))
    .addOption(
      new Option('--status <status>', 'online (seen in the last 60 s) or offline').choices([
        'online',
        'offline',
      ]),
    )
    .addOption(
      new Option('--decommissioned <which>', 'decommissioned robots: left out, included, or only them')
        .choices(['exclude', 'include', 'only'])
        .default('exclude'),
    )
    .addOption(
      new Option('--sort <field>', 'sort by').choices(['name', 'lastSeenAt', 'enrolledAt']).default('name'),
    )
    .addOption(new Option('--order <order>', 'sort order').choices(['asc', 'desc']).default('asc'))
    .option('--limit <n>', 'robots per page (1-500)', intArg(1, 500), 50)
    .option(
      '--cursor <cursor>',
      'continue after the page that returned this nextCursor (same sort and order)',
    )
    .option('--offset <n>', 'skip this many robots (deprecated: use --cursor)', intArg(0, 1_000_000), 0)
    .option('--all', 'fetch every page (keyset paging: each page costs what the first does)')
    .action(async (opts: ListOptions, command: Command) => {
      if (opts.cursor && opts.offset > 0) throw new UsageError('--cursor and --offset cannot be combined');
      const api = await ctx.api(command);
      const groupId = opts.group ? await resolveGroupId(api, opts.group) : undefined;
      const query = {
        ...(opts.search ? { q: opts.search } : {}),
        ...(groupId ? { groupId } : {}),
        ...(opts.tag ? { tag: opts.tag } : {}),
        ...(opts.policyVersion ? { policyVersionId: opts.policyVersion } : {}),
        ...(opts.status ? { status: opts.status } : {}),
        decommissioned: opts.decommissioned,
        sort: opts.sort,
        order: opts.order,
      };
      const items: Robot[] = [];
      let cursor = opts.cursor;
      let total = 0;
      let totalExact = true;
      let nextCursor: string | undefined;
      // The first page by --offset (when given), every later one by the cursor of the one before.
      let offset = opts.offset;
      do {
        const paging = cursor ? { cursor } : offset > 0 ? { offset } : {};
        const page = await api.call(
          api.client.GET('/v1/robots', { params: { query: { ...query, limit: opts.limit, ...paging } } }),
        );
        items.push(...page.items);
        total = page.total;
        totalExact = page.totalExact;
        nextCursor = page.nextCursor;
        cursor = nextCursor;
        offset = 0;
      } while (opts.all && cursor);
      const result = { total, totalExact, offset: opts.offset, items, ...(nextCursor ? { nextCursor } : {}) };
      await ctx.print(command, result, (data) => renderTable(data.items, ROBOT_COLUMNS));
      if (nextCursor) {
        await ctx.note(
          command,
          `showing ${items.length} of ${robotTotal(total, totalExact)}; --cursor ${nextCursor} for the next page, or --all`,
        );
      }
    });
  examples(list, [
    ['aura robots list --status offline', 'robots not seen in the last minute'],
    ['aura robots list --decommissioned only', 'robots taken out of service'],
    ['aura robots list --group site-north --tag emmc --all', 'every page of a group, one tag'],
    ['aura robots list --sort lastSeenAt --cursor eyJ…', 'the next page: the cursor the last one gave'],
    ['aura -o json robots list --all | jq -r ".items[].id"', 'ids for a script'],
  ]);

  const get = robots
    .command('get')
    .description('Show one robot: status, policy applied and desired, latest telemetry, groups, last configs')
    .argument('<robot-id>', 'robot id', uuidArg('robot'))
    .action(async (id: string, _opts: unknown, command: Command) => {
      const api = await ctx.api(command);
      const robot = await api.call(api.client.GET('/v1/robots/{id}', { params: { path: { id } } }));
      await ctx.print(command, robot, (r) => {
        const t = r.latestTelemetry;
        const fields = renderFields([
          ['id', r.id],
          ['name', r.name],
          ['status', r.status],
          ['last seen', shortDate(r.lastSeenAt)],
          ['enrolled', shortDate(r.enrolledAt)],
          ['tags', r.tags.join(', ')],
          ['groups', r.groups.map((g) => g.name).join(', ')],
          ['applied', `${policyLabel(r.appliedPolicy) ?? '-'} (config v${r.appliedConfigVersion})`],
          ['desired', `${policyLabel(r.desiredPolicy) ?? '-'} (config v${r.desiredConfigVersion})`],
          ['rollout', r.desiredRolloutId],
          ['last seq', r.lastSeq],
          ['writes/step', t && t.steps > 0 ? (t.writes / t.steps).toFixed(4) : null],
          ['wear', t ? `${(t.wearFraction * 100).toFixed(4)} % (model)` : null],
          ['device wear', t?.deviceWear ? `${t.deviceWear.value} (${t.deviceWear.source})` : null],
        ]);
        const configs = renderTable(r.configs, [
          { header: 'CONFIG', value: (c) => `v${c.version}`, numeric: true },
          { header: 'POLICY', value: (c) => policyLabel(c.policyVersion) },
          { header: 'ROLLOUT', value: (c) => c.rolloutId },
          { header: 'ISSUED', value: (c) => shortDate(c.issuedAt) },
          { header: 'ACK', value: (c) => c.ackStatus },
          { header: 'ACKED', value: (c) => shortDate(c.ackedAt) },
        ]);
        return `${fields}\n${configs}`;
      });
    });
  examples(get, [['aura robots get 6f1c2d3e-…', 'one robot']]);

  const decommission = robots
    .command('decommission')
    .description(
      'Decommission a robot: its secret is refused from the next request on, on every API process (audited with the reason; repeating it changes nothing)',
    )
    .argument('<robot-id>', 'robot id', uuidArg('robot'))
    .requiredOption('--reason <text>', 'why (recorded in the audit log)')
    .action(async (id: string, opts: { reason: string }, command: Command) => {
      const body = validate(RobotCredentialActionSchema, { reason: opts.reason }, '--reason');
      const api = await ctx.api(command);
      const robot = await api.call(
        api.client.POST('/v1/robots/{id}/decommission', { params: { path: { id } }, body }),
      );
      await ctx.print(
        command,
        robot,
        (r) => `decommissioned robot ${r.name} (${r.id}) at ${shortDate(r.decommissionedAt)}\n`,
      );
    });
  examples(decommission, [
    ['aura robots decommission 6f1c… --reason "scrapped after the flood"', 'retire a robot'],
  ]);
}
