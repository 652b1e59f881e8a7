/** Every ```ts block of README.md that runs without DynamoDB (the others: readme.ddb.test.ts). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readmeBlocks, runReadmeBlock } from "./support/readme.js";
import { assertNoSecretLeaked, captureConsole } from "./support/hygiene.js";

const blocks = readmeBlocks().filter((b) => !b.needsDynamoDB);

describe("README code blocks (memory)", () => {
  beforeAll(() => captureConsole({ silent: true }));
  afterAll(() => assertNoSecretLeaked());

  it("has blocks to run", () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  it.each(blocks.map((b) => [b.line, b] as const))(
    "runs the block at line %i",
    async (_line, block) => {
      await runReadmeBlock(block);
    },
  );
});
