/**
 * `pat export`: every token of the table (revoked and expired ones included) as JSON Lines, one
 * stored record per line, hashes included, so `pat import` can restore them elsewhere. The
 * output holds PHC hashes: treat it like a password database (with `--output`, the file is
 * created with mode 0600 and never overwritten; a shell redirect to a regular file gets a warning
 * on stderr, since its mode is the shell's).
 */
import { createWriteStream } from "node:fs";
import type { TokenRecord } from "@pat/core";
import { stringValue } from "../args.js";
import type { Command } from "../context.js";
import { CliError, ExitCode } from "../exit-codes.js";
import { Progress, progressTiming, type TextSink } from "../output.js";
import { recordFields } from "../records.js";
import { stringFlag } from "../flags.js";
import { redirectedFileMode } from "../stdout-file.js";

/** One export line: the record's public fields with its hash after the id. */
function exportLine(record: TokenRecord): string {
  const { tokenId, ...fields } = recordFields(record);
  return JSON.stringify({ tokenId, secretPhc: record.secretPhc, ...fields });
}

async function openFile(path: string): Promise<{ sink: TextSink; close(): Promise<void> }> {
  const stream = createWriteStream(path, { flags: "wx", mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new CliError(
          error.code === "EEXIST"
            ? `Refusing to overwrite ${path}: it exists`
            : `Cannot write ${path}: ${error.code ?? error.message}`,
          ExitCode.failure,
          { cause: error },
        ),
      ),
    );
  });
  return {
    sink: { write: (text: string) => stream.write(text) },
    close: () =>
      new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      ),
  };
}

export const exportCommand: Command = {
  name: "export",
  summary: "Write every token (with its hash) as JSON Lines",
  usage: ["pat export --output tokens.jsonl", "pat export | gzip > tokens.jsonl.gz"],
  notes: [
    "Each line: {tokenId, secretPhc, owner, isAdmin, roles, createdAt, lastUsedAt?, revokedAt?, expiresAt?}.",
    "The hashes make the file sensitive: keep it like a password database. --output creates it",
    "with mode 0600 and never overwrites; a shell redirect (> file) gets the shell's mode (often",
    "0644), so pat warns on stderr when stdout is a regular file.",
    'A summary goes to stderr ({"exported": n} with --json).',
  ],
  flags: [stringFlag("output", "<file>", "write to a new file (mode 0600) instead of stdout")],
  maxPositionals: 0,
  http: false,
  async run(context) {
    const { out } = context;
    const path = stringValue(context.values, "output");
    const records = context.pat().list({ includeSecretPhc: true });
    const file = path !== undefined ? await openFile(path) : undefined;
    const redirectMode = file === undefined ? redirectedFileMode(context.io.stdout) : undefined;
    if (redirectMode !== undefined) {
      out.warn(
        `stdout is a file of mode ${redirectMode.toString(8).padStart(4, "0")}` +
          `${redirectMode & 0o077 ? " (readable by other users)" : ""} and the export holds hashes: ` +
          "prefer --output <file>, which creates it with mode 0600 and never overwrites",
      );
    }
    const sink = file?.sink ?? out.stdout;
    const progress = new Progress(out.stderr, "Exporting tokens", progressTiming(context.io.env));
    let exported = 0;
    try {
      for await (const record of records) {
        sink.write(`${exportLine(record)}\n`);
        progress.update(++exported);
      }
    } finally {
      progress.done();
      await file?.close();
    }
    out.note(
      out.json
        ? JSON.stringify({ exported })
        : `Exported ${exported} token${exported === 1 ? "" : "s"}${path !== undefined ? ` to ${path}` : ""}.`,
    );
    return ExitCode.ok;
  },
};
