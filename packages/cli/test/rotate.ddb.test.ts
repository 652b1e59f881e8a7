/**
 * `pat rotate` through the built program (in the test worker), on DynamoDB Local directly and through a real @pat/http
 * server: the new token printed once, the old token's grace (none, `--grace`, `--until-first-use`),
 * the JSON shape, the help text, and the exit codes of unknown tokens and refusing states.
 */
import { uniqueTableName } from "@pat/tooling/dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RecordJson } from "../src/internal/records.js";
import { startPatServer, type PatServer } from "./helpers/pat-server";
import { assertFreshBuild, baseEnv, json } from "./helpers/run-pat";
import { runPatInProcess as runPat } from "./helpers/run-in-process";

const endpoint = inject("dynamodbEndpoint");
const table = uniqueTableName("cli-rotate");
const env = baseEnv(endpoint, table);
const pat = (args: readonly string[]) => runPat(args, env);
let server: PatServer;
let adminToken: string;

interface Rotated {
  token: string;
  record: RecordJson;
  previous: { tokenId: string; graceEndsAt: number | null; untilFirstUse: boolean };
}

async function issue(): Promise<{ token: string; record: RecordJson }> {
  const run = await pat(["issue", "--owner", "ci@example.com", "--role", "deploy", "--json"]);
  expect(run.code, run.stderr).toBe(0);
  return json(run);
}

const verifies = async (token: string) => (await pat(["verify", token])).code === 0;

beforeAll(async () => {
  assertFreshBuild();
  // No TTL: a rotation without grace lowers the old token's expiry to now, and DynamoDB Local
  // deletes such items within seconds, so the old record could vanish before the next step reads it.
  const created = await pat(["create-table", "--no-ttl"]);
  expect(created.code, created.stderr).toBe(0);
  server = await startPatServer(endpoint);
  adminToken = (await server.pat.issue({ owner: "admin@example.com", isAdmin: true })).token;
});

afterAll(() => server?.close());

describe("pat rotate", () => {
  it("prints the new token once; the old one stops at once by default", async () => {
    const old = await issue();
    const run = await pat(["rotate", old.record.tokenId]);
    expect(run.code, run.stderr).toBe(0);
    const token = run.stdout.split("\n")[0] ?? "";
    expect(token).toMatch(/^pat_[A-Za-z0-9]{21}\./);
    expect(run.stdout).toMatch(new RegExp(`replaces +${old.record.tokenId}`));
    expect(run.stderr).toContain(`The old token ${old.record.tokenId} no longer works.`);
    expect(run.stderr).toContain("This token is shown once: store it now.");
    expect(await verifies(token)).toBe(true);
    const oldVerify = await pat(["verify", old.token, "--json"]);
    expect(json(oldVerify)).toMatchObject({ valid: false, reason: "revoked" });
    const shown = json<RecordJson>(await pat(["show", old.record.tokenId, "--json"]));
    expect(shown).toMatchObject({ status: "revoked", rotatedTo: token.slice(4, 25) });
  });

  it("keeps the old token for --grace, and answers JSON {token, record, previous}", async () => {
    const old = await issue();
    const before = Math.floor(Date.now() / 1000);
    const run = await pat(["rotate", old.record.tokenId, "--grace", "1h", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const rotated = json<Rotated>(run);
    expect(rotated.record).toMatchObject({
      owner: "ci@example.com",
      roles: ["deploy"],
      status: "active",
      rotatedFrom: old.record.tokenId,
    });
    expect(rotated.previous.tokenId).toBe(old.record.tokenId);
    expect(rotated.previous.graceEndsAt).toBeGreaterThanOrEqual(before + 3600);
    expect(rotated.previous.untilFirstUse).toBe(false);
    expect(await verifies(old.token)).toBe(true);
    expect(await verifies(rotated.token)).toBe(true);
  });

  it("with --until-first-use, keeps the old token until the new one is verified", async () => {
    const old = await issue();
    const run = await pat(["rotate", old.record.tokenId, "--until-first-use"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("keeps working until this token is first used.");
    const token = run.stdout.split("\n")[0] ?? "";
    expect(await verifies(old.token)).toBe(true);
    expect(await verifies(token)).toBe(true);
    expect(await verifies(old.token)).toBe(false);
  });

  it("exits 3 for an unknown token, 1 for a refusing state, 2 for a bad --grace", async () => {
    const missing = await pat(["rotate", "R".repeat(21)]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(`Token not found: ${"R".repeat(21)}`);
    const old = await issue();
    expect((await pat(["rotate", old.record.tokenId])).code).toBe(0);
    const again = await pat(["rotate", old.record.tokenId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Token was rotated already: ${old.record.tokenId}`);
    const bad = await pat(["rotate", (await issue()).record.tokenId, "--grace", "soon"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--grace");
  });

  it("documents itself in pat help rotate", async () => {
    const run = await pat(["help", "rotate"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("pat rotate <id> [--grace <duration>] [--until-first-use]");
    expect(run.stdout).toContain("--until-first-use");
  });

  it("rotates through the admin API with --url, with the same refusals", async () => {
    const httpEnv = {
      PATH: process.env["PATH"] ?? "",
      NO_COLOR: "1",
      PAT_ADMIN_TOKEN: adminToken,
    };
    const old = await server.pat.issue({ owner: "web@example.com" });
    const run = await runPat(
      ["--url", server.url, "rotate", old.record.tokenId, "--grace", "10m", "--json"],
      httpEnv,
    );
    expect(run.code, run.stderr).toBe(0);
    const rotated = json<Rotated>(run);
    expect(rotated.record.rotatedFrom).toBe(old.record.tokenId);
    expect((await server.pat.verify(old.token)).valid).toBe(true);
    expect((await server.pat.verify(rotated.token)).valid).toBe(true);
    const again = await runPat(["--url", server.url, "rotate", old.record.tokenId], httpEnv);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Token was rotated already: ${old.record.tokenId}`);
    const missing = await runPat(["--url", server.url, "rotate", "Q".repeat(21)], httpEnv);
    expect(missing.code).toBe(3);
    expect(`${run.stdout}${run.stderr}${again.stderr}`).not.toContain(adminToken);
  });
});
