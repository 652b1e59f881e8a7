/** `pat show <id>`: one token's record (never its hash). Exit 3 when there is no such token. */
import type { Command } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { recordDetails, recordJson } from "../records.js";
import { loadRecord, requireTokenId } from "./shared.js";

export const showCommand: Command = {
  name: "show",
  summary: "Show one token's record",
  usage: ["pat show <id>"],
  notes: ["With --json: the record {tokenId, owner, isAdmin, roles, createdAt, ..., status}."],
  flags: [],
  maxPositionals: 1,
  http: true,
  async run(context) {
    const record = await loadRecord(context, requireTokenId(context, "show"));
    const now = context.now();
    if (context.out.json) context.out.writeJson(recordJson(record, now));
    else context.out.line(recordDetails(record, now, context.out.colours));
    return ExitCode.ok;
  },
};
