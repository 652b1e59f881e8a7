/**
 * Runs the ```ts code blocks of packages/client/README.md: each block is written to its own
 * module in a temporary folder inside the package (so its imports resolve like the package's
 * own), with `@pat/client` pointed at the source, and imported. A block passes when it runs to
 * the end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
}

/** Every ```ts block of the README, in order. */
export function readmeBlocks(): ReadmeBlock[] {
  const lines = readFileSync(join(packageDir, "README.md"), "utf8").split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== "```ts") continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]?.trim() !== "```"; i++) body.push(lines[i] ?? "");
    blocks.push({ line: start + 1, code: body.join("\n") });
  }
  return blocks;
}

/** Writes `block` as a module and imports it; resolves when its top-level code finished. */
export async function runReadmeBlock(block: ReadmeBlock): Promise<void> {
  const dir = mkdtempSync(join(packageDir, "test", ".readme-"));
  try {
    const index = relative(dir, join(packageDir, "src", "index.ts")).replace(/\\/g, "/");
    const code = block.code.replace(/from "@pat\/client"/g, `from "${index}"`);
    const file = join(dir, `block-line-${block.line}.ts`);
    writeFileSync(file, `${code}\nexport {};\n`);
    await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
