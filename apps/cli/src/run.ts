import { Command, CommanderError, Option } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { registerAudit } from './commands/audit.js';
import { registerConfigure } from './commands/configure.js';
import { registerKeys } from './commands/keys.js';
import { registerPolicies } from './commands/policies.js';
import { registerRobots } from './commands/robots.js';
import { registerRollouts } from './commands/rollouts.js';
import { registerSessions } from './commands/sessions.js';
import { registerSigningKeys } from './commands/signing-keys.js';
import { registerTelemetry } from './commands/telemetry.js';
import { registerTokens } from './commands/tokens.js';
import type { CliEnv } from './config/cli-config.js';
import { CliContext } from './context.js';
import { CliError, EXIT } from './exit-codes.js';
import { examples } from './help.js';
import { type Io, OUTPUT_FORMATS } from './output/output.js';

export interface RunOptions extends Io {
  env: CliEnv;
  /** A fetch for the API (tests); the global fetch by default. */
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Standard input, read whole when a command is given `-f -`. */
  readStdin?: () => Promise<string>;
}

/** Builds the `aura` command tree for one run. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('aura')
    .description(
      'AURA Fleet from the command line: robots, gate policies, staged rollouts (watch them from CI), ' +
        'enrolment tokens and API keys, telemetry export and the audit log — all through the Fleet API.',
    )
    .version(pkg.version, '-V, --version')
    .addOption(
      new Option('-o, --output <format>', 'output format: a table for people, or the API’s JSON for scripts')
        .choices(OUTPUT_FORMATS)
        .default('table'),
    )
    .option(
      '--profile <name>',
      'profile of the profile file to use (default: $AURA_PROFILE, then the file’s default)',
    )
    .option('--api-url <url>', 'API base URL (default: $AURA_API_URL, then the profile’s)')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: true, showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    })
    .addHelpText(
      'after',
      `
Configuration: AURA_API_URL and AURA_API_KEY, or a profile file (aura configure; mode 0600).
Exit codes: 0 ok, 1 failure, 2 bad usage, 3 not configured/allowed (401/403), 4 not found,
5 refused by the API (400/409), 6 API unreachable/unavailable; rollouts status --watch: 10 rolled
back, 11 aborted, 12 paused (--exit-on-pause), 13 timed out. See docs/cli.md.`,
    );
  examples(program, [
    ['aura robots list --status offline', 'robots not seen in the last minute'],
    ['aura rollouts create -f rollout.json --start --reason "nightly model"', 'create and start a rollout'],
    ['aura rollouts status 0b6c… --watch', 'follow it; exit 0 on success, 10 on rollback'],
    ["aura -o json policies list | jq '.items[].name'", 'JSON for scripts'],
  ]);
  registerRobots(program, ctx);
  registerPolicies(program, ctx);
  registerRollouts(program, ctx);
  registerTokens(program, ctx);
  registerKeys(program, ctx);
  registerSessions(program, ctx);
  registerSigningKeys(program, ctx);
  registerTelemetry(program, ctx);
  registerAudit(program, ctx);
  registerConfigure(program, ctx);
  return program;
}

function applyToTree(command: Command, fn: (command: Command) => void) {
  fn(command);
  for (const sub of command.commands) applyToTree(sub, fn);
}

/** Runs `aura` with `argv` (without node and the script), returns the exit code. Never throws. */
export async function run(argv: string[], options: RunOptions): Promise<number> {
  const ctx = new CliContext(
    { stdout: options.stdout, stderr: options.stderr, isTty: options.isTty ?? false },
    options.env,
    options.fetch,
    options.now ?? Date.now,
    options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    options.readStdin ?? (async () => ''),
  );
  const program = buildProgram(ctx);
  applyToTree(program, (command) => {
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    });
  });
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; commander already printed the problem and the hint
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      await ctx.err(`aura: ${error.message}\n`);
      for (const detail of error.details) {
        await ctx.err(`  ${detail.path ? `${detail.path}: ` : ''}${detail.message}\n`);
      }
      return error.exitCode;
    }
    // A bug, not the user's doing: a message, never a stack trace.
    await ctx.err(`aura: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failure;
  }
}
