/** `pat show <id>`: one token's record (never its hash). Exit 3 when there is no such token. */
import type { Command } from "../context.js";
import { loadRecord, printRecord, requireTokenId } from "./shared.js";

export const showCommand: Command = {
  name: "show",
  summary: "Show one token's record",
  usage: ["pat show <id>"],
  notes: ["With --json: the record {tokenId, owner, isAdmin, roles, createdAt, ..., status}."],
  flags: [],
  maxPositionals: 1,
  http: true,
  async run(context) {
    return printRecord(context, await loadRecord(context, requireTokenId(context, "show")));
  },
};
