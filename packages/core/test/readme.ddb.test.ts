/** The ```ts blocks of README.md that talk to DynamoDB, run against DynamoDB Local. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpoint } from "./support/ddb.js";
import { readmeBlocks, runReadmeBlock } from "./support/readme.js";
import { assertNoSecretLeaked, captureConsole } from "./support/hygiene.js";

const blocks = readmeBlocks().filter((b) => b.needsDynamoDB);
const saved = { ...process.env };

describe("README code blocks (DynamoDB)", () => {
  beforeAll(() => {
    captureConsole({ silent: true });
    // The README reads DYNAMODB_ENDPOINT; DynamoDB Local accepts any credentials.
    process.env.DYNAMODB_ENDPOINT = endpoint;
    process.env.AWS_ACCESS_KEY_ID = "fakeMyKeyId";
    process.env.AWS_SECRET_ACCESS_KEY = "fakeSecretAccessKey";
  });
  afterAll(() => {
    process.env = saved;
    assertNoSecretLeaked();
  });

  it("has blocks to run", () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((b) => [b.line, b] as const))(
    "runs the block at line %i",
    async (_line, block) => {
      await runReadmeBlock(block);
    },
  );
});
