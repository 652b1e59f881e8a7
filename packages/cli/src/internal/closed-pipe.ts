/**
 * What `pat` does when its standard output is a closed pipe (`EPIPE`, e.g. `pat list | head`
 * after `head` exited). For the commands whose output is their whole job (listing commands and
 * help), a closed pipe is the reader being done: the process exits 0 at once, quietly. For every
 * other command the exit code is its verdict (`pat verify` exits 1 for an invalid token), and a
 * verdict must never depend on whether its output could be written: the lost output is ignored
 * and the command exits with its own code.
 */
import { splitCommand } from "./args.js";

/** Commands that exit 0 quietly when their reader closes the pipe. */
export const QUIET_ON_CLOSED_PIPE: ReadonlySet<string> = new Set(["list", "export", "help"]);

/** Errors of a write to a pipe whose reader has gone (the first one, and writes after it). */
const CLOSED_PIPE_CODES: ReadonlySet<string> = new Set(["EPIPE", "ERR_STREAM_DESTROYED"]);

/** What to do about an error of standard output. */
export type StdoutErrorAction =
  | { readonly kind: "exit"; readonly code: 0 | 1; readonly message?: string }
  | { readonly kind: "ignore" };

/**
 * Decides what an error of standard output means for the command in `argv` (see the module
 * comment): exit 0 quietly (closed pipe, listing command), ignore it (closed pipe, any other
 * command: its verdict decides the exit code), or exit 1 with a message (any other write error).
 *
 * @example
 * ```ts
 * process.stdout.on("error", (error) => {
 *   const action = onStdoutError(argv, error);
 *   if (action.kind === "exit") process.exit(action.code);
 * });
 * ```
 */
export function onStdoutError(
  argv: readonly string[],
  error: NodeJS.ErrnoException,
): StdoutErrorAction {
  if (error.code !== undefined && CLOSED_PIPE_CODES.has(error.code)) {
    const { command } = splitCommand(argv);
    const quiet = command === undefined || QUIET_ON_CLOSED_PIPE.has(command);
    return quiet ? { kind: "exit", code: 0 } : { kind: "ignore" };
  }
  return { kind: "exit", code: 1, message: `pat: cannot write output: ${error.message}\n` };
}
