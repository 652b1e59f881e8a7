/** The text of `pat --help` and `pat <command> --help`. */
import type { Command } from "./context.js";
import { flagHelp, GLOBAL_FLAGS } from "./flags.js";
import { renderPairs } from "./table.js";

const GLOBAL_HELP = flagHelp(GLOBAL_FLAGS);

/** `pat --help`. */
export function mainHelp(commands: readonly Command[]): string {
  return [
    "pat: administer personal access tokens in DynamoDB, directly or through your API's admin endpoints",
    "",
    "Usage: pat <command> [options]",
    "",
    "Commands:",
    indent(
      renderPairs(
        commands.map((command) => [command.name, `${command.http ? "" : "* "}${command.summary}`]),
      ),
    ),
    "",
    "Global options:",
    indent(renderPairs(GLOBAL_HELP)),
    "",
    "Exit codes: 0 ok, 1 invalid token or failure, 2 usage, 3 not found, 4 storage or API unreachable,",
    "table missing or admin token refused, 5 `sync` made (or with --dry-run: would make) changes.",
    "Commands marked * work on DynamoDB directly only; the others also over HTTP (--url, --endpoint-name).",
    "Run `pat <command> --help` for a command's options.",
  ].join("\n");
}

/** `pat <command> --help`. */
export function commandHelp(command: Command): string {
  return [
    `pat ${command.name}: ${command.summary}`,
    "",
    "Usage:",
    ...command.usage.map((line) => `  ${line}`),
    ...(command.flags.length > 0
      ? ["", "Options:", indent(renderPairs(flagHelp(command.flags)))]
      : []),
    ...(command.notes !== undefined ? ["", ...command.notes] : []),
    "",
    "Global options:",
    indent(renderPairs(GLOBAL_HELP)),
  ].join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
