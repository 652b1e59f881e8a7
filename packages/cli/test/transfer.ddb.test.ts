/**
 * `pat export` and `pat import` through the built program (in the test worker; the closed-pipe
 * case spawns the binary): JSON Lines with hashes, records kept as
 * they were (times, revocation), idempotent import, validation before any write, progress on
 * stderr with stdout kept clean.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uniqueTableName } from "@pat/tooling/dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { assertFreshBuild, baseEnv, binPath, json } from "./helpers/run-pat";
import { runPatInProcess as runPat } from "./helpers/run-in-process";

const endpoint = inject("dynamodbEndpoint");
const env = baseEnv(endpoint);

async function table(label: string): Promise<Record<string, string>> {
  const name = uniqueTableName(label);
  const run = await runPat(["create-table", "--table", name], env);
  expect(run.code, run.stderr).toBe(0);
  return { ...env, PAT_TABLE: name };
}

/**
 * A PHC string of the right shape with random salt and hash (no file holds a hash-shaped
 * string); `ln` 99 is out of range on purpose where a test wants it refused.
 */
function stubPhc(ln: number): string {
  const b64 = (bytes: number) => randomBytes(bytes).toString("base64").replace(/=+$/, "");
  return `$scrypt$ln=${ln},r=8,p=1$${b64(16)}$${b64(32)}`;
}

beforeAll(() => assertFreshBuild());

describe("pat export / pat import", () => {
  it("moves every token, hashes and state included, and the tokens verify in the new table", async () => {
    const from = await table("cli-export-from");
    const to = await table("cli-export-to");
    const tokens: string[] = [];
    for (const args of [
      ["--owner", "a", "--role", "r1"],
      ["--owner", "b", "--admin", "--expires-in", "30d"],
      ["--owner", "c"],
    ]) {
      tokens.push(json<{ token: string }>(await runPat(["issue", "--json", ...args], from)).token);
    }
    expect((await runPat(["verify", tokens[0] as string], from)).code).toBe(0);
    const revokedId = (tokens[2] as string).slice(4, 25);
    expect((await runPat(["revoke", revokedId], from)).code).toBe(0);

    const exported = await runPat(["export"], from);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain("Exported 3 tokens.");
    const lines = exported.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const record of records) {
      expect(Object.keys(record)).toEqual(
        expect.arrayContaining(["tokenId", "secretPhc", "owner", "isAdmin", "roles", "createdAt"]),
      );
      expect(record["secretPhc"]).toMatch(/^\$scrypt\$/);
    }

    const imported = await runPat(["import", "--json"], to, { input: exported.stdout });
    expect(imported.code, imported.stderr).toBe(0);
    expect(json(imported)).toEqual({ imported: 3, skipped: [] });

    const again = await runPat(["export"], to);
    const sort = (text: string) => text.trimEnd().split("\n").sort();
    // lastUsedAt, revokedAt and createdAt survive the move unchanged.
    expect(sort(again.stdout)).toEqual(sort(exported.stdout));
    expect((await runPat(["verify", tokens[1] as string], to)).code).toBe(0);
    const revoked = await runPat(["verify", tokens[2] as string, "--json"], to);
    expect(json(revoked)).toMatchObject({ valid: false, reason: "revoked" });
  });

  it("is idempotent: a second import skips every token and reports them", async () => {
    const from = await table("cli-idem-from");
    const to = await table("cli-idem-to");
    await runPat(["issue", "--owner", "x"], from);
    const { stdout } = await runPat(["export"], from);
    const tokenId = (JSON.parse(stdout) as { tokenId: string }).tokenId;
    expect((await runPat(["import"], to, { input: stdout })).stdout).toBe(
      "Imported 1 token, skipped 0.\n",
    );
    const second = await runPat(["import"], to, { input: stdout });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(`Imported 0 tokens, skipped 1.\n  skipped ${tokenId}: exists\n`);
    const secondJson = await runPat(["import", "--json"], to, { input: stdout });
    expect(json(secondJson)).toEqual({ imported: 0, skipped: [{ tokenId, reason: "exists" }] });
    const changed = JSON.stringify({ ...(JSON.parse(stdout) as object), owner: "mallory" });
    const conflicting = await runPat(["import", "--json"], to, { input: changed });
    expect(json(conflicting)).toEqual({
      imported: 0,
      skipped: [{ tokenId, reason: "exists with different data" }],
    });
    const shown = await runPat(["show", tokenId, "--json"], to);
    expect(json(shown)).toMatchObject({ owner: "x" });
  });

  it("writes nothing when any line is invalid, and never echoes a hash", async () => {
    const from = await table("cli-bad-from");
    const to = await table("cli-bad-to");
    await runPat(["issue", "--owner", "x"], from);
    const good = (await runPat(["export"], from)).stdout.trim();
    const record = JSON.parse(good) as Record<string, unknown>;
    const badPhc = JSON.stringify({
      ...record,
      tokenId: "B".repeat(21),
      secretPhc: stubPhc(99),
    });
    const input = [good, "not json", badPhc, JSON.stringify({ ...record, owner: "" })].join("\n");
    const run = await runPat(["import"], to, { input });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "Nothing imported: 3 invalid line(s): line 2: not valid JSON; line 3:",
    );
    expect(run.stderr).not.toContain("$scrypt$");
    expect(json(await runPat(["count", "--exact", "--json"], to))).toEqual({
      count: 0,
      approximate: false,
    });
  });

  it("writes to a new 0600 file with --output and reads it back with --input", async () => {
    const from = await table("cli-file-from");
    const to = await table("cli-file-to");
    await runPat(["issue", "--owner", "x"], from);
    const path = join(mkdtempSync(join(tmpdir(), "pat-cli-")), "tokens.jsonl");
    const exported = await runPat(["export", "--output", path], from);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toBe("");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, "utf8").trimEnd().split("\n")).toHaveLength(1);
    const overwrite = await runPat(["export", "--output", path], from);
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain(`Refusing to overwrite ${path}`);
    const imported = await runPat(["import", "--input", path, "--json"], to);
    expect(json(imported)).toEqual({ imported: 1, skipped: [] });
    const missing = await runPat(["import", "--input", join(path, "nope")], to);
    expect(missing.code).toBe(2);
  });

  it("reports progress on stderr while stdout stays pure JSON Lines", async () => {
    const from = await table("cli-progress");
    for (let index = 0; index < 3; index++) await runPat(["issue", "--owner", `o${index}`], from);
    const fast = { PAT_PROGRESS_AFTER_MS: "0", PAT_PROGRESS_EVERY_MS: "0" };
    const run = await runPat(["export"], from, { env: fast });
    expect(
      run.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as unknown),
    ).toHaveLength(3);
    expect(run.stderr).toContain("Exporting tokens: 3 so far");
    const list = await runPat(["list", "--json"], from, { env: fast });
    expect(json<unknown[]>(list)).toHaveLength(3);
    expect(list.stderr).toContain("Listing tokens: 3 so far");
    const moved = await runPat(["import", "--json"], await table("cli-progress-to"), {
      env: fast,
      input: run.stdout,
    });
    expect(json(moved)).toEqual({ imported: 3, skipped: [] });
    expect(moved.stderr).toContain("Importing tokens: 3 so far");
    const quiet = await runPat(["export", "--json"], from);
    expect(quiet.stderr).not.toContain("so far");
    // stderr: the PAT_SCRYPT_COST warning of the test setup, then the summary as JSON.
    const summary = quiet.stderr.trimEnd().split("\n").at(-1) as string;
    expect(JSON.parse(summary) as unknown).toEqual({ exported: 3 });
  });

  it("imports more than one batch (100) of tokens, and skips them all the second time", async () => {
    const to = await table("cli-many");
    const phc = stubPhc(4);
    const lines = Array.from({ length: 150 }, (_, index) =>
      JSON.stringify({
        tokenId: `M${String(index).padStart(20, "0")}`,
        secretPhc: phc,
        owner: `owner${index}`,
        isAdmin: false,
        roles: [],
        createdAt: 1_700_000_000 + index,
      }),
    );
    const first = await runPat(["import", "--json"], to, { input: lines.join("\n") });
    expect(first.code, first.stderr).toBe(0);
    expect(json(first)).toEqual({ imported: 150, skipped: [] });
    const second = await runPat(["import", "--json"], to, { input: lines.join("\n") });
    const skipped = json<{ imported: number; skipped: { reason: string }[] }>(second);
    expect(skipped.imported).toBe(0);
    expect(skipped.skipped).toHaveLength(150);
    expect(new Set(skipped.skipped.map((entry) => entry.reason))).toEqual(new Set(["exists"]));
    expect(json(await runPat(["count", "--exact", "--json"], to))).toEqual({
      count: 150,
      approximate: false,
    });
  });

  it("exits 0 quietly when the reader closes the pipe early (pat export | head)", async () => {
    const from = await table("cli-epipe");
    await runPat(["issue", "--owner", "x"], from);
    const child = spawn(process.execPath, [binPath, "export"], { env: from });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect(code).toBe(0);
    expect(stderr).not.toContain("EPIPE");
  });
});
