/**
 * Command-line flags, each defined once: its name, kind and help text. The parser's option specs
 * (`parseArgs` form) and the help lines are both derived from the same definition, so a flag
 * cannot be accepted without being documented, or documented without being accepted. Flags that
 * several commands share with one meaning (expiry, roles, the admin flag) are defined here too.
 */
import type { ParseArgsConfig } from "node:util";

/** Option specs in `parseArgs` form. */
export type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;

/** One flag of `pat`. */
export interface Flag {
  /** The long name, without the dashes. */
  readonly name: string;
  readonly type: "string" | "boolean";
  /** A string flag that may be repeated (its values are collected in a list). */
  readonly multiple?: boolean;
  /** A one-letter alias (`-h`). */
  readonly short?: string;
  /** How help shows a string flag's value, e.g. `<owner>`. */
  readonly value?: string;
  /** A boolean flag that also has a `--no-<name>` form, shown on the same help line. */
  readonly negatable?: boolean;
  /** The help line. */
  readonly help: string;
}

/** A string flag taking `value` (as help shows it), repeatable when `multiple`. */
export function stringFlag<const N extends string>(
  name: N,
  value: string,
  help: string,
  options: { readonly multiple?: boolean } = {},
): Flag & { readonly name: N; readonly type: "string" } {
  return { name, type: "string", value, help, ...options };
}

/** A boolean flag; `negatable` adds `--no-<name>`. */
export function booleanFlag<const N extends string>(
  name: N,
  help: string,
  options: { readonly short?: string; readonly negatable?: boolean } = {},
): Flag & { readonly name: N; readonly type: "boolean" } {
  return { name, type: "boolean", help, ...options };
}

/** The `parseArgs` specs of `flags` (a negatable flag gives two options). */
export function optionSpecs(flags: readonly Flag[]): OptionSpecs {
  const specs: OptionSpecs = {};
  for (const flag of flags) {
    specs[flag.name] = {
      type: flag.type,
      ...(flag.multiple === true ? { multiple: true } : {}),
      ...(flag.short !== undefined ? { short: flag.short } : {}),
    };
    if (flag.negatable === true) specs[`no-${flag.name}`] = { type: "boolean" };
  }
  return specs;
}

/** The help lines of `flags`: `[label, help]`, e.g. `["--owner <owner>", "new owner"]`. */
export function flagHelp(flags: readonly Flag[]): (readonly [string, string])[] {
  return flags.map((flag) => {
    let label = `--${flag.name}`;
    if (flag.short !== undefined) label = `-${flag.short}, ${label}`;
    if (flag.value !== undefined) label = `${label} ${flag.value}`;
    if (flag.negatable === true) label = `${label} / --no-${flag.name}`;
    return [label, flag.help] as const;
  });
}

/** Options every command accepts. */
export const GLOBAL_FLAGS = [
  stringFlag("table", "<name>", "DynamoDB table (or PAT_TABLE)"),
  stringFlag(
    "endpoint",
    "<url>",
    "DynamoDB endpoint, e.g. http://localhost:8000 (or DYNAMODB_ENDPOINT)",
  ),
  stringFlag("region", "<region>", "AWS region (or AWS_REGION; us-east-1 with --endpoint)"),
  stringFlag("prefix", "<prefix>", "token prefix (or PAT_PREFIX; default pat_)"),
  stringFlag(
    "hash-algorithm",
    "<name>",
    "hash of new secrets: scrypt (default) or hmac-sha256 (or PAT_HASH_ALGORITHM)",
  ),
  stringFlag(
    "url",
    "<url>",
    "work through the admin API at this URL instead of DynamoDB (or PAT_URL)",
  ),
  stringFlag(
    "endpoint-name",
    "<name>",
    "work through a named endpoint of the config file (or PAT_ENDPOINT_NAME)",
  ),
  stringFlag(
    "config",
    "<file>",
    "config file (or PAT_CONFIG; default ~/.config/pat/config.yaml), mode 600",
  ),
  stringFlag(
    "admin-token",
    "-",
    "read the admin token from stdin (else PAT_ADMIN_TOKEN, else the config file)",
  ),
  stringFlag("auth-path", "<path>", "auth router path of the API (default /auth)"),
  stringFlag("admin-path", "<path>", "admin router path of the API (default /admin)"),
  booleanFlag("allow-http", "allow plain http to a host other than this machine"),
  booleanFlag("json", "machine-readable output on stdout"),
  booleanFlag("debug", "print stack traces of errors"),
  booleanFlag("help", "show help", { short: "h" }),
  booleanFlag("version", "show the version", { short: "v" }),
] as const satisfies readonly Flag[];

/** Values of the global options, as the parser gives them. */
export type GlobalValues = {
  readonly [F in (typeof GLOBAL_FLAGS)[number] as F["name"]]?: F["type"] extends "string"
    ? string
    : boolean;
};

/** `--expires-in` and `--expires-at` (see `expiryFromFlags`). */
export const EXPIRY_FLAGS: readonly Flag[] = [
  stringFlag("expires-in", "<duration>", "expire after a duration from now: 30d, 12h, 2w, 1h30m"),
  stringFlag("expires-at", "<time>", "expire at an ISO 8601 time (UTC unless a zone is given)"),
];

/** `--role`, repeatable, of the commands that create a token. */
export const ROLE_FLAG: Flag = stringFlag("role", "<role>", "give it a role; repeat for several", {
  multiple: true,
});

/** `--admin` of the commands that create a token. */
export const ADMIN_FLAG: Flag = booleanFlag("admin", "make it an admin token");

/** `--name`, `--description` and `--meta key=value` (see `labelsFromFlags`). */
export const LABEL_FLAGS: readonly Flag[] = [
  stringFlag("name", "<name>", "what people call the token, 1-100 characters"),
  stringFlag("description", "<text>", "what the token is for, 1-1000 characters"),
  stringFlag("meta", "<key=value>", "a metadata entry (at most 20); repeat for several", {
    multiple: true,
  }),
];
