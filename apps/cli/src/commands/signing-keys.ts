import { PlanConfigSigningKeyRetirementSchema } from '@aura/core/schemas';
import { type Command, Option } from 'commander';
import { durationArg, instantArg, uuidArg } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit-codes.js';
import { examples } from '../help.js';
import { renderTable, shortDate } from '../output/output.js';
import { validate } from './validate.js';

/**
 * Config-signing keys (admins): list them with their planned retirement, and plan or clear one
 * (`signing_key_retirement` alert rules remind people before it; docs/alerts.md). Rotation itself stays
 * in the API and dashboard (docs/api.md, "Signing keys").
 */
export function registerSigningKeys(program: Command, ctx: CliContext) {
  const keys = program
    .command('signing-keys')
    .description(
      'Config-signing keys (admins): list them with their state and planned retirement; plan or clear a retirement',
    );
  examples(keys, [
    ['aura signing-keys list', 'every key, its state and planned retirement'],
    ['aura signing-keys plan-retirement 3f1e… --in 90d --reason "yearly rotation"', 'alert rules remind you'],
  ]);

  const list = keys
    .command('list')
    .description('Config-signing keys (public halves only), their state and planned retirement')
    .action(async (_opts: unknown, command: Command) => {
      const api = await ctx.api(command);
      const result = await api.call(api.client.GET('/v1/config-signing-keys'));
      await ctx.print(command, result, (data) =>
        renderTable(data.items, [
          { header: 'ID', value: (k) => k.id },
          { header: 'KEY ID', value: (k) => k.keyId },
          { header: 'STATE', value: (k) => k.status },
          { header: 'STORAGE', value: (k) => k.storage },
          { header: 'CREATED', value: (k) => shortDate(k.createdAt) },
          {
            header: 'PLANNED RETIREMENT',
            value: (k) => (k.plannedRetirementAt ? shortDate(k.plannedRetirementAt) : '-'),
          },
        ]),
      );
    });
  examples(list, [['aura -o json signing-keys list', 'with the newest key set']]);

  const plan = keys
    .command('plan-retirement')
    .description(
      'Plan when a trusted key should retire (a reminder for alert rules; nothing retires it by itself), or clear the plan',
    )
    .argument(
      '<key>',
      'config-signing key id (the uuid of `signing-keys list`)',
      uuidArg('config-signing key'),
    )
    .addOption(
      new Option('--at <time>', 'at this time: 2027-03-01T00:00:00Z or 2027-03-01 (midnight UTC)').argParser(
        instantArg(() => ctx.now()),
      ),
    )
    .addOption(new Option('--in <duration>', 'this long from now: 90d, 12w').argParser(durationArg))
    .option('--clear', 'no retirement planned any more')
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .action(
      async (
        id: string,
        opts: { at?: string; in?: number; clear?: boolean; reason: string },
        command: Command,
      ) => {
        const given = [opts.at !== undefined, opts.in !== undefined, opts.clear === true].filter(
          Boolean,
        ).length;
        if (given !== 1) throw new UsageError('must give exactly one of --at, --in or --clear');
        const plannedRetirementAt = opts.clear
          ? null
          : opts.in !== undefined
            ? new Date(ctx.now() + opts.in).toISOString()
            : (opts.at ?? null);
        const body = validate(
          PlanConfigSigningKeyRetirementSchema,
          { plannedRetirementAt, reason: opts.reason },
          'planned retirement',
        );
        const api = await ctx.api(command);
        const key = await api.call(
          api.client.PUT('/v1/config-signing-keys/{id}/planned-retirement', {
            params: { path: { id } },
            body,
          }),
        );
        await ctx.print(command, key, (k) =>
          k.plannedRetirementAt
            ? `signing key ${k.keyId}: retirement planned for ${k.plannedRetirementAt}\n`
            : `signing key ${k.keyId}: no retirement planned\n`,
        );
      },
    );
  examples(plan, [
    ['aura signing-keys plan-retirement 3f1e… --at 2027-03-01 --reason "yearly rotation"', 'midnight UTC'],
    ['aura signing-keys plan-retirement 3f1e… --in 90d --reason "rotate quarterly"', '90 days from now'],
    ['aura signing-keys plan-retirement 3f1e… --clear --reason "kept for now"', 'no plan any more'],
  ]);
}
