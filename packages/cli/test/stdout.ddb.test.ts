/**
 * `pat` and its standard output, through the built binary with real file descriptors: a closed
 * pipe never turns a verdict into exit 0 (only listing commands exit 0 quietly when their reader
 * is gone), and `export` warns when stdout is a shell redirect to a regular file.
 */
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uniqueTableName } from "@pat/tooling/dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { assertFreshBuild, baseEnv, binPath, json, runPat } from "./helpers/run-pat";

const endpoint = inject("dynamodbEndpoint");
const table = uniqueTableName("cli-stdout");
const env = baseEnv(endpoint, table);
const dir = mkdtempSync(join(tmpdir(), "pat-stdout-"));

interface Exit {
  code: number | null;
  stderr: string;
}

/**
 * Runs the binary with stdout a pipe whose read end is closed before `pat` writes anything (node
 * takes far longer to start than this process takes to close it), so its first write is EPIPE.
 */
function withClosedStdout(args: readonly string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stderr }));
  });
}

/** Runs the binary with stdout the file at `path` (as `> path` does), returning its stderr. */
function withStdoutFile(args: readonly string[], path: string): Promise<Exit> {
  const fd = openSync(path, "w", 0o644);
  return new Promise<Exit>((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      env,
      stdio: ["ignore", fd, "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stderr }));
  }).finally(() => closeSync(fd));
}

let validToken = "";

beforeAll(async () => {
  assertFreshBuild();
  const created = await runPat(["create-table"], env);
  expect(created.code, created.stderr).toBe(0);
  for (let i = 0; i < 3; i++) {
    const run = await runPat(["issue", "--owner", `owner-${i}@example.com`, "--json"], env);
    expect(run.code, run.stderr).toBe(0);
    validToken = json<{ token: string }>(run).token;
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pat with stdout a closed pipe", () => {
  it("verify exits 1 for a malformed token", async () => {
    expect((await withClosedStdout(["verify", "pat_not-a-token"])).code).toBe(1);
    expect((await withClosedStdout(["verify", "--json", "pat_not-a-token"])).code).toBe(1);
  });

  it("verify exits 1 for a well-formed token with a wrong secret", async () => {
    const at = validToken.indexOf(".") + 1;
    const wrong = `${validToken.slice(0, at)}${validToken[at] === "A" ? "B" : "A"}${validToken.slice(at + 1)}`;
    expect((await withClosedStdout(["verify", wrong])).code).toBe(1);
  });

  it("verify still exits 0 for a valid token", async () => {
    expect((await withClosedStdout(["verify", validToken])).code).toBe(0);
  });

  it("bootstrap exits 1 when the table is not empty", async () => {
    const generated = await runPat(["generate", "--json"], env);
    const { token, secretPhc } = json<{ token: string; secretPhc: string }>(generated);
    const run = await withClosedStdout([
      "bootstrap",
      token,
      "--owner",
      "root@example.com",
      "--bootstrap-phc",
      secretPhc,
    ]);
    expect(run.code).toBe(1);
  });

  it("list and export exit 0 quietly (the reader is done)", async () => {
    for (const args of [["list"], ["list", "--json"], ["export"]]) {
      const run = await withClosedStdout(args);
      expect(run.code, args.join(" ")).toBe(0);
      expect(run.stderr).not.toContain("cannot write output");
    }
  });
});

describe("pat export and file permissions", () => {
  it("warns on stderr when stdout is a redirect to a regular file", async () => {
    const path = join(dir, "redirected.jsonl");
    const run = await withStdoutFile(["export"], path);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      "warning: stdout is a file of mode 0644 (readable by other users) and the export holds hashes: prefer --output <file>, which creates it with mode 0600 and never overwrites",
    );
    expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(3);
  });

  it("does not warn with --output (mode 0600, no overwrite) nor into a pipe", async () => {
    const path = join(dir, "output.jsonl");
    const run = await runPat(["export", "--output", path], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("stdout is a file");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await runPat(["export", "--output", path], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Refusing to overwrite ${path}: it exists`);
    const piped = await runPat(["export"], env);
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toContain("stdout is a file");
  });

  it("documents --output first in its help", async () => {
    const help = await runPat(["export", "--help"], env);
    expect(help.stdout).toMatch(/Usage:\n\s+pat export --output tokens\.jsonl/);
  });
});
