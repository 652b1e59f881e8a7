/**
 * Command-line parsing on node:util `parseArgs`: global options (valid anywhere) merged with the
 * options of the command, strict (an unknown flag is a usage error, exit code 2), and messages
 * rewritten to name the command and point at its help.
 */
import { parseArgs } from "node:util";
import { GLOBAL_FLAGS, optionSpecs, type Flag, type GlobalValues } from "./flags.js";
import { quoteArgument, usageError } from "./exit-codes.js";

/** The parser's specs of the global flags. */
const GLOBAL_SPECS = optionSpecs(GLOBAL_FLAGS);

/** Parsed values: strings, booleans, or string lists for `multiple` options. */
export type Values = Record<string, string | boolean | string[] | undefined>;

/**
 * Finds the command name: the first argument that is neither a flag nor the value of a global
 * string flag. Returns it and the other arguments, in order.
 */
export function splitCommand(argv: readonly string[]): { command?: string; rest: string[] } {
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === "--") {
      rest.push(...argv.slice(index));
      return { rest };
    }
    if (!arg.startsWith("-") || arg === "-") {
      return { command: arg, rest: [...rest, ...argv.slice(index + 1)] };
    }
    rest.push(arg);
    const name = arg.replace(/^--?/, "");
    const spec = GLOBAL_SPECS[name];
    if (spec?.type === "string" && !arg.includes("=") && index + 1 < argv.length) {
      rest.push(argv[index + 1] as string);
      index++;
    }
  }
  return { rest };
}

/**
 * Parses `args` against the global flags and the command's `flags`, strictly.
 *
 * @throws CliError (exit code 2) for an unknown flag, a missing flag value, a value given to a
 *   boolean flag, or more positionals than `maxPositionals`.
 */
export function parseCommandArgs(
  commandName: string,
  args: readonly string[],
  flags: readonly Flag[],
  maxPositionals: number,
): { values: Values & GlobalValues; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...GLOBAL_SPECS, ...optionSpecs(flags) },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw usageError(`${describeParseError(error)} (see \`pat ${commandName} --help\`)`, {
      cause: error,
    });
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals] as string;
    throw usageError(
      maxPositionals === 0
        ? `\`pat ${commandName}\` takes no arguments, got ${quoteArgument(extra)} (see \`pat ${commandName} --help\`)`
        : `Unexpected argument ${quoteArgument(extra)} (see \`pat ${commandName} --help\`)`,
    );
  }
  return { values: parsed.values as Values & GlobalValues, positionals: parsed.positionals };
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]*)/.exec(message)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `Unknown option ${option ?? ""}`.trimEnd();
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (/argument missing/.test(message)) return `Option ${option ?? ""} needs a value`;
      if (/ambiguous/.test(message)) {
        return `Option ${option ?? ""} needs a value (write ${option ?? "--option"}=<value> for a value starting with "-")`;
      }
      return `Option ${option ?? ""} does not take a value`;
    default:
      return message.split("\n")[0] ?? "Invalid arguments";
  }
}

/** The value of a string option, or undefined. */
export function stringValue(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** The values of a `multiple` string option (empty when absent). */
export function listValue(values: Values, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : [];
}

/** Whether a boolean option was given. */
export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

/**
 * Refuses flags that cannot go together, naming them.
 *
 * @throws CliError (exit code 2) when more than one of `names` was given.
 */
export function exclusive(values: Values, names: readonly string[]): void {
  const given = names.filter((name) => values[name] !== undefined && values[name] !== false);
  if (given.length > 1) {
    throw usageError(
      `Options ${given.map((name) => `--${name}`).join(" and ")} cannot be used together`,
    );
  }
}
