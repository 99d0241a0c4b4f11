import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { TELEMETRY_EXPORT_COLUMNS, TELEMETRY_EXPORT_PAGE } from '@aura/core/schemas';
import { type Command, Option } from 'commander';
import { instantArg, intArg, uuidArg } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
import { CliError, EXIT, UsageError } from '../exit-codes.js';
import { examples } from '../help.js';
import { csvField, write } from '../output/output.js';
import { resolveGroupId } from './lookups.js';

interface ExportOptions {
  robot?: string;
  group?: string;
  since: string;
  until?: string;
  format: 'csv' | 'ndjson';
  out?: string;
  pageSize: number;
}

export function registerTelemetry(program: Command, ctx: CliContext) {
  const telemetry = program.command('telemetry').description('Telemetry: export raw records for analysis');
  examples(telemetry, [
    ['aura telemetry export --group site-north --since 7d > north.csv', 'a week of a group'],
  ]);

  const exportCommand = telemetry
    .command('export')
    .description(
      'Stream raw telemetry records (one per window: steps, writes, τ, flash bytes, wear, episodes, latency) of a robot, ' +
        'a group or the whole fleet as CSV or NDJSON, paged through the API: memory stays flat however large the export.',
    )
    .option('--robot <robot-id>', 'one robot', uuidArg('robot'))
    .option('--group <group>', 'a group (name or id)')
    .requiredOption(
      '--since <when>',
      'windows starting at or after: ISO date-time, date, or a time ago (24h, 7d)',
      instantArg(ctx.now),
    )
    .option('--until <when>', 'windows starting before (default: now)', instantArg(ctx.now))
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'ndjson']).default('csv'))
    .option('--out <file>', 'write to this file instead of stdout')
    .option(
      '--page-size <n>',
      `records per API request (1-${TELEMETRY_EXPORT_PAGE.max})`,
      intArg(1, TELEMETRY_EXPORT_PAGE.max),
      TELEMETRY_EXPORT_PAGE.default,
    )
    .action(async (opts: ExportOptions, command: Command) => {
      if (opts.robot && opts.group)
        throw new UsageError('give --robot or --group, not both (neither: the whole fleet)');
      if (opts.until && Date.parse(opts.until) <= Date.parse(opts.since)) {
        throw new UsageError(`--until (${opts.until}) must be after --since (${opts.since})`);
      }
      const api = await ctx.api(command);
      const groupId = opts.group ? await resolveGroupId(api, opts.group) : undefined;
      const target: Writable = opts.out ? createWriteStream(opts.out, { mode: 0o644 }) : ctx.io.stdout;
      let records = 0;
      let pages = 0;
      try {
        if (opts.format === 'csv') await write(target, `${TELEMETRY_EXPORT_COLUMNS.join(',')}\n`);
        let cursor: string | undefined;
        do {
          const page = await api.call(
            api.client.GET('/v1/telemetry/export', {
              params: {
                query: {
                  since: opts.since,
                  ...(opts.until ? { until: opts.until } : {}),
                  ...(opts.robot ? { robotId: opts.robot } : {}),
                  ...(groupId ? { groupId } : {}),
                  ...(cursor ? { cursor } : {}),
                  limit: opts.pageSize,
                },
              },
            }),
          );
          pages++;
          let chunk = '';
          for (const record of page.items) {
            chunk +=
              opts.format === 'csv'
                ? `${TELEMETRY_EXPORT_COLUMNS.map((column) => csvField(record[column])).join(',')}\n`
                : `${JSON.stringify(record)}\n`;
          }
          records += page.items.length;
          await write(target, chunk);
          cursor = page.nextCursor;
        } while (cursor);
      } finally {
        if (opts.out) {
          await new Promise<void>((resolve, reject) =>
            target.end((error?: Error | null) => (error ? reject(error) : resolve())),
          ).catch((error: Error) => {
            throw new CliError(`cannot write ${opts.out}: ${error.message}`, EXIT.failure);
          });
        }
      }
      await ctx.err(`exported ${records} records in ${pages} page(s)${opts.out ? ` to ${opts.out}` : ''}\n`);
    });
  examples(exportCommand, [
    ['aura telemetry export --robot 6f1c… --since 24h > robot.csv', 'a day of one robot'],
    [
      'aura telemetry export --group site-north --since 2026-11-01 --until 2026-11-08 --format ndjson --out week.ndjson',
      'a week of a group',
    ],
    ['aura telemetry export --since 1h | wc -l', 'the whole fleet, last hour'],
  ]);
}
