/** `pat restore <id>`: the library's idempotent restore, then the record as stored. */
import type { Command } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { recordDetails, recordJson } from "../records.js";
import { loadRecord, requireTokenId } from "./shared.js";

export const restoreCommand: Command = {
  name: "restore",
  summary: "Restore a revoked token (idempotent)",
  usage: ["pat restore <id>"],
  notes: ["With --json: the record after the restore."],
  flags: [],
  maxPositionals: 1,
  http: true,
  async run(context) {
    const tokenId = requireTokenId(context, "restore");
    await (await context.backend()).restore(tokenId);
    const record = await loadRecord(context, tokenId);
    const now = context.now();
    if (context.out.json) context.out.writeJson(recordJson(record, now));
    else {
      context.out.line(`${context.out.colours.green("Restored")} ${tokenId}`);
      context.out.line(recordDetails(record, now, context.out.colours));
    }
    return ExitCode.ok;
  },
};
