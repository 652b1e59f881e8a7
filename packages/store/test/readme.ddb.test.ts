/**
 * Every ```ts block of README.md runs to the end against DynamoDB Local, with `@pat/store`
 * pointed at the source. The blocks build `new DynamoDBClient({})`, which takes its endpoint,
 * region and credentials from the environment, as in production.
 */
import { fileURLToPath } from "node:url";
import { readmeBlocks, runReadmeBlock } from "@pat/tooling/readme";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const blocks = readmeBlocks(packageDir);

describe("README code blocks", () => {
  beforeAll(() => {
    vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", inject("dynamodbEndpoint"));
    vi.stubEnv("AWS_REGION", "us-east-1");
    vi.stubEnv("AWS_ACCESS_KEY_ID", "local");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "local");
    vi.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("has the quick start, both adapters and createTokenTable", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it.each(blocks.map((b) => [b.line, b] as const))(
    "runs the block at line %i",
    async (_line, block) => {
      await runReadmeBlock(packageDir, "@pat/store", block);
    },
  );
});
