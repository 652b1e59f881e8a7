/** Every ```ts block of README.md runs to the end, with `@pat/crypto` pointed at the source. */
import { fileURLToPath } from "node:url";
import { readmeBlocks, runReadmeBlock } from "@pat/tooling/readme";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const blocks = readmeBlocks(packageDir);

describe("README code blocks", () => {
  beforeAll(() => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it("has the quick start, the token walk-through and the PHC tools", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks.map((b) => [b.line, b] as const))(
    "runs the block at line %i",
    async (_line, block) => {
      await runReadmeBlock(packageDir, "@pat/crypto", block);
    },
  );
});
