import { CORE_VERSION, WIRE_CONTRACT_VERSION } from '@aura/core';
import { Command } from 'commander';
import pkg from '../package.json' with { type: 'json' };

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
  program.addHelpText(
    'after',
    '\nDocs: docs/agent.md. Exit codes: 0 ok, 1 runtime error, 2 usage error, 78 bad configuration.',
  );
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildCli();
  program.exitOverride((error) => {
    process.exit(error.exitCode === 1 && error.code === 'commander.unknownCommand' ? 2 : error.exitCode);
  });
  if (argv.length <= 2) {
    program.outputHelp();
    return;
  }
  await program.parseAsync(argv);
}
