import { RobotCredentialActionSchema, type RobotListSchema } from '@aura/core/schemas';
import { type Command, Option } from 'commander';
import type { z } from 'zod';
import { intArg, uuidArg } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
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
  offset: number;
  all?: boolean;
}

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
    .option('--offset <n>', 'skip this many robots', intArg(0, 1_000_000), 0)
    .option('--all', 'fetch every page')
    .action(async (opts: ListOptions, command: Command) => {
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
      let offset = opts.offset;
      const items: Robot[] = [];
      let total = 0;
      do {
        const page = await api.call(
          api.client.GET('/v1/robots', { params: { query: { ...query, limit: opts.limit, offset } } }),
        );
        items.push(...page.items);
        total = page.total;
        offset += page.items.length;
        if (page.items.length === 0) break;
      } while (opts.all && offset < total);
      await ctx.print(command, { total, offset: opts.offset, items }, (data) =>
        renderTable(data.items, ROBOT_COLUMNS),
      );
      if (items.length < total) {
        await ctx.note(
          command,
          `showing ${opts.offset + 1}-${opts.offset + items.length} of ${total}; --offset ${opts.offset + items.length} for more, or --all`,
        );
      }
    });
  examples(list, [
    ['aura robots list --status offline', 'robots not seen in the last minute'],
    ['aura robots list --decommissioned only', 'robots taken out of service'],
    ['aura robots list --group site-north --tag emmc --all', 'every page of a group, one tag'],
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
