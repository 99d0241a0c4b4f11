/**
 * Exit codes of `aura` (docs/cli.md). CI pipelines branch on them, so they never change meaning.
 */
export const EXIT = {
  /** Done. `rollouts status --watch`: the rollout succeeded. */
  ok: 0,
  /** Anything unexpected: the API answered 5xx, or the CLI itself failed. */
  failure: 1,
  /** Bad usage: unknown command or option, a bad argument, a spec file that does not parse or validate. Nothing was sent. */
  usage: 2,
  /** Not configured or not allowed: no API URL or key, an unsafe profile file, 401, 403. */
  auth: 3,
  /** The thing named does not exist (404). */
  notFound: 4,
  /** The API refused the request: field errors (400), a state conflict (409), too large (413), rate limited (429). */
  refused: 5,
  /** The API cannot be reached (connection refused, DNS, timeout) or is unavailable (503). */
  unreachable: 6,
  /** `rollouts status --watch`: the rollout rolled back. */
  rolledBack: 10,
  /** `rollouts status --watch`: the rollout was aborted. */
  aborted: 11,
  /** `rollouts status --watch --exit-on-pause`: the rollout paused (an operator, or a failed gate with onFailure: pause). */
  paused: 12,
  /** `rollouts status --watch --timeout`: still in progress when the time ran out. */
  timedOut: 13,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A problem to report to the user: a message (never a stack trace), field details, an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly details: readonly { path?: string | undefined; message: string }[] = [],
  ) {
    super(message);
  }
}

/** A bad argument or input file, found before anything was sent. */
export class UsageError extends CliError {
  constructor(message: string, details: readonly { path?: string | undefined; message: string }[] = []) {
    super(message, EXIT.usage, details);
  }
}
