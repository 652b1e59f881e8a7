/** The text of `pat --help` and `pat <command> --help`. */
import type { Command } from "./context.js";
import { renderPairs } from "./table.js";

const GLOBAL_HELP: readonly (readonly [string, string])[] = [
  ["--table <name>", "DynamoDB table (or PAT_TABLE)"],
  ["--endpoint <url>", "DynamoDB endpoint, e.g. http://localhost:8000 (or DYNAMODB_ENDPOINT)"],
  ["--region <region>", "AWS region (or AWS_REGION; us-east-1 with --endpoint)"],
  ["--prefix <prefix>", "token prefix (or PAT_PREFIX; default pat_)"],
  ["--url <url>", "work through the admin API at this URL instead of DynamoDB (or PAT_URL)"],
  [
    "--endpoint-name <name>",
    "work through a named endpoint of the config file (or PAT_ENDPOINT_NAME)",
  ],
  ["--config <file>", "config file (or PAT_CONFIG; default ~/.config/pat/config.yaml), mode 600"],
  [
    "--admin-token -",
    "read the admin token from stdin (else PAT_ADMIN_TOKEN, else the config file)",
  ],
  ["--auth-path <path>", "auth router path of the API (default /auth)"],
  ["--admin-path <path>", "admin router path of the API (default /admin)"],
  ["--allow-http", "allow plain http to a host other than this machine"],
  ["--json", "machine-readable output on stdout"],
  ["--debug", "print stack traces of errors"],
  ["-h, --help", "show help"],
  ["-v, --version", "show the version"],
];

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
    ...(command.optionHelp.length > 0
      ? ["", "Options:", indent(renderPairs(command.optionHelp))]
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
