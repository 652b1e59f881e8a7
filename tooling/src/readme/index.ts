/**
 * Runs the fenced code blocks of a package README as tests, so every example a user copies has
 * run. Each block becomes its own module in a temporary folder inside the package (its imports
 * then resolve as the package's own do), with the package's own name and subpaths
 * (`@pat/http/express`) pointed at its source, and is imported: a block passes when its
 * top-level code runs to the end. Blocks assert their own outcomes (node:assert). Import as
 * `@pat/tooling/readme`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

/** One fenced block of a README. */
export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
}

/** The marker that keeps a block from running, on the line before its fence. */
const NOT_RUN = /^<!-- not run: .+ -->$/;

/**
 * Every block fenced as `language` in `<packageDir>/README.md`, in order, but those whose fence
 * follows a `<!-- not run: why -->` line (a fragment of another tool's language, a template
 * with the reader's own names): the reason is then written where the reader sees it.
 *
 * @example
 * ```ts
 * const blocks = readmeBlocks(packageDir); // the ```ts blocks
 * ```
 */
export function readmeBlocks(packageDir: string, language = "ts"): ReadmeBlock[] {
  const lines = readFileSync(join(packageDir, "README.md"), "utf8").split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== "```" + language) continue;
    const start = i;
    let before = i - 1;
    while (before >= 0 && lines[before]?.trim() === "") before--;
    const skip = NOT_RUN.test(lines[before]?.trim() ?? "");
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]?.trim() !== "```"; i++) body.push(lines[i] ?? "");
    if (!skip) blocks.push({ line: start + 1, code: body.join("\n") });
  }
  return blocks;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * Writes `block` as a module inside `packageDir` and imports it; resolves when its top-level code
 * finished, rejects with what it threw. `from "<packageName>"` imports read `src/index.ts`,
 * `from "<packageName>/<sub>"` read `src/<sub>.ts`.
 *
 * @example
 * ```ts
 * for (const block of readmeBlocks(packageDir)) await runReadmeBlock(packageDir, "@pat/core", block);
 * ```
 */
export async function runReadmeBlock(
  packageDir: string,
  packageName: string,
  block: ReadmeBlock,
): Promise<void> {
  const dir = mkdtempSync(join(packageDir, "test", ".readme-"));
  try {
    const source = (entry: string): string =>
      relative(dir, join(packageDir, "src", `${entry}.ts`)).replace(/\\/g, "/");
    const ownImport = new RegExp(`from "${escapeRegExp(packageName)}(?:/([a-z0-9-]+))?"`, "g");
    const code = block.code.replace(
      ownImport,
      (_match, sub?: string) => `from "${source(sub ?? "index")}"`,
    );
    const file = join(dir, `block-line-${block.line}.ts`);
    writeFileSync(file, `${code}\nexport {};\n`);
    await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
