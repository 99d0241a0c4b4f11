import {
  CreatePolicySchema,
  PERSIST_MODES,
  type PolicyListSchema,
  PolicyVersionInputSchema,
  SetFleetDefaultSchema,
} from '@aura/core/schemas';
import { type Command, Option } from 'commander';
import type { z } from 'zod';
import { numberArg } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
import { examples } from '../help.js';
import { renderFields, renderTable, shortDate } from '../output/output.js';
import { resolvePolicyId, resolvePolicyVersionId } from './lookups.js';
import { validate } from './validate.js';

type Version = z.infer<typeof PolicyListSchema>['items'][number]['versions'][number];

const versionColumns = (defaultId: string | undefined) => [
  { header: 'VERSION', value: (v: Version) => `v${v.version}${v.id === defaultId ? ' (default)' : ''}` },
  { header: 'ID', value: (v: Version) => v.id },
  { header: 'TAU', value: (v: Version) => v.tau, numeric: true },
  { header: 'PERSIST', value: (v: Version) => v.persistMode },
  { header: 'APPLIED', value: (v: Version) => v.robots.applied, numeric: true },
  { header: 'DESIRED', value: (v: Version) => v.robots.desired, numeric: true },
  { header: 'CREATED', value: (v: Version) => shortDate(v.createdAt) },
  { header: 'NOTES', value: (v: Version) => v.notes },
];

const tauOption = () => new Option('--tau <tau>', 'gate threshold τ').argParser(numberArg(0, 1));
const persistOption = () =>
  new Option('--persist-mode <mode>', 'how the memory is persisted').choices(PERSIST_MODES);

export function registerPolicies(program: Command, ctx: CliContext) {
  const policies = program
    .command('policies')
    .description('Gate policies, their versions, and the fleet default');
  examples(policies, [
    ['aura policies list', 'every policy and version with robots on each'],
    ['aura policies version default --tau 0.55 --notes "fewer writes"', 'publish a version'],
  ]);

  const list = policies
    .command('list')
    .description(
      'Every policy with its versions (τ, persist mode, robots applied/desired); the fleet default marked',
    )
    .action(async (_opts: unknown, command: Command) => {
      const api = await ctx.api(command);
      const [list, fleetDefault] = await Promise.all([
        api.call(api.client.GET('/v1/policies')),
        api.call(api.client.GET('/v1/fleet/default-policy')),
      ]);
      const defaultId = fleetDefault.policyVersion?.id;
      await ctx.print(command, { ...list, defaultPolicyVersionId: defaultId ?? null }, (data) =>
        renderTable(
          data.items.flatMap((p) => p.versions.map((v) => ({ ...v, policy: p.name }))),
          [
            { header: 'POLICY', value: (v: Version & { policy: string }) => v.policy },
            ...versionColumns(defaultId),
          ],
        ),
      );
    });
  examples(list, [
    ['aura policies list', 'a table of every version'],
    ['aura -o json policies list', 'the API’s JSON plus defaultPolicyVersionId'],
  ]);

  const get = policies
    .command('get')
    .description('One policy and its versions')
    .argument('<policy>', 'policy name or id')
    .action(async (policy: string, _opts: unknown, command: Command) => {
      const api = await ctx.api(command);
      const id = await resolvePolicyId(api, policy);
      const [found, fleetDefault] = await Promise.all([
        api.call(api.client.GET('/v1/policies/{id}', { params: { path: { id } } })),
        api.call(api.client.GET('/v1/fleet/default-policy')),
      ]);
      await ctx.print(command, found, (p) =>
        [
          renderFields([
            ['id', p.id],
            ['name', p.name],
            ['description', p.description],
            ['created', shortDate(p.createdAt)],
          ]),
          renderTable(p.versions, versionColumns(fleetDefault.policyVersion?.id)),
        ].join('\n'),
      );
    });
  examples(get, [
    ['aura policies get default', 'by name'],
    ['aura policies get 3f2a…', 'by id'],
  ]);

  const create = policies
    .command('create')
    .description('Create a policy with its version 1')
    .requiredOption('--name <name>', 'lowercase letters, digits, . _ - (1-100)')
    .addOption(tauOption().makeOptionMandatory())
    .addOption(persistOption())
    .option('--description <text>', 'what the policy is for')
    .option('--notes <text>', 'notes on version 1')
    .action(
      async (
        opts: { name: string; tau: number; persistMode?: string; description?: string; notes?: string },
        command: Command,
      ) => {
        const body = validate(
          CreatePolicySchema,
          {
            name: opts.name,
            tau: opts.tau,
            ...(opts.persistMode ? { persistMode: opts.persistMode } : {}),
            ...(opts.description ? { description: opts.description } : {}),
            ...(opts.notes ? { notes: opts.notes } : {}),
          },
          'policy',
        );
        const api = await ctx.api(command);
        const created = await api.call(api.client.POST('/v1/policies', { body }));
        await ctx.print(
          command,
          created,
          (p) => `created policy ${p.name} (${p.id}), version 1: ${p.versions[0]?.id ?? '-'}\n`,
        );
      },
    );
  examples(create, [
    ['aura policies create --name night-shift --tau 0.6 --persist-mode delta-log', 'a new policy'],
  ]);

  const version = policies
    .command('version')
    .description('Publish a new version of a policy (versions are immutable)')
    .argument('<policy>', 'policy name or id')
    .addOption(tauOption().makeOptionMandatory())
    .addOption(persistOption())
    .option('--notes <text>', 'what changed and why')
    .action(
      async (
        policy: string,
        opts: { tau: number; persistMode?: string; notes?: string },
        command: Command,
      ) => {
        const body = validate(
          PolicyVersionInputSchema,
          {
            tau: opts.tau,
            ...(opts.persistMode ? { persistMode: opts.persistMode } : {}),
            ...(opts.notes ? { notes: opts.notes } : {}),
          },
          'policy version',
        );
        const api = await ctx.api(command);
        const id = await resolvePolicyId(api, policy);
        const created = await api.call(
          api.client.POST('/v1/policies/{id}/versions', { params: { path: { id } }, body }),
        );
        await ctx.print(command, created, (v) => `published v${v.version} (${v.id}), τ ${v.tau}\n`);
      },
    );
  examples(version, [['aura policies version default --tau 0.55 --notes "fewer writes"', 'publish v(n+1)']]);

  const setDefault = policies
    .command('set-default')
    .description(
      'Make a policy version the fleet default: every robot no rollout holds moves to it (audited)',
    )
    .argument('<version>', 'policy version id, or name@version (default@2; a name alone = its latest)')
    .requiredOption('--reason <text>', 'why (recorded in the audit log)')
    .action(async (version: string, opts: { reason: string }, command: Command) => {
      validate(SetFleetDefaultSchema.pick({ reason: true }), { reason: opts.reason }, 'arguments');
      const api = await ctx.api(command);
      const policyVersionId = await resolvePolicyVersionId(api, version);
      const result = await api.call(
        api.client.PUT('/v1/fleet/default-policy', { body: { policyVersionId, reason: opts.reason } }),
      );
      await ctx.print(
        command,
        result,
        (r) =>
          `fleet default is now v${r.policyVersion.version} (${r.policyVersion.id}, τ ${r.policyVersion.tau}); ${r.robotsMoved} robots moved\n`,
      );
    });
  examples(setDefault, [
    ['aura policies set-default default@3 --reason "v3 passed its rollout"', 'by name@version'],
    ['aura policies set-default 8d0e… --reason "roll back"', 'by version id'],
  ]);
}
