/**
 * The `pat` program: finds the command, parses its flags, runs it, and turns any error into one
 * line on stderr and an exit code (stack traces only with `--debug`). Returns the exit code
 * instead of exiting, so it can run in-process too.
 */
import { parseCommandArgs, splitCommand } from "./args.js";
import { commands } from "./commands/index.js";
import { DEFAULT_SCRYPT_COST, escapeControlCharacters } from "@pat/core";
import { resolveCliConfig } from "./config.js";
import { resolveMode } from "./http-mode.js";
import { CommandContext, type Io } from "./context.js";
import { toCliError } from "./errors.js";
import { ExitCode, quoteArgument, usageError, type ExitCodeValue } from "./exit-codes.js";
import { commandHelp, mainHelp } from "./help.js";
import { Output } from "./output.js";
import { VERSION } from "./version.js";

/** Levenshtein distance, for "did you mean" on a mistyped command. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The command within two edits of `name`, if any. */
function closest(name: string): string | undefined {
  if (name.length > 32) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const command of commands) {
    const d = distance(name, command.name);
    if (d <= 2 && (best === undefined || d < best.distance)) {
      best = { name: command.name, distance: d };
    }
  }
  return best?.name;
}

/**
 * Runs `pat` with `argv` (without the node and script paths) and resolves the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await runPat(process.argv.slice(2), process);
 * ```
 */
export async function runPat(argv: readonly string[], io: Io): Promise<ExitCodeValue> {
  const debug = argv.includes("--debug");
  const wantsJson = argv.includes("--json");
  let context: CommandContext | undefined;
  try {
    const { command: name, rest } = splitCommand(argv);
    if (name === undefined || name === "help") {
      const topic = name === "help" ? rest.find((arg) => !arg.startsWith("-")) : undefined;
      const command = commands.find((candidate) => candidate.name === topic);
      if (rest.includes("--version") || rest.includes("-v")) {
        io.stdout.write(`${VERSION}\n`);
        return ExitCode.ok;
      }
      if (command !== undefined) {
        io.stdout.write(`${commandHelp(command)}\n`);
        return ExitCode.ok;
      }
      if (topic !== undefined) throw usageError(`Unknown command ${quoteArgument(topic)}`);
      const asked = name === "help" || rest.includes("--help") || rest.includes("-h");
      (asked ? io.stdout : io.stderr).write(`${mainHelp(commands)}\n`);
      return asked ? ExitCode.ok : ExitCode.usage;
    }
    const command = commands.find((candidate) => candidate.name === name);
    if (command === undefined) {
      const hint = closest(name);
      throw usageError(
        `Unknown command ${quoteArgument(name)}${hint !== undefined ? ` (did you mean \`pat ${hint}\`?)` : ""}; run \`pat --help\``,
      );
    }
    const { values, positionals } = parseCommandArgs(
      command.name,
      rest,
      command.flags,
      command.maxPositionals,
    );
    if (values.help === true) {
      io.stdout.write(`${commandHelp(command)}\n`);
      return ExitCode.ok;
    }
    if (values.version === true) {
      io.stdout.write(`${VERSION}\n`);
      return ExitCode.ok;
    }
    const out = new Output({
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
      json: values.json === true,
    });
    const config = resolveCliConfig(values, io.env);
    if (config.scryptCost !== undefined) {
      out.warn(
        `PAT_SCRYPT_COST=${config.scryptCost} replaces the secure default scrypt cost (${DEFAULT_SCRYPT_COST}): for tests only`,
      );
    }
    const mode = resolveMode(values, io.env);
    context = new CommandContext({
      values,
      positionals,
      out,
      config,
      io,
      commandName: command.name,
      mode,
    });
    if (!command.http) context.requireDirect();
    return await command.run(context);
  } catch (error) {
    const cliError = toCliError(error, {
      ...(context?.config.tableName !== undefined ? { tableName: context.config.tableName } : {}),
      ...(context?.config.endpoint !== undefined ? { endpoint: context.config.endpoint } : {}),
      ...(context?.config.region !== undefined ? { region: context.config.region } : {}),
    });
    // Belt and braces: no message or stack trace can carry the admin token, whatever produced it.
    const redact = redactor([io.env.PAT_ADMIN_TOKEN, ...(context?.secrets ?? [])]);
    if (wantsJson) {
      io.stderr.write(
        `${redact(JSON.stringify({ error: { message: cliError.message, exitCode: cliError.exitCode, ...codeOf(error) } }))}\n`,
      );
    } else {
      io.stderr.write(`pat: ${escapeControlCharacters(redact(cliError.message))}\n`);
    }
    if (debug) {
      const lines = redact(stackOf(error)).split("\n").map(escapeControlCharacters);
      io.stderr.write(`${lines.join("\n")}\n`);
    }
    return cliError.exitCode;
  } finally {
    context?.close();
  }
}

/** Replaces every occurrence of each secret (of 8 characters or more) in a text. */
function redactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const known = secrets
    .map((secret) => secret?.trim())
    .filter((secret): secret is string => secret !== undefined && secret.length >= 8);
  return (text) => known.reduce((result, secret) => result.split(secret).join("[redacted]"), text);
}

function codeOf(error: unknown): { code?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[A-Z_]+$/.test(code) ? { code } : {};
}

function stackOf(error: unknown): string {
  const lines: string[] = [];
  for (let current = error, depth = 0; current !== undefined && depth < 8; depth++) {
    lines.push(
      depth === 0 ? "" : "Caused by:",
      current instanceof Error ? (current.stack ?? current.message) : String(current),
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join("\n").trim();
}
