/**
 * Reading the files `pat` is pointed at, and the permission check for files that hold admin
 * tokens. The check follows OpenSSH's rule for private keys: the file must be readable and
 * writable by its owner only (no group or other permission bits), and owned by the user running
 * `pat` (or by root). Mode and owner are read from the open file descriptor (fstat), so the file checked is
 * the file read. On Windows, POSIX modes do not describe access, so the check is skipped there.
 */
import { open } from "node:fs/promises";
import { usageError } from "./exit-codes.js";

/** The text of a file and what its permissions say. */
export interface ReadFile {
  readonly path: string;
  readonly text: string;
  /** Permission bits (e.g. 0o600). */
  readonly mode: number;
  /** Owner's user id. */
  readonly uid: number;
}

/** Largest file read: a sync file of thousands of tokens is well under this. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads `path` as UTF-8 with its mode and owner.
 *
 * @param what - how the file is named in messages, e.g. "sync file".
 * @throws CliError (exit code 2) when the file is missing, unreadable, not a regular file or
 *   larger than 16 MiB.
 */
export async function readTextFile(path: string, what: string): Promise<ReadFile> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(
      code === "ENOENT"
        ? `No ${what} at ${path}`
        : `Cannot read ${what} ${path}: ${code ?? String(error)}`,
      { cause: error },
    );
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw usageError(`Cannot read ${what} ${path}: not a regular file`);
    if (stats.size > MAX_FILE_BYTES) {
      throw usageError(`Cannot read ${what} ${path}: larger than ${MAX_FILE_BYTES} bytes`);
    }
    const text = await handle.readFile({ encoding: "utf8" });
    return { path, text, mode: stats.mode & 0o777, uid: stats.uid };
  } finally {
    await handle.close();
  }
}

/**
 * Refuses a file that holds admin tokens when others may read or change it.
 *
 * @param platform - `process.platform` (the check is skipped on `win32`).
 * @param uid - the user running `pat` (`process.getuid()`), or undefined where there is none.
 * @throws CliError (exit code 2) when the file has any group or other permission bit, or belongs
 *   to another user than `uid` and root; the message says how to fix it.
 */
export function assertPrivate(
  file: ReadFile,
  what: string,
  platform: NodeJS.Platform = process.platform,
  uid: number | undefined = process.getuid?.(),
): void {
  if (platform === "win32") return;
  if ((file.mode & 0o077) !== 0) {
    const who = (file.mode & 0o007) !== 0 ? "other users" : "its group";
    throw usageError(
      `Refusing to use ${what} ${file.path}: it holds admin tokens and its mode ` +
        `${file.mode.toString(8).padStart(4, "0")} lets ${who} read or change it. ` +
        `Run: chmod 600 ${file.path}`,
    );
  }
  if (uid !== undefined && file.uid !== uid && file.uid !== 0) {
    throw usageError(
      `Refusing to use ${what} ${file.path}: it holds admin tokens and belongs to another user ` +
        `(uid ${file.uid}). Use a file of your own, mode 600.`,
    );
  }
}
