import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as LocalModule from "../src/dynamodb/local";

// Anything that would start an emulator counts here; the env provider must start nothing.
const started = vi.hoisted(() => ({ jar: 0, docker: 0 }));
vi.mock("../src/dynamodb/local", async (importOriginal) => ({
  ...(await importOriginal<typeof LocalModule>()),
  startDynamoDBLocal: () => {
    started.jar++;
    return Promise.reject(new Error("startDynamoDBLocal must not be called"));
  },
}));
vi.mock("testcontainers", () => {
  started.docker++;
  throw new Error("testcontainers must not be loaded");
});

const { resolveDynamoDBEndpoint } = await import("../src/dynamodb/resolve");

const toolingDir = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("resolveDynamoDBEndpoint with DYNAMODB_ENDPOINT", () => {
  // Answers every request as DynamoDB answers ListTables.
  let server: Server;
  let endpoint: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(String(req.headers["x-amz-target"]));
      req.resume();
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify({ TableNames: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await new Promise((resolve) => server.close(resolve));
  });

  it("returns that endpoint first, even with a provider forced, and starts nothing", async () => {
    vi.stubEnv("DYNAMODB_ENDPOINT", endpoint);
    vi.stubEnv("PAT_DYNAMODB_PROVIDER", "jar");
    const resolved = await resolveDynamoDBEndpoint();
    expect(resolved.endpoint).toBe(endpoint);
    expect(resolved.provider).toBe("env");
    await resolved.stop();
    expect(started).toEqual({ jar: 0, docker: 0 });
    // It checked that the endpoint answers before handing it out.
    expect(requests).toContain("DynamoDB_20120810.ListTables");
  });
});

describe("resolveDynamoDBEndpoint with PAT_DYNAMODB_PROVIDER=jar and no java", () => {
  let emptyBin: string;
  beforeAll(() => {
    emptyBin = mkdtempSync(join(tmpdir(), "pat-no-java-"));
  });
  afterAll(() => {
    rmSync(emptyBin, { recursive: true, force: true });
  });

  it("fails with a message naming what to do", () => {
    // A child process whose PATH holds no java (node itself is started by absolute path).
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: emptyBin, PAT_DYNAMODB_PROVIDER: "jar" };
    delete env["DYNAMODB_ENDPOINT"];
    delete env["JAVA_HOME"];
    const program = [
      `const { resolveDynamoDBEndpoint } = await import(${JSON.stringify(
        join(toolingDir, "src", "dynamodb", "resolve.ts"),
      )});`,
      "try {",
      "  const r = await resolveDynamoDBEndpoint();",
      "  await r.stop();",
      "  console.log('RESOLVED ' + r.provider);",
      "} catch (error) { console.log('FAILED ' + error.message); }",
    ].join("\n");
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", program],
      { cwd: toolingDir, env, encoding: "utf8", timeout: 20_000 },
    );
    expect(result.stderr).toBe("");
    const out = result.stdout;
    expect(out).toMatch(
      /^FAILED No DynamoDB for the tests\. Set DYNAMODB_ENDPOINT, start Docker, or install Java 17\+\./,
    );
    // Only the jar was tried (no Docker detection), and its reason is actionable.
    expect(out).not.toMatch(/docker[:( ]/);
    expect(out).toMatch(/- jar \(amplify-dynamodb-simulator\): .*"java" was not found\./);
    expect(out).toContain("apt-get install -y openjdk-17-jre-headless");
    expect(out).toContain("set DYNAMODB_ENDPOINT to a running DynamoDB");
  });
});
