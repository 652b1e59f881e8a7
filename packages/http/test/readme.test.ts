/**
 * Runs the ```ts code blocks of README.md: each block is written to its own module inside the
 * package (so its imports resolve like the package's own), with `@pat/http` and its subpaths
 * pointed at the source, and imported. A block passes when it runs to the end; the blocks
 * assert their own outcomes with node:assert.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

function blocks(): Array<{ line: number; code: string }> {
  const lines = readFileSync(join(packageDir, "README.md"), "utf8").split("\n");
  const out: Array<{ line: number; code: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== "```ts") continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]?.trim() !== "```"; i++) body.push(lines[i] ?? "");
    out.push({ line: start + 1, code: body.join("\n") });
  }
  return out;
}

async function run(code: string, line: number): Promise<void> {
  const dir = mkdtempSync(join(packageDir, "test", ".readme-"));
  try {
    const source = (entry: string) =>
      relative(dir, join(packageDir, "src", `${entry}.ts`)).replace(/\\/g, "/");
    const rewritten = code.replace(
      /from "@pat\/http(?:\/(express|fastify|hono))?"/g,
      (_m, sub?: string) => `from "${source(sub ?? "index")}"`,
    );
    const file = join(dir, `block-line-${line}.ts`);
    writeFileSync(file, `${rewritten}\nexport {};\n`);
    await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("README code blocks", () => {
  const all = blocks();

  it("has a block for the Fetch core and each adapter", () => {
    expect(all.length).toBeGreaterThanOrEqual(5);
  });

  it.each(all.map((b) => [b.line, b] as const))(
    "runs the block at line %i",
    async (line, block) => {
      await run(block.code, line);
    },
  );
});
