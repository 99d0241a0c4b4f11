import {
  CreateRolloutSchema,
  ROLLOUT_STATUSES,
  ROLLOUT_VERBS,
  type RolloutListSchema,
  type RolloutPreview,
  type RolloutSpec,
  RolloutSpecSchema,
  type RolloutVerb,
  RolloutVerbRequestSchema,
  WINDOW_MINUTES,
} from '@aura/core/schemas';
import { type Command, Option } from 'commander';
import type { z } from 'zod';
import { collect, durationArg, intArg, uuidArg } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit-codes.js';
import { examples } from '../help.js';
import { renderFields, renderTable, shortDate } from '../output/output.js';
import { readInputFile } from '../spec/read-input-file.js';
import { resolvePolicyVersionId } from './lookups.js';
import { registerRolloutStatus, renderRolloutDetail } from './rollout-status.js';
import { validate } from './validate.js';

type Rollout = z.infer<typeof RolloutListSchema>['items'][number];
type Preview = RolloutPreview;

const VERB_HELP: Record<RolloutVerb, string> = {
  start: 'Start a draft rollout: its first step switches (within the rate limit and apply window)',
  pause: 'Pause a running rollout: no further step starts; robots switched stay where they are',
  resume: 'Resume a paused rollout',
  promote: 'Promote a running rollout: skip the current bake and move on to the next step now',
  abort: 'Abort a rollout: every switched robot is reverted to its previous policy version',
};

/** `--agent-versions`, `--arch`, `--flash-kind` go into spec.target (replacing the file's values). */
function withTargetFilters(
  body: unknown,
  opts: { agentVersions?: string; arch?: string[]; flashKind?: string[] },
): unknown {
  const filters = {
    ...(opts.agentVersions !== undefined ? { agentVersions: opts.agentVersions } : {}),
    ...(opts.arch ? { arch: opts.arch } : {}),
    ...(opts.flashKind ? { flashKinds: opts.flashKind } : {}),
  };
  if (Object.keys(filters).length === 0) return body;
  const spec = (body as { spec?: unknown }).spec;
  if (typeof spec !== 'object' || spec === null) return body;
  const target = (spec as { target?: unknown }).target;
  return {
    ...(body as object),
    spec: {
      ...spec,
      target: { ...(typeof target === 'object' && target !== null ? target : {}), ...filters },
    },
  };
}

export function renderPreview(preview: Preview): string {
  const head = renderFields([
    ['robots targeted', preview.targets],
    ...(preview.unreported + preview.notMatching > 0
      ? [
          [
            'left out by agent filters',
            `${preview.unreported} never reported, ${preview.notMatching} other agent version or hardware`,
          ] as [string, string],
        ]
      : []),
    ['new τ', preview.policyVersion.tau],
    [
      'model',
      `${preview.model.version} (${preview.model.task}); write rate at new τ ${preview.model.writeRateAtNewTau.toFixed(4)}` +
        (preview.model.successAtNewTau === null
          ? ''
          : `, episode success ${(100 * preview.model.successAtNewTau).toFixed(1)} %`),
    ],
    [
      'predicted from',
      preview.model.prediction === 'tau-curve'
        ? "the model's τ curve"
        : `a simulation of the model at both τ (writes only: ${preview.model.predictionNote ?? 'no τ curve'})`,
    ],
    ['window', `${preview.windowMinutes} min of telemetry`],
    ['flash-life target', `${preview.lifeTargetDays} days`],
    ['without telemetry', preview.robotsWithoutData],
    [
      'cohorts',
      preview.cohortsProvisional ? 'provisional (the rollout id decides the real ones)' : 'as they will run',
    ],
  ]);
  const days = (d: number | null) => (d === null ? 'unbounded' : `${Math.round(d)} d`);
  const pct = (x: number | null) => (x === null ? undefined : `${(100 * x).toFixed(1)} %`);
  const points = (x: number | null) =>
    x === null ? undefined : `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} points`;
  const cohorts = renderTable(preview.cohorts, [
    { header: 'STEP', value: (c) => c.step + 1, numeric: true },
    { header: 'PERCENT', value: (c) => `${c.percent} %`, numeric: true },
    { header: 'ROBOTS', value: (c) => c.robots, numeric: true },
    { header: 'WITH DATA', value: (c) => c.withData, numeric: true },
    { header: 'WRITES/STEP NOW', value: (c) => c.currentWritesPerStep?.toFixed(4), numeric: true },
    { header: 'PREDICTED', value: (c) => c.predictedWritesPerStep?.toFixed(4), numeric: true },
    { header: 'MODEL SUCCESS NOW', value: (c) => pct(c.currentSuccess), numeric: true },
    { header: 'AT NEW τ', value: (c) => pct(c.predictedSuccess), numeric: true },
    { header: 'CHANGE', value: (c) => points(c.predictedSuccessChange), numeric: true },
    { header: 'MEDIAN LIFE', value: (c) => days(c.medianProjectedLifeDays), numeric: true },
    { header: 'SHORTEST', value: (c) => days(c.minProjectedLifeDays), numeric: true },
    { header: 'BELOW TARGET', value: (c) => c.belowTarget, numeric: true },
  ]);
  return `${head}\n${cohorts}`;
}

/** The body of `rollouts create`: `{name, spec}` from the file, or a bare spec with --name. */
function createBody(file: unknown, name: string | undefined): unknown {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw new UsageError(
      'the spec file must hold an object: {"name": …, "spec": {…}} or a bare spec with --name',
    );
  }
  const record = file as Record<string, unknown>;
  if ('spec' in record) return { ...record, ...(name ? { name } : {}) };
  if (!name)
    throw new UsageError(
      'the file holds a bare spec: give the rollout a --name (or wrap it as {"name", "spec"})',
    );
  return { name, spec: record };
}

export function registerRollouts(program: Command, ctx: CliContext) {
  const rollouts = program
    .command('rollouts')
    .description(
      'Staged rollouts of a policy version: create, preview, start and steer, watch (docs/rollouts.md)',
    );
  examples(rollouts, [
    ['aura rollouts create -f rollout.json --start --reason "model 2026-12"', 'create and start'],
    [
      'aura rollouts status 0b6c… --watch',
      'follow it to the end (exit 0 succeeded, 10 rolled back, 11 aborted)',
    ],
  ]);

  const list = rollouts
    .command('list')
    .description('Rollouts, newest first: status, policy version, step, who created them')
    .addOption(new Option('--status <status>', 'only rollouts in this status').choices(ROLLOUT_STATUSES))
    .option('--limit <n>', 'rollouts per page (1-200)', intArg(1, 200), 50)
    .option('--offset <n>', 'skip this many', intArg(0, 1_000_000), 0)
    .option('--all', 'fetch every page')
    .action(
      async (
        opts: { status?: (typeof ROLLOUT_STATUSES)[number]; limit: number; offset: number; all?: boolean },
        command: Command,
      ) => {
        const api = await ctx.api(command);
        const items: Rollout[] = [];
        let offset = opts.offset;
        let total = 0;
        do {
          const page = await api.call(
            api.client.GET('/v1/rollouts', {
              params: {
                query: { ...(opts.status ? { status: opts.status } : {}), limit: opts.limit, offset },
              },
            }),
          );
          items.push(...page.items);
          total = page.total;
          offset += page.items.length;
          if (page.items.length === 0) break;
        } while (opts.all && offset < total);
        await ctx.print(command, { total, offset: opts.offset, items }, (data) =>
          renderTable(data.items, [
            { header: 'ID', value: (r) => r.id },
            { header: 'NAME', value: (r) => r.name },
            { header: 'STATUS', value: (r) => r.status },
            { header: 'STEP', value: (r) => `${r.currentStep + 1}/${r.spec.steps.length}` },
            { header: 'POLICY VERSION', value: (r) => r.policyVersionId },
            { header: 'CREATED', value: (r) => shortDate(r.createdAt) },
            { header: 'BY', value: (r) => r.createdByName ?? 'system' },
            { header: 'ENDED', value: (r) => shortDate(r.endedAt) },
          ]),
        );
        if (items.length < total) {
          await ctx.note(
            command,
            `showing ${opts.offset + 1}-${opts.offset + items.length} of ${total}; --offset ${opts.offset + items.length} for more, or --all`,
          );
        }
      },
    );
  examples(list, [
    ['aura rollouts list --status running', 'what is rolling out now'],
    ['aura -o json rollouts list --all', 'every rollout as JSON'],
  ]);

  const get = rollouts
    .command('get')
    .description('One rollout: status and reason, spec, per-step robot states, verdicts, reverts')
    .argument('<rollout-id>', 'rollout id', uuidArg('rollout'))
    .action(async (id: string, _opts: unknown, command: Command) => {
      const api = await ctx.api(command);
      const rollout = await api.call(api.client.GET('/v1/rollouts/{id}', { params: { path: { id } } }));
      await ctx.print(command, rollout, renderRolloutDetail);
    });
  examples(get, [['aura rollouts get 0b6c…', 'the whole picture once']]);

  const create = rollouts
    .command('create')
    .description(
      'Create a draft rollout from a spec file ({"name", "spec"} or a bare spec with --name; JSON, or YAML by extension; - reads stdin). ' +
        'The spec is checked against the API’s schema before it is sent.',
    )
    .requiredOption('-f, --file <file>', 'spec file (docs/rollouts.md, "Spec")')
    .option('--name <name>', 'rollout name (overrides the file’s)')
    .option(
      '--policy-version <version>',
      'policy version id or name@version (overrides spec.policyVersionId)',
    )
    .option(
      '--agent-versions <range>',
      'only robots whose agent version satisfies this semver range (sets spec.target.agentVersions)',
    )
    .option(
      '--arch <arch>',
      'only robots of this architecture, repeatable: arm64, x64, arm (sets spec.target.arch)',
      collect,
    )
    .option(
      '--flash-kind <kind>',
      'only robots on this flash kind, repeatable: emmc, nvme, sd, ssd, other (sets spec.target.flashKinds)',
      collect,
    )
    .option('--start', 'start it right after creating it (needs --reason)')
    .option('--reason <text>', 'why, with --start (audited)')
    .action(
      async (
        opts: {
          file: string;
          name?: string;
          policyVersion?: string;
          agentVersions?: string;
          arch?: string[];
          flashKind?: string[];
          start?: boolean;
          reason?: string;
        },
        command: Command,
      ) => {
        if (opts.start && !opts.reason) throw new UsageError('--start needs a --reason (it is audited)');
        const body = withTargetFilters(
          createBody(await readInputFile(opts.file, ctx.readStdin), opts.name),
          opts,
        ) as {
          spec?: Record<string, unknown>;
        };
        // Validate everything before any request; a policy version given by name is resolved after.
        const placeholder = '00000000-0000-4000-8000-000000000000';
        const withVersion =
          opts.policyVersion && typeof body.spec === 'object' && body.spec !== null
            ? { ...body, spec: { ...body.spec, policyVersionId: placeholder } }
            : body;
        validate(CreateRolloutSchema, withVersion, `rollout spec in ${opts.file}`);
        if (opts.reason !== undefined)
          validate(RolloutVerbRequestSchema, { reason: opts.reason }, '--reason');
        const api = await ctx.api(command);
        const final = opts.policyVersion
          ? {
              ...(withVersion as object),
              spec: {
                ...(withVersion as { spec: object }).spec,
                policyVersionId: await resolvePolicyVersionId(api, opts.policyVersion),
              },
            }
          : body;
        const parsed = validate(CreateRolloutSchema, final, `rollout spec in ${opts.file}`);
        const created = await api.call(api.client.POST('/v1/rollouts', { body: parsed }));
        let status = created.status;
        if (opts.start) {
          const started = await api.call(
            api.client.POST('/v1/rollouts/{id}/start', {
              params: { path: { id: created.id } },
              body: { reason: opts.reason! },
            }),
          );
          status = started.status;
        }
        await ctx.print(
          command,
          { ...created, status },
          (r) => `created rollout ${r.name} (${r.id}) over ${r.targets} robots: ${r.status}\n`,
        );
      },
    );
  examples(create, [
    ['aura rollouts create -f rollout.json', 'a draft to preview and start later'],
    [
      'aura rollouts create -f rollout.json --agent-versions ">=0.4.0" --arch arm64',
      'only arm64 robots running agent 0.4.0 or later (robots that never reported are left out)',
    ],
    [
      'aura rollouts create -f spec.yaml --name nightly --policy-version default@4 --start --reason "CI #812"',
      'from CI',
    ],
  ]);

  const preview = rollouts
    .command('preview')
    .description(
      'Predicted impact per cohort (writes per step now and under the new τ, projected flash life, robots below the target) — of a draft by id, or of a spec file',
    )
    .argument('[rollout-id]', 'a created rollout (its real cohorts)', uuidArg('rollout'))
    .option('-f, --file <file>', 'a spec file instead of a rollout id')
    .addOption(
      new Option('--window <duration>', `telemetry window to predict from (${WINDOW_MINUTES.min}m to 7d)`)
        .argParser(durationArg)
        .default(WINDOW_MINUTES.default * 60_000, `${WINDOW_MINUTES.default}m`),
    )
    .action(async (id: string | undefined, opts: { file?: string; window: number }, command: Command) => {
      if (Boolean(id) === Boolean(opts.file))
        throw new UsageError('give a rollout id or -f FILE (one of them)');
      const windowMinutes = Math.round(opts.window / 60_000);
      if (windowMinutes < WINDOW_MINUTES.min || windowMinutes > WINDOW_MINUTES.max) {
        throw new UsageError(`--window must be from ${WINDOW_MINUTES.min}m to 7d`);
      }
      let spec: unknown;
      if (opts.file) {
        const file = await readInputFile(opts.file, ctx.readStdin);
        const candidate =
          typeof file === 'object' && file !== null && 'spec' in file
            ? (file as { spec: unknown }).spec
            : file;
        spec = validate(RolloutSpecSchema, candidate, `rollout spec in ${opts.file}`);
      }
      const api = await ctx.api(command);
      const result = id
        ? await api.call(
            api.client.POST('/v1/rollouts/{id}/preview', {
              params: { path: { id } },
              body: { windowMinutes },
            }),
          )
        : await api.call(
            api.client.POST('/v1/rollouts/preview', {
              body: { spec: spec as RolloutSpec, windowMinutes },
            }),
          );
      await ctx.print(command, result, renderPreview);
    });
  examples(preview, [
    ['aura rollouts preview 0b6c…', 'a draft’s real cohorts over the last hour'],
    ['aura rollouts preview -f rollout.json --window 24h', 'a spec before creating it, over a day'],
  ]);

  for (const verb of ROLLOUT_VERBS) {
    const command = rollouts
      .command(verb)
      .description(`${VERB_HELP[verb]} (audited with the reason)`)
      .argument('<rollout-id>', 'rollout id', uuidArg('rollout'))
      .requiredOption('--reason <text>', 'why (recorded in the audit log)')
      .action(async (id: string, opts: { reason: string }, cmd: Command) => {
        const body = validate(RolloutVerbRequestSchema, { reason: opts.reason }, '--reason');
        const api = await ctx.api(cmd);
        const result = await api.call(
          api.client.POST(`/v1/rollouts/{id}/${verb}`, { params: { path: { id } }, body }),
        );
        await ctx.print(
          cmd,
          result,
          (r) => `${verb}: rollout ${r.id} is ${r.status}${r.statusReason ? ` (${r.statusReason})` : ''}\n`,
        );
      });
    examples(command, [
      [`aura rollouts ${verb} 0b6c… --reason "…"`, VERB_HELP[verb].split(':')[0]!.toLowerCase()],
    ]);
  }

  registerRolloutStatus(rollouts, ctx);
}
