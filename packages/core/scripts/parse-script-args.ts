import { type ParseArgsConfig, parseArgs } from 'node:util';

export type ScriptOptions = NonNullable<ParseArgsConfig['options']>;
export type WithHelp<O extends ScriptOptions> = O & {
  help: { type: 'boolean'; short: 'h'; default: false };
};
type ScriptParse<O extends ScriptOptions> = {
  args: string[];
  options: WithHelp<O>;
  allowPositionals: boolean;
};
export type ScriptArgs<O extends ScriptOptions> = ReturnType<typeof parseArgs<ScriptParse<O>>>['values'];

/**
 * A script's command line, read as its user expects: `--help`/`-h` prints `usage` and exits 0; an unknown
 * option, a missing value or (unless `positionals`) an argument that is not an option exits 2 with
 * `<command>: <what is wrong>` and the usage, not a stack trace. `fail` does the same for the script's own
 * checks of the values. One module for every command-line script of the workspace: the scripts of
 * packages/core import it from here, `bench/` as `@aura/core/script-args`.
 */
export function parseScriptArgs<const O extends ScriptOptions>(
  command: string,
  usage: string,
  options: O,
  config: { positionals?: boolean } = {},
): { args: ScriptArgs<O>; positionals: string[]; fail: (message: string) => never } {
  const fail = (message: string): never => {
    console.error(`${command}: ${message}\n${usage}`);
    process.exit(2);
  };
  const all = { ...options, help: { type: 'boolean', short: 'h', default: false } } as WithHelp<O>;
  const args = process.argv.slice(2).filter((a) => a !== '--');
  let parsed: ReturnType<typeof parseArgs<ScriptParse<O>>>;
  try {
    parsed = parseArgs<ScriptParse<O>>({
      args,
      options: all,
      allowPositionals: config.positionals ?? false,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return { args: parsed.values, positionals: parsed.positionals, fail };
}

/**
 * The options of `options` one per line, for a usage text: `--name VALUE` (a string option), `--flag`,
 * repeatable ones marked, defaults shown, and the option's line of `help` (if any) indented below it. For scripts
 * whose options are too many to name in the usage line.
 */
export function describeOptions(options: ScriptOptions, help: Record<string, string> = {}): string {
  return Object.entries(options)
    .map(([name, option]) => {
      const short = option.short ? `-${option.short}, ` : '';
      const value = option.type === 'string' ? ' VALUE' : '';
      const repeat = option.multiple ? ' (repeatable)' : '';
      const fallback =
        option.default === undefined || option.default === false ? '' : ` (default ${option.default})`;
      const text = help[name] ? `\n      ${help[name]}` : '';
      return `  ${short}--${name}${value}${repeat}${fallback}${text}`;
    })
    .join('\n');
}
