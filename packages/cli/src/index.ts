/**
 * @pat/cli: the `pat` command line, for administering personal access tokens stored in
 * DynamoDB, directly or through a server's admin API (issue, verify, list, update, revoke,
 * restore, export, import, sync from YAML, ...). Most users run the `pat` binary; this entry
 * exposes the program itself and its duration parser, for tools that embed it.
 *
 * @packageDocumentation
 */

export { runPat } from "./internal/main.js";
export { parseDuration, formatDuration, MAX_DURATION_SECONDS } from "./internal/duration.js";
export { ExitCode, CliError, type ExitCodeValue } from "./internal/exit-codes.js";
export type { Io } from "./internal/context.js";
export type { Env } from "./internal/config.js";
export type { TextSink } from "./internal/output.js";
