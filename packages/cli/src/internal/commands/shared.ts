/**
 * Pieces several commands share: the token id argument, expiry flags, reading a token from
 * stdin, and loading and printing one record.
 */
import { TOKEN_ID_PATTERN, type PublicTokenRecord } from "@pat/core";
import { stringValue, exclusive, listValue } from "../args.js";
import type { CommandContext } from "../context.js";
import { parseDuration } from "../duration.js";
import { parseIsoTime } from "../time.js";
import {
  CliError,
  ExitCode,
  quoteArgument,
  usageError,
  type ExitCodeValue,
} from "../exit-codes.js";
import { recordDetails, recordJson } from "../records.js";

/** The labels a command was given by `--name`, `--description` and `--meta`. */
export interface LabelValues {
  readonly name?: string;
  readonly description?: string;
  readonly metadata?: Record<string, string>;
}

/**
 * The labels of `--name <name>`, `--description <text>` and `--meta <key=value>` (repeatable),
 * each present only when given. The library checks their bounds (`INVALID_INPUT`, exit 2).
 *
 * @throws CliError (exit code 2) for a `--meta` without `=` or with an empty key, and for a key
 *   given twice.
 */
export function labelsFromFlags(context: CommandContext): LabelValues {
  const name = stringValue(context.values, "name");
  const description = stringValue(context.values, "description");
  const entries = listValue(context.values, "meta");
  let metadata: Record<string, string> | undefined;
  for (const entry of entries) {
    const at = entry.indexOf("=");
    if (at <= 0) {
      throw usageError(`Invalid --meta ${quoteArgument(entry)}: expected key=value`);
    }
    const key = entry.slice(0, at);
    metadata ??= Object.create(null) as Record<string, string>;
    if (Object.hasOwn(metadata, key)) {
      throw usageError(`--meta ${quoteArgument(key)} is given twice`);
    }
    metadata[key] = entry.slice(at + 1);
  }
  return {
    ...(name !== undefined ? { name } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(metadata !== undefined ? { metadata: { ...metadata } } : {}),
  };
}

/** The one positional argument `<id>` of `show`, `update`, `revoke`, `restore`. */
export function requireTokenId(context: CommandContext, command: string): string {
  const id = context.positionals[0];
  if (id === undefined || id === "") {
    throw usageError(`\`pat ${command}\` needs a token id: pat ${command} <id>`);
  }
  if (!TOKEN_ID_PATTERN.test(id)) {
    throw usageError(
      `Invalid token id ${quoteArgument(id)}: expected 21 characters of A-Z, a-z, 0-9${id.includes(".") ? " (pass the id, not the whole token)" : ""}`,
    );
  }
  return id;
}

/**
 * The expiry asked for by `--expires-in <duration>` or `--expires-at <ISO time>` (Unix seconds),
 * or undefined when neither is given.
 *
 * @throws CliError (exit code 2) for both at once, a malformed duration, or an ISO time that does
 *   not parse or is not in the future.
 */
export function expiryFromFlags(context: CommandContext): number | undefined {
  exclusive(context.values, ["expires-in", "expires-at", "no-expiry"]);
  const expiresIn = stringValue(context.values, "expires-in");
  if (expiresIn !== undefined) return context.now() + parseDuration(expiresIn, "--expires-in");
  const expiresAt = stringValue(context.values, "expires-at");
  if (expiresAt !== undefined) return parseFutureTime(expiresAt, "--expires-at", context.now());
  return undefined;
}

/**
 * Parses an ISO 8601 date or date-time (`2027-01-31`, `2027-01-31T12:00:00Z`, UTC without a
 * zone) that must lie after `now`, into Unix seconds.
 *
 * @throws CliError (exit code 2) when `text` is not such a time or is not after `now`.
 */
function parseFutureTime(text: string, flag: string, now: number): number {
  const seconds = parseIsoTime(text);
  if (seconds === "format") {
    throw usageError(
      `Invalid time ${quoteArgument(text)} for ${flag}: expected ISO 8601, e.g. 2027-01-31 or 2027-01-31T12:00:00Z`,
    );
  }
  if (seconds === "calendar") {
    throw usageError(`Invalid time ${quoteArgument(text)} for ${flag}: not a calendar date`);
  }
  if (seconds <= now) throw usageError(`${flag} must be in the future, got ${quoteArgument(text)}`);
  return seconds;
}

/**
 * The token a command presents: the positional argument, read from stdin when it is `-`; without
 * an argument, the `PAT_TOKEN` environment variable. An argument wins over `PAT_TOKEN` (what is
 * typed for one run beats what the environment holds). `-` and `PAT_TOKEN` keep the token out of
 * the shell history and the process list; a token typed as the argument shows in both. The token
 * joins the run's secrets, so no error line or `--debug` trace can print it.
 */
export async function tokenArgument(
  context: CommandContext,
  value: string | undefined,
  command: string,
): Promise<string> {
  let token: string;
  if (value === undefined || value === "") {
    const fromEnv = context.io.env[TOKEN_ENV]?.trim();
    if (fromEnv === undefined || fromEnv === "") {
      throw usageError(
        `\`pat ${command}\` needs a token: pass - to read it from standard input, or set ${TOKEN_ENV}`,
      );
    }
    token = fromEnv;
  } else {
    token = value === "-" ? await context.readStdin("token") : value;
  }
  if (!context.secrets.includes(token)) context.secrets.push(token);
  return token;
}

/** The environment variable a command that presents a token reads when given no argument. */
export const TOKEN_ENV = "PAT_TOKEN";

/** The help of a command that presents a token: the ways to give it, the safe ones first. */
export function tokenUsage(command: string, rest = ""): string[] {
  const tail = rest === "" ? "" : ` ${rest}`;
  return [
    `pat ${command} -${tail} < token.txt`,
    `${TOKEN_ENV}=<token> pat ${command}${tail}`,
    `pat ${command} <token>${tail}   (shows in ps and shell history: prefer - or ${TOKEN_ENV})`,
  ];
}

/** The note on giving a token, for the help of a command that presents one. */
export const TOKEN_NOTE =
  `The token: - reads it from standard input, else ${TOKEN_ENV} holds it; an argument wins over ` +
  `${TOKEN_ENV}. A token typed on the command line shows in the process list and shell history.`;

/**
 * Loads one record (without its hash) for display.
 *
 * @throws CliError (exit code 3) when there is no token with this id.
 */
export async function loadRecord(
  context: CommandContext,
  tokenId: string,
): Promise<PublicTokenRecord> {
  const record = await (await context.backend()).get(tokenId);
  if (record === undefined) {
    throw new CliError(`Token not found: ${tokenId}`, ExitCode.notFound);
  }
  return record;
}

/**
 * Prints `record`: with `--json` its JSON shape, else a heading (`Updated <id>`, when given) and
 * its detail block. Resolves the exit code of a command that did what was asked.
 */
export function printRecord(
  context: CommandContext,
  record: PublicTokenRecord,
  heading?: { readonly verb: string; readonly colour: "green" | "red" },
): ExitCodeValue {
  const { out } = context;
  const now = context.now();
  if (out.json) {
    out.writeJson(recordJson(record, now));
    return ExitCode.ok;
  }
  if (heading !== undefined) {
    out.line(`${out.colours[heading.colour](heading.verb)} ${record.tokenId}`);
  }
  out.line(recordDetails(record, now, out.colours));
  return ExitCode.ok;
}
