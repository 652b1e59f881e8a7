/**
 * Runs the ```ts code blocks of README.md: each block is written to its own module inside the
 * package (so its imports resolve like the package's own), with `@pat/http` and its subpaths
 * pointed at the source, and imported. A block passes when it runs to the end; the blocks
 * assert their own outcomes with node:assert.
 */
import { fileURLToPath } from "node:url";
import { readmeBlocks, runReadmeBlock } from "@pat/tooling/readme";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

describe("README code blocks", () => {
  const all = readmeBlocks(packageDir);

  it("has a block for the Fetch core and each adapter", () => {
    expect(all.length).toBeGreaterThanOrEqual(5);
  });

  it.each(all.map((b) => [b.line, b] as const))(
    "runs the block at line %i",
    async (_line, block) => {
      await runReadmeBlock(packageDir, "@pat/http", block);
    },
  );
});
