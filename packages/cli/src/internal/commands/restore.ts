/** `pat restore <id>`: the library's idempotent restore, then the record as stored. */
import type { Command } from "../context.js";
import { loadRecord, printRecord, requireTokenId } from "./shared.js";

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
    return printRecord(context, record, { verb: "Restored", colour: "green" });
  },
};
