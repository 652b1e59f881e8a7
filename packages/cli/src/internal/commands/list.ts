/**
 * `pat list`: tokens as a table (or a JSON array with `--json`), active ones by default.
 * `--owner` queries the owner index; `--role`, `--state` and `--expiring-within` filter in
 * storage (DynamoDB filter expressions, or the server's). Without `--state`, revoked and expired
 * tokens are dropped here, after reading, unless `--include-revoked` / `--include-expired` ask
 * for them; `--limit` counts the tokens shown. The JSON array is streamed record by record, so a large
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
import { parseDuration } from "../duration.js";

const STATES = ["active", "revoked", "expired", "all"] as const;

/** Parses `--state`: one of {@link STATES}. */
function parseState(text: string | undefined): (typeof STATES)[number] | undefined {
  if (text === undefined) return undefined;
  if (!(STATES as readonly string[]).includes(text)) {
    throw usageError(
      `Invalid --state ${quoteArgument(text)}: expected active, revoked, expired or all`,
    );
  }
  return text as (typeof STATES)[number];
}

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
    "pat list [--state active|revoked|expired|all] [--expiring-within <duration>] [--owner ...]",
  ],
  notes: [
    "With --json: an array of records, each with a computed status.",
    "--expiring-within 7d lists tokens whose expiry falls within 7 days (active ones unless --state says).",
  ],
  flags: [
    stringFlag("owner", "<owner>", "only this owner's tokens (uses the owner-index GSI)"),
    stringFlag("role", "<role>", "only tokens with this role"),
    booleanFlag("include-revoked", "show revoked tokens too"),
    booleanFlag("include-expired", "show expired tokens too"),
    stringFlag("limit", "<n>", "show at most n tokens"),
    stringFlag("state", "<state>", "only tokens in this state: active, revoked, expired or all"),
    stringFlag(
      "expiring-within",
      "<duration>",
      "only tokens that expire within this duration from now: 7d, 12h, 2w",
    ),
  ],
  maxPositionals: 0,
  http: true,
  async run(context) {
    const { values, out } = context;
    const owner = stringValue(values, "owner");
    const hasRole = stringValue(values, "role");
    const limit = parseLimit(stringValue(values, "limit"));
    const state = parseState(stringValue(values, "state"));
    const within = stringValue(values, "expiring-within");
    const withinSeconds =
      within === undefined ? undefined : parseDuration(within, "--expiring-within");
    if (
      state !== undefined &&
      (flag(values, "include-revoked") || flag(values, "include-expired"))
    ) {
      throw usageError("--state cannot be combined with --include-revoked or --include-expired");
    }
    // `--state all` shows everything; a named state is selected by the storage.
    const includeRevoked = state === "all" || flag(values, "include-revoked");
    const includeExpired = state === "all" || flag(values, "include-expired");
    const now = context.now();
    const records = (await context.backend()).list({
      ...(owner !== undefined ? { owner } : {}),
      ...(hasRole !== undefined ? { hasRole } : {}),
      ...(state !== undefined && state !== "all" ? { state } : {}),
      ...(withinSeconds !== undefined ? { expiringBefore: now + withinSeconds } : {}),
    });
    const progress = new Progress(out.stderr, "Listing tokens", progressTiming(context.io.env));
    const rows: string[][] = [];
    let shown = 0;
    let seen = 0;
    try {
      for await (const record of records) {
        seen++;
        progress.update(seen);
        const status = tokenStatus(record, now);
        if (state === undefined && status === "revoked" && !includeRevoked) continue;
        if (state === undefined && status === "expired" && !includeExpired) continue;
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
