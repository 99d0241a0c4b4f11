import { ROLLOUT_ROBOT_STATES, type RolloutDetail } from '@aura/core/schemas';
import { type Command, Option } from 'commander';
import { durationArg, uuidArg } from '../args/parse-args.js';
import type { CliContext } from '../context.js';
import { CliError, EXIT, type ExitCode } from '../exit-codes.js';
import { examples } from '../help.js';
import { renderFields, renderTable, shortDate } from '../output/output.js';

type Detail = RolloutDetail;
type Verdict = Detail['verdicts'][number];

/** The exit code a rollout's status stands for (docs/cli.md, "Exit codes"). */
export function exitCodeForStatus(status: Detail['status']): ExitCode | undefined {
  switch (status) {
    case 'succeeded':
      return EXIT.ok;
    case 'rolled_back':
      return EXIT.rolledBack;
    case 'aborted':
      return EXIT.aborted;
    default:
      return undefined;
  }
}

const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '-' : `${(value * 100).toFixed(1)} %`;

/** `applied 3, pending 1` — a step's robots by state, in lifecycle order, zeros left out. */
export function stateCounts(robots: Detail['steps'][number]['robots']): string {
  const parts = ROLLOUT_ROBOT_STATES.filter((state) => (robots[state] ?? 0) > 0).map(
    (state) => `${state.replace('_', ' ')} ${robots[state]}`,
  );
  return parts.join(', ') || 'no robots';
}

export function describeVerdict(v: Verdict): string {
  const n = v.numbers;
  return (
    `step ${v.stepIndex + 1} ${v.result.toUpperCase()} vs ${v.comparison}: ${v.reason} ` +
    `(write rate ${n.writeRateIncrease === null ? '-' : `${n.writeRateIncrease >= 0 ? '+' : ''}${(n.writeRateIncrease * 100).toFixed(1)} %`}, ` +
    `success drop ${pct(n.successRateDrop)}, reporting ${n.cohort.reporting}/${n.cohort.robots}, unreachable ${n.unreachable})`
  );
}

export function renderRolloutDetail(r: Detail): string {
  const spec = r.spec;
  const fields = renderFields([
    ['id', r.id],
    ['name', r.name],
    ['status', `${r.status}${r.statusReason ? ` — ${r.statusReason}` : ''}`],
    ['policy version', r.policyVersionId],
    [
      'step',
      `${r.currentStep + 1} of ${spec.steps.length}${r.stepStartedAt ? ` (since ${shortDate(r.stepStartedAt)})` : ''}`,
    ],
    [
      'targets',
      `groups ${spec.target.groupIds.length}, tags ${spec.target.tags.join(',') || '-'}, robots ${spec.target.robotIds.length}`,
    ],
    ['on failure', spec.onFailure],
    ['rate limit', spec.rateLimitPerMinute ? `${spec.rateLimitPerMinute} robots/min` : 'none'],
    ['apply window', spec.applyWindow ? `${spec.applyWindow.start}-${spec.applyWindow.end} UTC` : 'any time'],
    ['created', `${shortDate(r.createdAt)} by ${r.createdByName ?? 'system'}`],
    ['started', shortDate(r.startedAt)],
    ['ended', shortDate(r.endedAt)],
    ['reverted', r.revert.reverted > 0 ? `${r.revert.reverted} (confirmed ${r.revert.confirmed})` : '-'],
  ]);
  const steps = renderTable(r.steps, [
    { header: 'STEP', value: (s) => `${s.index + 1}${s.index === r.currentStep && r.startedAt ? ' *' : ''}` },
    { header: 'PERCENT', value: (s) => `${s.percent} %`, numeric: true },
    { header: 'BAKE', value: (s) => `${s.bakeSeconds} s`, numeric: true },
    { header: 'ROBOTS', value: (s) => stateCounts(s.robots) },
  ]);
  const verdicts = r.verdicts.length
    ? `\nVerdicts:\n${r.verdicts.map((v) => `  ${shortDate(v.createdAt)}  ${describeVerdict(v)}`).join('\n')}\n`
    : '';
  return `${fields}\n${steps}${verdicts}`;
}

/** One line per change while watching: time, status, step, robot states of the current step. */
function watchLine(r: Detail, at: number): string {
  const step = r.steps[r.currentStep];
  const time = new Date(at).toISOString().slice(11, 19);
  return `${time}  ${r.status.padEnd(11)}  step ${r.currentStep + 1}/${r.steps.length}${step ? ` (${step.percent} %)` : ''}  ${step ? stateCounts(step.robots) : ''}${r.statusReason && r.status !== 'running' ? `  — ${r.statusReason}` : ''}`;
}

interface StatusOptions {
  watch?: boolean;
  interval: number;
  timeout?: number;
  exitOnPause?: boolean;
}

export function registerRolloutStatus(rollouts: Command, ctx: CliContext) {
  const status = rollouts
    .command('status')
    .description(
      'A rollout’s live step, per-robot states and verdicts. With --watch, follows it until it ends: ' +
        'exit 0 when it succeeded, 10 rolled back, 11 aborted (12 paused with --exit-on-pause, 13 on --timeout). ' +
        'Without --watch the exit code says the same of a rollout that has ended, 0 otherwise.',
    )
    .argument('<rollout-id>', 'rollout id', uuidArg('rollout'))
    .option('-w, --watch', 'follow the rollout until it ends')
    .addOption(
      new Option('--interval <duration>', 'how often to look while watching')
        .argParser(durationArg)
        .default(2_000, '2s'),
    )
    .option('--timeout <duration>', 'give up watching after this long (exit 13)', durationArg)
    .option(
      '--exit-on-pause',
      'stop watching when the rollout pauses (exit 12), e.g. a failed gate with onFailure: pause',
    )
    .action(async (id: string, opts: StatusOptions, command: Command) => {
      const api = await ctx.api(command);
      const json = ctx.globals(command).output === 'json';
      const fetchDetail = () => api.call(api.client.GET('/v1/rollouts/{id}', { params: { path: { id } } }));
      let detail = await fetchDetail();
      if (!opts.watch) {
        await ctx.print(command, detail, renderRolloutDetail);
        ctx.exitCode = exitCodeForStatus(detail.status) ?? EXIT.ok;
        return;
      }
      // While watching, a blip (API restarting, network) is waited out: up to 5 failed polls in a row.
      let failures = 0;
      const fetchAgain = async (previous: Detail): Promise<Detail> => {
        try {
          const next = await fetchDetail();
          failures = 0;
          return next;
        } catch (error) {
          if (!(error instanceof CliError) || error.exitCode !== EXIT.unreachable || ++failures > 5)
            throw error;
          await ctx.err(`aura: ${error.message}; retrying (${failures}/5)\n`);
          return previous;
        }
      };
      const started = ctx.now();
      let lastLine = '';
      const seenVerdicts = new Set<string>();
      for (;;) {
        if (json) {
          await ctx.out(`${JSON.stringify(detail)}\n`);
        } else {
          const line = watchLine(detail, ctx.now());
          // Times change every poll; print only when something else did.
          if (line.slice(10) !== lastLine.slice(10)) await ctx.out(`${line}\n`);
          lastLine = line;
          for (const verdict of detail.verdicts) {
            if (seenVerdicts.has(verdict.id)) continue;
            seenVerdicts.add(verdict.id);
            await ctx.out(`          verdict ${describeVerdict(verdict)}\n`);
          }
        }
        const final = exitCodeForStatus(detail.status);
        if (final !== undefined) {
          if (!json) {
            const reverted = detail.revert.reverted
              ? `; ${detail.revert.confirmed}/${detail.revert.reverted} robots confirmed their revert`
              : '';
            await ctx.out(
              `rollout ${detail.status}${detail.statusReason ? `: ${detail.statusReason}` : ''}${reverted}\n`,
            );
          }
          ctx.exitCode = final;
          return;
        }
        if (detail.status === 'paused' && opts.exitOnPause) {
          if (!json)
            await ctx.out(`rollout paused${detail.statusReason ? `: ${detail.statusReason}` : ''}\n`);
          ctx.exitCode = EXIT.paused;
          return;
        }
        if (opts.timeout !== undefined && ctx.now() - started >= opts.timeout) {
          await ctx.err(
            `aura: still ${detail.status} after ${Math.round(opts.timeout / 1000)} s; stopped watching\n`,
          );
          ctx.exitCode = EXIT.timedOut;
          return;
        }
        await ctx.sleep(opts.interval);
        detail = await fetchAgain(detail);
      }
    });
  examples(status, [
    ['aura rollouts status 0b6c…', 'once'],
    ['aura rollouts status 0b6c… --watch --timeout 2h', 'in CI: the job fails if the rollout rolls back'],
    ['aura -o json rollouts status 0b6c… --watch', 'one JSON document per poll (NDJSON)'],
  ]);
}
