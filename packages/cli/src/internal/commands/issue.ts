/**
 * `pat issue`: issues a token and prints it, the only time its secret is ever shown (the table
 * keeps only the scrypt hash).
 */
import { flag, listValue, stringValue } from "../args.js";
import type { Command } from "../context.js";
import { ExitCode, usageError } from "../exit-codes.js";
import { recordDetails, recordJson } from "../records.js";
import { expiryFromFlags, labelsFromFlags } from "./shared.js";
import { ADMIN_FLAG, EXPIRY_FLAGS, LABEL_FLAGS, ROLE_FLAG, stringFlag } from "../flags.js";

export const issueCommand: Command = {
  name: "issue",
  summary: "Issue a token and print it once",
  usage: [
    "pat issue --owner <owner> [--admin] [--role <role> ...] [--expires-in <duration> | --expires-at <time>] [--id <id>]",
    "          [--name <name>] [--description <text>] [--meta <key=value> ...]",
  ],
  notes: ["The token is printed once; store it now. With --json: {token, record}."],
  flags: [
    stringFlag("owner", "<owner>", "who the token belongs to, 1-100 characters (required)"),
    ADMIN_FLAG,
    ROLE_FLAG,
    ...EXPIRY_FLAGS,
    stringFlag(
      "id",
      "<id>",
      "use this token id (21 characters of A-Z a-z 0-9) instead of a random one",
    ),
    ...LABEL_FLAGS,
  ],
  maxPositionals: 0,
  http: true,
  async run(context) {
    const owner = stringValue(context.values, "owner");
    if (owner === undefined) throw usageError("`pat issue` needs --owner <owner>");
    const expiresAt = expiryFromFlags(context);
    const tokenId = stringValue(context.values, "id");
    const roles = listValue(context.values, "role");
    const labels = labelsFromFlags(context);
    const { token, record } = await (
      await context.backend()
    ).issue({
      owner,
      isAdmin: flag(context.values, "admin"),
      ...(roles.length > 0 ? { roles } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(tokenId !== undefined ? { tokenId } : {}),
      ...labels,
    });
    const now = context.now();
    if (context.out.json) {
      context.out.writeJson({ token, record: recordJson(record, now) });
      return ExitCode.ok;
    }
    const { colours } = context.out;
    context.out.line(colours.bold(token));
    context.out.line();
    context.out.line(recordDetails(record, now, colours));
    context.out.note(context.out.errColours.yellow("This token is shown once: store it now."));
    return ExitCode.ok;
  },
};
