/**
 * `pat list`: tokens as a table (or a JSON array with `--json`), active ones by default.
 * `--owner` queries the owner index; `--role` filters by role in storage. Revoked and expired
 * tokens are dropped here, after reading (as the library leaves that to its caller), so
 * `--limit` counts the tokens shown. The JSON array is streamed record by record, so a large
 * table does not have to fit in memory; progress goes to stderr when the listing runs long.
 */
import { tokenStatus } from "@pat/core";
import { flag, stringValue } from "../args.js";
import type { Command } from "../context.js";
import { ExitCode, quoteArgument, usageError } from "../exit-codes.js";
import { Progress, progressTiming } from "../output.js";
import { RECORD_COLUMNS, recordJson, recordRow } from "../records.js";
import { renderTable } from "../table.js";
import { booleanFlag, stringFlag } from "../flags.js";

/** Parses `--limit`: a whole number from 1. */
function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw usageError(`Invalid --limit ${quoteArgument(text)}: expected a whole number from 1`);
  }
  return Number(text);
}

export const listCommand: Command = {
  name: "list",
  summary: "List tokens (active ones unless asked otherwise)",
  usage: [
    "pat list [--owner <owner>] [--role <role>] [--include-revoked] [--include-expired] [--limit <n>]",
  ],
  notes: ["With --json: an array of records, each with a computed status."],
  flags: [
    stringFlag("owner", "<owner>", "only this owner's tokens (uses the owner-index GSI)"),
    stringFlag("role", "<role>", "only tokens with this role"),
    booleanFlag("include-revoked", "show revoked tokens too"),
    booleanFlag("include-expired", "show expired tokens too"),
    stringFlag("limit", "<n>", "show at most n tokens"),
  ],
  maxPositionals: 0,
  http: true,
  async run(context) {
    const { values, out } = context;
    const owner = stringValue(values, "owner");
    const hasRole = stringValue(values, "role");
    const limit = parseLimit(stringValue(values, "limit"));
    const includeRevoked = flag(values, "include-revoked");
    const includeExpired = flag(values, "include-expired");
    const records = (await context.backend()).list({
      ...(owner !== undefined ? { owner } : {}),
      ...(hasRole !== undefined ? { hasRole } : {}),
    });
    const now = context.now();
    const progress = new Progress(out.stderr, "Listing tokens", progressTiming(context.io.env));
    const rows: string[][] = [];
    let shown = 0;
    let seen = 0;
    try {
      for await (const record of records) {
        seen++;
        progress.update(seen);
        const status = tokenStatus(record, now);
        if (status === "revoked" && !includeRevoked) continue;
        if (status === "expired" && !includeExpired) continue;
        if (out.json) {
          const text = JSON.stringify(recordJson(record, now), null, 2).replace(/\n/g, "\n  ");
          // "[" goes out with the first record, so a failure before it leaves stdout empty.
          out.stdout.write(`${shown === 0 ? "[\n  " : ",\n  "}${text}`);
        } else {
          rows.push(recordRow(record, now, out.colours));
        }
        shown++;
        if (limit !== undefined && shown >= limit) break;
      }
    } finally {
      progress.done();
    }
    if (out.json) {
      out.stdout.write(shown === 0 ? "[]\n" : "\n]\n");
    } else if (shown === 0) {
      out.note("No tokens.");
    } else {
      out.line(renderTable(RECORD_COLUMNS, rows, out.colours.bold));
    }
    return ExitCode.ok;
  },
};
