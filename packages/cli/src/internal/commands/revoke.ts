/**
 * `pat revoke <id>`: the library's idempotent revoke, then the record as stored. `--cleanup-in`
 * sets when DynamoDB's TTL may delete the revoked token (never later than its current expiry);
 * `pat restore` gives back the expiry it had before.
 */
import { stringValue } from "../args.js";
import type { Command } from "../context.js";
import { parseDuration } from "../duration.js";
import { loadRecord, printRecord, requireTokenId } from "./shared.js";
import { stringFlag } from "../flags.js";

export const revokeCommand: Command = {
  name: "revoke",
  summary: "Revoke a token (idempotent)",
  usage: ["pat revoke <id> [--cleanup-in <duration>]"],
  notes: ['With --json: the record after the revoke (status "revoked").'],
  flags: [
    stringFlag(
      "cleanup-in",
      "<duration>",
      "let DynamoDB TTL delete the token after this long, e.g. 30d",
    ),
  ],
  maxPositionals: 1,
  http: true,
  async run(context) {
    const tokenId = requireTokenId(context, "revoke");
    const cleanupIn = stringValue(context.values, "cleanup-in");
    const cleanup =
      cleanupIn === undefined
        ? undefined
        : context.now() + parseDuration(cleanupIn, "--cleanup-in");
    await (
      await context.backend()
    ).revoke(tokenId, cleanup !== undefined ? { expiresAt: cleanup } : {});
    const record = await loadRecord(context, tokenId);
    return printRecord(context, record, { verb: "Revoked", colour: "red" });
  },
};
