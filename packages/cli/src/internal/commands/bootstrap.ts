/**
 * `pat bootstrap <token> --owner <owner>`: stores the first admin token of an empty table, the
 * way a service configured with `bootstrapPhc` would. The operator made the token earlier with
 * `pat generate` and configured its hash (`--bootstrap-phc` or `PAT_BOOTSTRAP_PHC`); this command
 * presents the token. It succeeds only on an empty table (checked with a consistent read) and
 * only once; otherwise it exits 1 with `not_found`, as the library answers.
 */
import { stringValue } from "../args.js";
import type { Command } from "../context.js";
import { ExitCode, usageError } from "../exit-codes.js";
import { recordDetails, verifyResultJson } from "../records.js";
import { tokenArgument, tokenUsage, TOKEN_NOTE } from "./shared.js";
import { REASON_TEXT } from "./verify.js";
import { stringFlag } from "../flags.js";

export const bootstrapCommand: Command = {
  name: "bootstrap",
  summary: "Store the first admin token of an empty table",
  usage: [
    ...tokenUsage("bootstrap", "--owner <owner> [--bootstrap-phc <phc>]"),
    "PAT_BOOTSTRAP_PHC=<phc> pat bootstrap - --owner <owner> < token.txt",
  ],
  notes: [
    TOKEN_NOTE,
    "Flow: `pat generate` → configure its hash as the service's bootstrapPhc → `pat bootstrap`",
    "with the token. Works only while the table holds no token. Exit 0 when stored, 1 otherwise.",
    "With --json: {valid: true, record} or {valid: false, reason}.",
    "The exit code is the verdict even when the output cannot be written (a closed pipe).",
    "Remove the bootstrap hash from the service's configuration once the first admin exists:",
    "a table emptied later (deletes, TTL) would accept a bootstrap again.",
  ],
  flags: [
    stringFlag("owner", "<owner>", "owner of the first admin token (required)"),
    stringFlag(
      "bootstrap-phc",
      "<phc>",
      "the PHC hash of the bootstrap token (or set PAT_BOOTSTRAP_PHC)",
    ),
  ],
  maxPositionals: 1,
  http: false,
  async run(context) {
    const owner = stringValue(context.values, "owner");
    if (owner === undefined) throw usageError("`pat bootstrap` needs --owner <owner>");
    const phc = stringValue(context.values, "bootstrap-phc") ?? context.config.bootstrapPhc;
    if (phc === undefined) {
      throw usageError(
        "`pat bootstrap` needs the bootstrap hash: --bootstrap-phc or PAT_BOOTSTRAP_PHC",
      );
    }
    const token = await tokenArgument(context, context.positionals[0], "bootstrap");
    const pat = context.pat({ bootstrapPhc: phc });
    const result = await pat.bootstrap(token, { owner });
    const now = context.now();
    const { out } = context;
    if (out.json) {
      out.writeJson(verifyResultJson(result, now));
    } else if (result.valid) {
      out.line(`${out.colours.green("Bootstrapped")}: the first admin token is stored`);
      out.line(recordDetails(result.record, now, out.colours));
    } else {
      const why =
        result.reason === "not_found"
          ? "the table already holds tokens, or was bootstrapped before"
          : (REASON_TEXT[result.reason] ?? result.reason);
      out.line(`${out.colours.red("not bootstrapped")}: ${result.reason} (${why})`);
    }
    return result.valid ? ExitCode.ok : ExitCode.failure;
  },
};
