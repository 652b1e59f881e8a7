/**
 * Every ```ts block of README.md, in order, against the real @pat/http server over DynamoDB
 * Local: `PAT_API_URL` is its address and `PAT_ADMIN_TOKEN` its bootstrap token (whose first
 * exchange makes it the first admin token). Console output is captured, and must hold no token.
 */
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { readmeBlocks, runReadmeBlock } from "./support/readme.js";
import { startPatServer, type PatServer } from "./support/pat-server.js";

const blocks = readmeBlocks();
let server: PatServer;
const logged: string[] = [];

beforeAll(async () => {
  server = await startPatServer(inject("dynamodbEndpoint"));
  vi.stubEnv("PAT_API_URL", server.url);
  vi.stubEnv("PAT_ADMIN_TOKEN", server.bootstrapToken);
  for (const method of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await server?.close();
});

describe("README code blocks", () => {
  it("has blocks to run", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
  });

  it.each(blocks.map((b) => [b.line, b] as const))(
    "runs the block at line %i",
    async (_line, block) => {
      await runReadmeBlock(block);
    },
  );

  it("logged something, and no token, secret or JWT", () => {
    expect(logged.length).toBeGreaterThan(5);
    const text = logged.join("\n");
    expect(text).not.toContain(server.bootstrapToken);
    expect(text).not.toMatch(/pat_[A-Za-z0-9]{21}\.[A-Za-z0-9_-]{16,}/);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./);
    expect(text).not.toMatch(/\$scrypt\$/);
  });
});
