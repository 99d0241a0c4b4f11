import type { Command } from 'commander';
import { type AuraApiClient, apiClient, call } from './api/call-api.js';
import { type CliEnv, resolveConfig } from './config/cli-config.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { type Io, type OutputFormat, renderJson, write } from './output/output.js';

export interface GlobalOptions {
  output: OutputFormat;
  profile?: string;
  apiUrl?: string;
}

/** What one run of the CLI works with: its streams, environment, clock, and (lazily) the API. */
export class CliContext {
  exitCode: ExitCode = EXIT.ok;

  constructor(
    readonly io: Io,
    readonly env: CliEnv,
    private readonly fetchImpl: typeof fetch | undefined,
    readonly now: () => number,
    readonly sleep: (ms: number) => Promise<void>,
    /** Reads standard input whole (`-f -`). */
    readonly readStdin: () => Promise<string>,
  ) {}

  globals(command: Command): GlobalOptions {
    return command.optsWithGlobals<GlobalOptions>();
  }

  /** The typed client for this run (configuration resolved on first use), and its `call`. */
  async api(command: Command) {
    const globals = this.globals(command);
    const config = await resolveConfig(this.env, { apiUrl: globals.apiUrl, profile: globals.profile });
    const client: AuraApiClient = apiClient(config.apiUrl, config.apiKey, this.fetchImpl);
    return {
      client,
      apiUrl: config.apiUrl,
      call: <T>(request: Promise<{ data?: T; error?: unknown; response: Response }>) =>
        call(config.apiUrl, request),
    };
  }

  out(text: string): Promise<void> {
    return write(this.io.stdout, text);
  }

  err(text: string): Promise<void> {
    return write(this.io.stderr, text);
  }

  /** Prints `data` as JSON (`-o json`) or as the table `render` makes of it. */
  async print<T>(command: Command, data: T, render: (data: T) => string): Promise<void> {
    await this.out(this.globals(command).output === 'json' ? renderJson(data) : render(data));
  }

  /** A note for people (stderr in table mode, nothing in JSON mode, so stdout stays parseable). */
  async note(command: Command, text: string): Promise<void> {
    if (this.globals(command).output !== 'json') await this.err(`${text}\n`);
  }
}
