import { type ParseArgsConfig, parseArgs } from 'node:util';

export type ScriptOptions = NonNullable<ParseArgsConfig['options']>;
export type WithHelp<O extends ScriptOptions> = O & {
  help: { type: 'boolean'; short: 'h'; default: false };
};
export type ScriptArgs<O extends ScriptOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: WithHelp<O> }>
>['values'];

/**
 * A script's command line, read as its user expects: `--help`/`-h` prints `usage` and exits 0; an unknown
 * option or a missing value exits 2 with `<command>: <what is wrong>` and the usage, not a stack trace.
 * `fail` does the same for the script's own checks of the values.
 */
export function parseScriptArgs<const O extends ScriptOptions>(
  command: string,
  usage: string,
  options: O,
): { args: ScriptArgs<O>; fail: (message: string) => never } {
  const fail = (message: string): never => {
    console.error(`${command}: ${message}\n${usage}`);
    process.exit(2);
  };
  const all = { ...options, help: { type: 'boolean', short: 'h', default: false } } as WithHelp<O>;
  const args = process.argv.slice(2).filter((a) => a !== '--');
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: WithHelp<O> }>>;
  try {
    parsed = parseArgs<{ args: string[]; options: WithHelp<O> }>({ args, options: all });
  } catch (error) {
    return fail((error as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return { args: parsed.values, fail };
}
