/**
 * Bad input and failing storage through the built binary: one-line messages, the documented
 * exit codes (2 usage, 3 not found, 4 storage), stack traces only with --debug, JSON errors with
 * --json, and no secret in any message.
 */
import { randomBytes } from "node:crypto";
import { startFaultProxy, uniqueTableName } from "@pat/tooling/dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { assertFreshBuild, baseEnv, json, runPat } from "./helpers/run-pat";

const endpoint = inject("dynamodbEndpoint");
const env = baseEnv(endpoint, uniqueTableName("cli-errors-missing"));

function oneLine(stderr: string): string {
  const lines = stderr.split("\n").filter((line) => line !== "" && !line.startsWith("warning:"));
  expect(lines).toHaveLength(1);
  return lines[0] as string;
}

const b64 = (bytes: number) => randomBytes(bytes).toString("base64").replace(/=+$/, "");

beforeAll(() => assertFreshBuild());

describe("usage errors (exit 2)", () => {
  it("refuses an unknown flag, naming it and the command's help", async () => {
    const run = await runPat(["list", "--colour"], env);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe("pat: Unknown option --colour (see `pat list --help`)");
  });

  it("refuses an unknown command with a hint", async () => {
    const run = await runPat(["lst"], env);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(
      'pat: Unknown command "lst" (did you mean `pat list`?); run `pat --help`',
    );
  });

  it("refuses malformed durations and times with the accepted form", async () => {
    // The parser's cases are unit tests (test/internal/duration.test.ts); here, the wiring.
    for (const value of ["90x", "-5d"]) {
      const run = await runPat(["issue", "--owner", "x", `--expires-in=${value}`], env);
      expect(run.code, value).toBe(2);
      expect(oneLine(run.stderr)).toContain(`Invalid duration "${value}" for --expires-in`);
    }
    const dash = await runPat(["issue", "--owner", "x", "--expires-in", "-5d"], env);
    expect(dash.code).toBe(2);
    expect(oneLine(dash.stderr)).toContain("Option --expires-in needs a value");
    const past = await runPat(["issue", "--owner", "x", "--expires-at", "2001-01-01"], env);
    expect(past.code).toBe(2);
    expect(oneLine(past.stderr)).toBe('pat: --expires-at must be in the future, got "2001-01-01"');
    const garbage = await runPat(["issue", "--owner", "x", "--expires-at", "tomorrow"], env);
    expect(oneLine(garbage.stderr)).toContain('Invalid time "tomorrow" for --expires-at');
    const both = await runPat(
      ["issue", "--owner", "x", "--expires-in", "1d", "--expires-at", "2099-01-01"],
      env,
    );
    expect(oneLine(both.stderr)).toBe(
      "pat: Options --expires-in and --expires-at cannot be used together",
    );
  });

  it("needs a table, a value for string flags, and no extra arguments", async () => {
    const noTable = await runPat(["list"], { ...env, PAT_TABLE: "" });
    expect(noTable.code).toBe(2);
    expect(oneLine(noTable.stderr)).toBe(
      "pat: No table given: pass --table <name> or set PAT_TABLE",
    );
    const noValue = await runPat(["issue", "--owner"], env);
    expect(noValue.code).toBe(2);
    expect(oneLine(noValue.stderr)).toBe(
      "pat: Option --owner needs a value (see `pat issue --help`)",
    );
    const extra = await runPat(["count", "extra"], env);
    expect(oneLine(extra.stderr)).toBe(
      'pat: `pat count` takes no arguments, got "extra" (see `pat count --help`)',
    );
  });

  it("rejects an invalid owner from the library as a usage error", async () => {
    const run = await runPat(["issue", "--owner", "x".repeat(101)], env);
    expect(run.code).toBe(2);
  });

  it("never echoes a token given in the wrong place", async () => {
    const token = `pat_${"A".repeat(21)}.${"s3cr3t".repeat(7)}x`;
    for (const args of [[token], ["show", token], ["count", token]]) {
      const run = await runPat(args, env);
      expect(run.code).toBe(2);
      expect(run.stderr).not.toContain("s3cr3t");
    }
  });

  it("never echoes a token given as a flag value", async () => {
    const token = `pat_${"B".repeat(21)}.${"s3cr3t".repeat(7)}x`;
    for (const args of [
      ["issue", "--owner", "x", "--expires-in", token],
      ["issue", "--owner", "x", "--expires-at", token],
      ["list", "--limit", token],
      ["revoke", "B".repeat(21), "--cleanup-in", token],
    ]) {
      const run = await runPat(args, env);
      expect(run.code, args.join(" ")).toBe(2);
      expect(oneLine(run.stderr)).toContain(
        `(an argument of ${token.length} characters, not shown)`,
      );
      expect(run.stderr).not.toContain("s3cr3t");
    }
  });

  it("honours PAT_SCRYPT_COST only below the default and only with a non-AWS endpoint", async () => {
    const noEndpoint = await runPat(["generate"], { ...env, DYNAMODB_ENDPOINT: "" });
    expect(noEndpoint.code).toBe(2);
    expect(oneLine(noEndpoint.stderr)).toBe(
      "pat: PAT_SCRYPT_COST is for tests against a local endpoint (--endpoint or DYNAMODB_ENDPOINT, not AWS): unset it",
    );
    const aws = await runPat(
      ["generate", "--endpoint", "https://dynamodb.eu-west-1.amazonaws.com"],
      env,
    );
    expect(aws.code).toBe(2);
    expect(aws.stderr).toContain("PAT_SCRYPT_COST is for tests against a local endpoint");
    for (const cost of ["16384", "65536", "1000", "1"]) {
      const run = await runPat(["generate"], { ...env, PAT_SCRYPT_COST: cost });
      expect(run.code, cost).toBe(2);
      expect(oneLine(run.stderr)).toContain(`Invalid PAT_SCRYPT_COST "${cost}"`);
    }
    const unset = await runPat(["generate", "--json"], {
      ...env,
      DYNAMODB_ENDPOINT: "",
      PAT_SCRYPT_COST: "",
    });
    expect(unset.code, unset.stderr).toBe(0);
    expect(unset.stderr).toBe("");
    expect(json<{ secretPhc: string }>(unset).secretPhc).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$/);
  });

  it("prints help and the version", async () => {
    const help = await runPat(["--help"], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: pat <command> [options]");
    const commandHelp = await runPat(["revoke", "--help"], env);
    expect(commandHelp.stdout).toContain("pat revoke <id> [--cleanup-in <duration>]");
    const bare = await runPat([], env);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("Usage: pat <command> [options]");
    const version = await runPat(["--version"], env);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("storage errors (exit 4)", () => {
  it("names the missing table and how to create it", async () => {
    const run = await runPat(["list"], env);
    expect(run.code).toBe(4);
    expect(oneLine(run.stderr)).toBe(
      `pat: Table "${env.PAT_TABLE}" does not exist at ${endpoint}: create it with \`pat create-table\``,
    );
    expect((await runPat(["verify", `pat_${"A".repeat(21)}.${"A".repeat(43)}`], env)).code).toBe(4);
    const line = JSON.stringify({
      tokenId: "A".repeat(21),
      // A stand-in hash made at run time from random bytes (no file holds a hash-shaped string).
      secretPhc: ["", "scrypt", "ln=4,r=8,p=1", b64(16), b64(32)].join("$"),
      owner: "x",
      isAdmin: false,
      roles: [],
      createdAt: 1_700_000_000,
    });
    const imported = await runPat(["import"], env, { input: `${line}\n` });
    expect(imported.code).toBe(4);
    expect(oneLine(imported.stderr)).toContain(`pat: Table "${env.PAT_TABLE}" does not exist`);
  });

  it("names an unreachable endpoint, quickly", async () => {
    const started = Date.now();
    const run = await runPat(["show", "A".repeat(21)], {
      ...env,
      DYNAMODB_ENDPOINT: "http://127.0.0.1:1",
    });
    expect(run.code).toBe(4);
    expect(oneLine(run.stderr)).toBe(
      "pat: Cannot reach DynamoDB at http://127.0.0.1:1 (ECONNREFUSED)",
    );
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("shows the stack only with --debug", async () => {
    const args = ["list", "--endpoint", "http://127.0.0.1:1"];
    const plain = await runPat(args, env);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await runPat([...args, "--debug"], env);
    expect(debug.code).toBe(4);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it("keeps the PHC out of --debug output when DynamoDB's error quotes the request", async () => {
    const generated = json<{ secretPhc: string }>(
      await runPat(["generate", "--json"], baseEnv("http://127.0.0.1:1")),
    );
    const proxy = await startFaultProxy({ target: endpoint, faults: { echo: 1 } });
    try {
      const args = ["register", "--id", "A".repeat(21), "--phc", "-", "--owner", "o"];
      for (const extra of [["--debug"], ["--debug", "--json"]]) {
        const run = await runPat([...args, ...extra], baseEnv(proxy.endpoint, "echoed"), {
          input: `${generated.secretPhc}\n`,
        });
        expect(run.code).toBe(4);
        // The echo got through (redacted), the stack too, and the request id of the cause.
        expect(run.stderr).toContain("ValidationException");
        expect(run.stderr).toContain("One or more parameter values were invalid");
        expect(run.stderr).toContain("[redacted]");
        expect(run.stderr).toMatch(/\n\s+at /);
        expect(run.stderr).not.toContain(generated.secretPhc);
        expect(run.stderr).not.toContain(generated.secretPhc.slice(-43));
        expect(run.stderr).not.toMatch(/\$scrypt\$/);
        expect(run.stdout).toBe("");
      }
      expect(proxy.stats().echo).toBeGreaterThanOrEqual(2);
    } finally {
      await proxy.close();
    }
  });

  it("writes the error as one JSON line on stderr with --json", async () => {
    const run = await runPat(["list", "--json"], env);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe("");
    const line = oneLine(run.stderr);
    expect(JSON.parse(line)).toEqual({
      error: {
        message: expect.stringContaining("does not exist"),
        exitCode: 4,
        code: "STORAGE_ERROR",
      },
    });
  });

  // Adding an index to an existing table can take DynamoDB Local tens of seconds on a busy
  // machine, so the table-changing runs get a longer leash than the default 30 s.
  it("explains a missing owner index and create-table adds it", { timeout: 300_000 }, async () => {
    const table = uniqueTableName("cli-no-index");
    const tableEnv = { ...env, PAT_TABLE: table };
    const slow = { timeoutMs: 240_000 };
    expect((await runPat(["create-table", "--no-owner-index"], tableEnv, slow)).code).toBe(0);
    const run = await runPat(["list", "--owner", "x"], tableEnv);
    expect(run.code).toBe(4);
    expect(oneLine(run.stderr)).toBe(
      `pat: Table "${table}" has no owner index: \`pat create-table\` adds it (or list without --owner)`,
    );
    expect((await runPat(["create-table"], tableEnv, slow)).code).toBe(0);
    const fixed = await runPat(["list", "--owner", "x", "--json"], tableEnv);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toBe("[]\n");
  });

  it("refuses an endpoint that is not a URL", async () => {
    const run = await runPat(["list", "--endpoint", "localhost:8000"], env);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toContain('Invalid endpoint "localhost:8000"');
  });
});
