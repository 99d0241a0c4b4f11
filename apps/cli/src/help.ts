import type { Command } from 'commander';

/** Adds an "Examples:" block to a command's --help (every command has one). */
export function examples(command: Command, lines: readonly (readonly [string, string])[]): Command {
  const width = Math.max(...lines.map(([example]) => example.length));
  return command.addHelpText(
    'after',
    `\nExamples:\n${lines.map(([example, what]) => `  $ ${example.padEnd(width)}  # ${what}`).join('\n')}\n`,
  );
}
