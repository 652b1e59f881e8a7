/**
 * `pat list --state` and `--expiring-within`, through the built program (in the test worker): against DynamoDB Local
 * directly and through a real @pat/http server (`--url`), with the refusals of bad values.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uniqueTableName } from "@pat/tooling/dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RecordJson } from "../src/internal/records.js";
import { startPatServer, type PatServer } from "./helpers/pat-server";
import { assertFreshBuild, baseEnv, json } from "./helpers/run-pat";
import { runPatInProcess as runPat } from "./helpers/run-in-process";

const endpoint = inject("dynamodbEndpoint");
const table = uniqueTableName("cli-list-state");
const env = baseEnv(endpoint, table);
let server: PatServer;
let adminToken: string;
let dir: string;

beforeAll(async () => {
  assertFreshBuild();
  const created = await runPat(["create-table"], env);
  expect(created.code, created.stderr).toBe(0);
  dir = await mkdtemp(join(tmpdir(), "pat-cli-state-"));
  server = await startPatServer(endpoint);
  adminToken = (await server.pat.issue({ owner: "admin@example.com", isAdmin: true })).token;
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const ids = (records: RecordJson[]) => records.map((record) => record.tokenId).sort();

/** Issues three tokens of `owner` (3 days, 30 days, revoked) with `run`. */
async function seedTokens(run: (args: string[]) => ReturnType<typeof runPat>, owner: string) {
  const issue = async (args: string[]) => {
    const issued = await run(["issue", "--owner", owner, "--json", ...args]);
    expect(issued.code, issued.stderr).toBe(0);
    return json<{ record: RecordJson }>(issued).record.tokenId;
  };
  const soon = await issue(["--expires-in", "3d"]);
  const later = await issue(["--expires-in", "30d"]);
  const revoked = await issue([]);
  expect((await run(["revoke", revoked])).code).toBe(0);
  return { soon, later, revoked };
}

describe("pat list --state / --expiring-within", () => {
  for (const mode of ["DynamoDB", "--url"] as const) {
    it(`selects tokens by state and by expiry (${mode})`, async () => {
      const run =
        mode === "DynamoDB"
          ? (args: string[]) => runPat(args, env)
          : (args: string[]) =>
              runPat(["--url", server.url, ...args], {
                PATH: process.env["PATH"] ?? "",
                NO_COLOR: "1",
                HOME: dir,
                PAT_ADMIN_TOKEN: adminToken,
              });
      const owner = `state-${mode === "DynamoDB" ? "ddb" : "http"}@example.com`;
      const t = await seedTokens(run, owner);
      const list = async (args: string[]) => {
        const listed = await run(["list", "--owner", owner, "--json", ...args]);
        expect(listed.code, listed.stderr).toBe(0);
        return ids(json<RecordJson[]>(listed));
      };
      expect(await list(["--expiring-within", "7d"])).toEqual([t.soon]);
      expect(await list(["--expiring-within", "60d"])).toEqual([t.soon, t.later].sort());
      expect(await list(["--state", "revoked"])).toEqual([t.revoked]);
      expect(await list(["--state", "active"])).toEqual([t.soon, t.later].sort());
      expect(await list(["--state", "expired"])).toEqual([]);
      expect(await list(["--state", "all"])).toEqual([t.soon, t.later, t.revoked].sort());
      expect(await list(["--state", "active", "--expiring-within", "1w"])).toEqual([t.soon]);
    });
  }

  it("refuses a bad --state, --state with --include-*, and a bad --expiring-within", async () => {
    const bad = await runPat(["list", "--state", "gone"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'Invalid --state "gone": expected active, revoked, expired or all',
    );
    const both = await runPat(["list", "--state", "active", "--include-revoked"], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      "--state cannot be combined with --include-revoked or --include-expired",
    );
    const within = await runPat(["list", "--expiring-within", "1y"], env);
    expect(within.code).toBe(2);
    expect(within.stderr).toContain("for --expiring-within");
  });

  it("documents the flags in help", async () => {
    const help = await runPat(["list", "--help"], env);
    expect(help.stdout).toContain("--state <state>");
    expect(help.stdout).toContain("--expiring-within <duration>");
  });
});
