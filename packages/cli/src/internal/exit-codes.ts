/**
 * Exit codes of `pat` and the error type that carries one. Scripts branch on these numbers, so
 * they are part of the public contract (documented in the README) and never change meaning.
 */

/** The exit codes of `pat`. */
export const ExitCode = {
  /** The command did what was asked (`verify`: the token is valid). */
  ok: 0,
  /** `verify`/`bootstrap`: the token is not valid; any other command: an unexpected failure. */
  failure: 1,
  /** Bad usage: unknown command or flag, missing or malformed value, invalid input. */
  usage: 2,
  /** The token id named on the command line does not exist. */
  notFound: 3,
  /**
   * The store cannot be used: endpoint unreachable, table missing, access denied, throttled (and
   * over HTTP: the admin API unreachable, the admin token refused, a server error).
   */
  storage: 4,
  /** `sync`: changes were made (with `--dry-run`: changes are pending). 0 means nothing to change. */
  changed: 5,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error meant for the person at the terminal: `message` is printed as one line and the
 * process exits with `exitCode`. `cause` (printed only with `--debug`) keeps the original error.
 */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** A usage error (exit code 2). */
export function usageError(message: string, options?: ErrorOptions): CliError {
  return new CliError(message, ExitCode.usage, options);
}

/**
 * `text` quoted for an error message when it is short and plain; otherwise only its length.
 * Arguments in the wrong place may be tokens, and a secret must never reach an error message.
 */
export function quoteArgument(text: string): string {
  return /^[A-Za-z0-9_.:/@+-]{1,32}$/.test(text)
    ? `"${text}"`
    : `(an argument of ${text.length} characters, not shown)`;
}
