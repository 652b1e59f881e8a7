/**
 * `pat import`: loads `pat export` lines into a table. Every line is checked first (JSON, a
 * valid record, a well-formed scrypt PHC hash); if any is wrong nothing is written and the bad
 * lines are listed (exit 2). Then each record is created as it was exported (createdAt,
 * lastUsedAt, revokedAt and expiry kept, through the store's conditional create); a token id that
 * already exists is skipped and reported, never overwritten: running an import twice changes
 * nothing.
 *
 * What is not carried: the expiry a revoked token had before `revoke --cleanup-in` (export sees
 * only the current expiry, so a later restore keeps the cleanup time).
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { inspectPhc } from "@pat/crypto";
import { TokenExistsError, validateRecord, type TokenRecord } from "@pat/core";
import { stringValue } from "../args.js";
import type { Command } from "../context.js";
import { CliError, ExitCode, usageError } from "../exit-codes.js";
import { Progress, progressTiming } from "../output.js";
import { stringFlag } from "../flags.js";

/** Records checked for existence per batch read (DynamoDB BatchGetItem takes 100 keys). */
const CHUNK = 100;

/** Creates in flight at once. */
const WRITE_CONCURRENCY = 8;

/** Runs `task` on every item, at most `limit` at a time; rejects with the first failure. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Whether two records hold the same data (roles compared as sets). */
function sameRecord(a: TokenRecord, b: TokenRecord): boolean {
  const roles = (record: TokenRecord) => [...(record.roles ?? [])].sort().join("\u0000");
  return (
    a.secretPhc === b.secretPhc &&
    a.owner === b.owner &&
    a.isAdmin === b.isAdmin &&
    roles(a) === roles(b) &&
    a.createdAt === b.createdAt &&
    a.lastUsedAt === b.lastUsedAt &&
    a.revokedAt === b.revokedAt &&
    // A cleared expiry (null) and none at all are the same: no expiry.
    (a.expiresAt ?? null) === (b.expiresAt ?? null)
  );
}

/** A line that could not be imported. */
interface BadLine {
  readonly line: number;
  readonly reason: string;
}

/** Parses one export line into a record, or explains why it is not one (never echoing the hash). */
function parseImportLine(text: string): TokenRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not valid JSON";
  }
  let record: TokenRecord;
  try {
    record = validateRecord(value);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const phc = inspectPhc(record.secretPhc);
  if (!phc.ok) return `secretPhc is not a usable scrypt hash (${phc.reason})`;
  return record;
}

async function readRecords(input: Readable): Promise<{ records: TokenRecord[]; bad: BadLine[] }> {
  const records: TokenRecord[] = [];
  const bad: BadLine[] = [];
  const seen = new Set<string>();
  let number = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    number++;
    if (text.trim() === "") continue;
    const parsed = parseImportLine(text);
    if (typeof parsed === "string") bad.push({ line: number, reason: parsed });
    else if (seen.has(parsed.tokenId)) {
      bad.push({ line: number, reason: `tokenId ${parsed.tokenId} appears twice in the input` });
    } else {
      seen.add(parsed.tokenId);
      records.push(parsed);
    }
  }
  return { records, bad };
}

export const importCommand: Command = {
  name: "import",
  summary: "Load `pat export` lines into the table (idempotent)",
  usage: ["pat import < tokens.jsonl", "pat import --input tokens.jsonl"],
  notes: [
    'Existing token ids are skipped, never overwritten (reason "exists", or "exists with different',
    'data"). A malformed line aborts the import before anything is written (exit 2).',
    "With --json: {imported, skipped: [{tokenId, reason}]}.",
  ],
  flags: [stringFlag("input", "<file>", "read from a file instead of stdin")],
  maxPositionals: 0,
  http: false,
  async run(context) {
    const { out } = context;
    const path = stringValue(context.values, "input");
    const pat = context.pat();
    let input: Readable = context.io.stdin;
    if (path !== undefined) {
      const stream = createReadStream(path);
      await new Promise<void>((resolve, reject) => {
        stream.once("open", () => resolve());
        stream.once("error", (error: NodeJS.ErrnoException) =>
          reject(
            usageError(`Cannot read ${path}: ${error.code ?? error.message}`, { cause: error }),
          ),
        );
      });
      input = stream;
    }
    const { records, bad } = await readRecords(input);
    if (bad.length > 0) {
      const shown = bad.slice(0, 5).map((entry) => `line ${entry.line}: ${entry.reason}`);
      const more = bad.length > 5 ? `; and ${bad.length - 5} more` : "";
      throw usageError(
        `Nothing imported: ${bad.length} invalid line(s): ${shown.join("; ")}${more}`,
      );
    }
    const progress = new Progress(out.stderr, "Importing tokens", progressTiming(context.io.env));
    const skipped: { tokenId: string; reason: string }[] = [];
    let imported = 0;
    try {
      for (let start = 0; start < records.length; start += CHUNK) {
        const chunk = records.slice(start, start + CHUNK);
        // One batch read per chunk tells which ids exist: they are skipped, never overwritten,
        // and the reason says whether the stored record holds the same data.
        const { found } = await pat.batchLoad(
          chunk.map((record) => record.tokenId),
          { includeSecretPhc: true },
        );
        const existing = new Map(found.map((record) => [record.tokenId, record]));
        const missing: TokenRecord[] = [];
        for (const record of chunk) {
          const stored = existing.get(record.tokenId);
          if (stored === undefined) missing.push(record);
          else {
            skipped.push({
              tokenId: record.tokenId,
              reason: sameRecord(stored, record) ? "exists" : "exists with different data",
            });
          }
        }
        // Conditional creates, a few at a time: DynamoDB serves them in parallel, and each one
        // still refuses an id that appeared since the batch read (the store's create throws
        // TOKEN_EXISTS for any stored record, even one identical to the one given).
        await forEachLimited(missing, WRITE_CONCURRENCY, async (record) => {
          try {
            await pat.store.create(record);
            imported++;
          } catch (error) {
            if (!(error instanceof TokenExistsError)) throw error;
            skipped.push({ tokenId: record.tokenId, reason: "exists with different data" });
          }
          progress.update(imported + skipped.length);
        });
      }
    } catch (error) {
      if (error instanceof CliError) throw error;
      // Say how far it got: the import is idempotent, so running it again finishes the job.
      // (A failure before any token was handled, e.g. a missing table, needs only its message.)
      if (imported + skipped.length > 0) {
        out.note(
          `Stopped after ${imported} imported, ${skipped.length} skipped; run it again to resume.`,
        );
      }
      throw error;
    } finally {
      progress.done();
    }
    if (out.json) out.writeJson({ imported, skipped });
    else {
      out.line(
        `Imported ${imported} token${imported === 1 ? "" : "s"}, skipped ${skipped.length}.`,
      );
      for (const entry of skipped) out.line(`  skipped ${entry.tokenId}: ${entry.reason}`);
    }
    return ExitCode.ok;
  },
};
