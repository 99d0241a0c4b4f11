import { CORE_VERSION, WIRE_CONTRACT_VERSION } from '@aura/core';
import { Command, InvalidArgumentError } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { doctorCommand } from './commands/doctor-command.js';
import { inspectModelCommand } from './commands/inspect-model-command.js';
import { runCommand } from './commands/run-command.js';
import { simCommand } from './commands/sim-command.js';
import { DEFAULT_CONFIG_FILE, statusCommand } from './commands/status-command.js';
import { syntheticRobotCommand } from './commands/synthetic-robot-command.js';

function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number ≥ 0');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

/** Builds the `aura-agent` command line. Sub-commands register themselves here as they land. */
export function buildCli(): Command {
  const program = new Command('aura-agent')
    .description(
      'AURA Fleet on-robot agent: runs an AURA-Mem policy with constant-size memory, counts memory ' +
        'writes and flash wear, uploads telemetry and applies signed gate configs from the control plane.',
    )
    .version(`${pkg.version} (core ${CORE_VERSION}, wire ${WIRE_CONTRACT_VERSION})`, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: true });
  program
    .command('run')
    .description(
      'Run the agent for one robot from a config file (+ AURA_AGENT_* environment overrides): serve the ' +
        'socket protocol for the robot stack, upload telemetry, apply signed configs. Logs are JSON lines ' +
        'on stderr (state changes and errors). SIGINT/SIGTERM finish the step, close the telemetry window ' +
        'into the outbox, flush it (5 s at most) and exit 0.',
    )
    .requiredOption('-c, --config <file>', 'agent config file (JSON; docs/agent.md)')
    .option('--offline', 'do not contact the API even if api.url is set (telemetry stays in the outbox)')
    .option('--synthetic', 'also drive the built-in synthetic robot in process (a client like any other)')
    .option(
      '--hz <rate>',
      'with --synthetic: steps per second (0 = as fast as possible)',
      nonNegativeNumber,
      0,
    )
    .option('--steps <n>', 'stop after this many total steps', positiveNumber)
    .option('--duration <seconds>', 'stop after this many seconds', positiveNumber)
    .option('--status', 'print a status line on stdout (default: only on a terminal)')
    .option('--no-status', 'no status line')
    .option('--no-socket', 'do not serve the socket protocol')
    .action(
      async (opts: {
        config: string;
        offline?: boolean;
        synthetic?: boolean;
        hz: number;
        steps?: number;
        duration?: number;
        status?: boolean;
        socket: boolean;
      }) => {
        process.exitCode = await runCommand(opts, {
          env: process.env,
          out: process.stdout,
          err: process.stderr,
        });
      },
    );
  program
    .command('status')
    .description(
      "Show the running agent's state over its socket: enrolled as, API reachable, last upload, outbox " +
        '(pending, dropped, quarantined), applied policy and τ, writes and flash bytes today, projected ' +
        'flash life. Exit 0 healthy, 1 unhealthy (problems listed), 3 no agent answers.',
    )
    .option('-c, --config <file>', `agent config file (default $AURA_AGENT_CONFIG or ${DEFAULT_CONFIG_FILE})`)
    .option('-s, --socket <path>', "the agent's socket (default: socket.path of the config)")
    .option('--json', 'machine-readable output')
    .action(async (opts: { config?: string; socket?: string; json?: boolean }) => {
      process.exitCode = await statusCommand(opts, {
        env: process.env,
        out: process.stdout,
        err: process.stderr,
      });
    });
  program
    .command('doctor')
    .description(
      'Check the configuration, the model (sha256, contract, execution providers), state directory ' +
        'permissions, the socket, the proxy route, TLS and reachability of the API, clock skew against it, ' +
        'and enrolment. Exit 1 when any check fails.',
    )
    .option('-c, --config <file>', `agent config file (default $AURA_AGENT_CONFIG or ${DEFAULT_CONFIG_FILE})`)
    .option('--json', 'machine-readable output')
    .action(async (opts: { config?: string; json?: boolean }) => {
      process.exitCode = await doctorCommand(opts, {
        env: process.env,
        out: process.stdout,
        err: process.stderr,
      });
    });
  program
    .command('synthetic-robot')
    .description(
      "Drive a running agent with core's synthetic task over the socket, as a robot stack would " +
        '(observations in, actions out, episode ends): to try an installed agent end to end.',
    )
    .option('-c, --config <file>', `agent config file (default $AURA_AGENT_CONFIG or ${DEFAULT_CONFIG_FILE})`)
    .option('-s, --socket <path>', "the agent's socket (default: socket.path of the config)")
    .option('--hz <rate>', 'steps per second (0 = as fast as the agent answers)', nonNegativeNumber, 10)
    .option('--steps <n>', 'stop after this many steps', positiveNumber)
    .option('--duration <seconds>', 'stop after this many seconds', positiveNumber)
    .action(
      async (opts: { config?: string; socket?: string; hz: number; steps?: number; duration?: number }) => {
        process.exitCode = await syntheticRobotCommand(opts, {
          env: process.env,
          out: process.stdout,
          err: process.stderr,
        });
      },
    );
  program
    .command('sim')
    .description(
      'Simulate a fleet in one process: N robots, each with its own state dir, identity, outbox and ' +
        'state under <stateDir>/robots/, sharing one ONNX session per model file. With api.url each ' +
        'robot enrols with its own identity (one enrolment token with enough uses), uploads and pulls config.',
    )
    .requiredOption('-c, --config <file>', 'agent config file used as the template for every robot')
    .option('-n, --robots <n>', 'number of robots', positiveNumber, 24)
    .option('--hz <rate>', 'control rate per robot in steps/s (0 = unthrottled)', nonNegativeNumber, 10)
    .option('--steps <n>', 'stop after this many steps per robot', positiveNumber)
    .option('--duration <seconds>', 'stop after this many seconds', positiveNumber)
    .option('--offline', 'do not contact the API even if api.url is set (telemetry stays in the outboxes)')
    .option(
      '--mix',
      'mixed hardware: each robot its own flash device (eMMC, NVMe, SD), persistence mode, rate (1-4 × --hz) ' +
        'and duty share, listed in <stateDir>/fleet-mix.json (default: every robot as the config says)',
    )
    .option(
      '--flush-timeout <seconds>',
      'at shutdown, spend at most this long delivering the outboxes',
      nonNegativeNumber,
      10,
    )
    .option('--no-status', 'no status line')
    .action(
      async (opts: {
        config: string;
        offline?: boolean;
        mix?: boolean;
        flushTimeout: number;
        robots: number;
        hz: number;
        steps?: number;
        duration?: number;
        status: boolean;
      }) => {
        const { flushTimeout, ...rest } = opts;
        process.exitCode = await simCommand(
          { ...rest, robots: Math.floor(opts.robots) },
          { env: process.env, out: process.stdout, err: process.stderr },
          { flushTimeoutMs: flushTimeout * 1000 },
        );
      },
    );
  program
    .command('inspect-model')
    .description(
      "Print an ONNX model's dims, metadata, inputs/outputs and the AURA-Mem contract check (exit 1 on mismatch).",
    )
    .argument('<file>', 'ONNX model file')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { json?: boolean }) => {
      process.exitCode = inspectModelCommand(file, opts, process.stdout);
    });
  program.addHelpText(
    'after',
    '\nDocs: /usr/share/doc/aura-agent/agent.md (docs/agent.md). Exit codes: 0 ok, 1 runtime error (status: ' +
      'unhealthy), 2 usage error, 3 (status) no agent answers, 78 bad configuration or a model that breaks ' +
      'the contract.',
  );
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildCli();
  // help and version exit 0; every other commander error is a usage error (sub-commands included)
  const onExit = (error: { exitCode: number }) => process.exit(error.exitCode === 0 ? 0 : 2);
  program.exitOverride(onExit);
  for (const command of program.commands) command.exitOverride(onExit);
  if (argv.length <= 2) {
    program.outputHelp();
    return;
  }
  await program.parseAsync(argv);
}
