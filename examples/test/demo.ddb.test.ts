/**
 * `pnpm demo` end to end: against the test endpoint it walks every step and exits 0; on its own
 * it starts DynamoDB Local and stops it again, also when a step fails.
 */
import { execFile } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";

const examplesDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = join(examplesDir, "node_modules", ".bin", "tsx");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runDemo(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      tsx,
      ["--conditions=@pat/source", "src/demo.ts"],
      {
        cwd: examplesDir,
        env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number") reject(error);
        else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
  });
}

/** Resolves true when something accepts TCP connections at `endpoint`. */
function listening(endpoint: string): Promise<boolean> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const STEPS = [
  "1. Create the table",
  "2. Issue a token",
  "3. Verify it",
  "4. Add the role writer",
  "5. List tokens by role",
  "6. Revoke alice's token",
  "7. Restore it",
  "8. Batch load",
  "9. Bootstrap the first admin token of a new, empty table",
];

describe("pnpm demo", () => {
  it("walks every step against a given endpoint and exits 0", async () => {
    const endpoint = inject("dynamodbEndpoint");
    const run = await runDemo({ DYNAMODB_ENDPOINT: endpoint });
    expect(run.code, run.stderr).toBe(0);
    for (const title of STEPS) expect(run.stdout).toContain(title);
    expect(run.stdout).toContain(`DynamoDB (env) at ${endpoint}`);
    expect(run.stdout).toContain("Demo complete.");
    // Secrets are shown cut short, never whole.
    expect(run.stdout).not.toMatch(/pat_[A-Za-z0-9]{21}\.[A-Za-z0-9_-]{43}/);
  });

  it("starts DynamoDB Local itself and stops it, also when a step fails", async () => {
    const run = await runDemo({ PAT_DYNAMODB_PROVIDER: "jar", PAT_DEMO_FAIL_AFTER_STEP: "3" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("demo failed: stopped after step 3");
    const endpoint = /DynamoDB \(jar\) at (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout)?.[1];
    expect(endpoint).toBeDefined();
    expect(await listening(endpoint as string)).toBe(false);
  });
});
