/**
 * Whether standard output is a shell redirect to a regular file (`pat export > tokens.jsonl`):
 * not a terminal, not a pipe, but a file whose mode the shell chose (typically 0644 under the
 * usual umask, readable by every local user). Commands that write hashes warn about it, since
 * `--output` creates its file with mode 0600.
 */
import { fstatSync } from "node:fs";

/** The permission bits of the regular file that `stdout` writes to, or `undefined` if it is none. */
export function redirectedFileMode(stdout: unknown): number | undefined {
  const { fd, isTTY } = stdout as { fd?: unknown; isTTY?: unknown };
  if (typeof fd !== "number" || isTTY === true) return undefined;
  try {
    const stats = fstatSync(fd);
    return stats.isFile() ? stats.mode & 0o777 : undefined;
  } catch {
    return undefined;
  }
}
