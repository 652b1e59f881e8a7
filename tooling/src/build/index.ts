/**
 * Freshness of a package's build, for tests that load `dist/`: the newest modification time
 * under a folder, and a build with tsup when an output is missing or older than the sources.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The newest modification time (ms) of any file under `dir`, recursively; 0 for none. */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the package at `root` with tsup when one of `outputs` (names in `dist/`) is missing or
 * older than `src/` or `tsup.config.ts`.
 */
export function ensureBuilt(root: string, outputs: readonly string[]): void {
  const sources = Math.max(
    newestMtime(join(root, "src")),
    statSync(join(root, "tsup.config.ts")).mtimeMs,
  );
  const stale = outputs.some((file) => {
    const path = join(root, "dist", file);
    return !existsSync(path) || statSync(path).mtimeMs < sources;
  });
  if (stale) execFileSync("pnpm", ["exec", "tsup"], { cwd: root, stdio: "pipe" });
}
