/**
 * `pat sync` on a DynamoDB table, through the built binary: the plan printed before changes,
 * `--dry-run`, what is stored afterwards (read back with @pat/core), exit codes 0 and 5, the
 * `--json` shape, and that nothing is written when the file is invalid. Fixtures are made
 * in-process (table, tokens, hashes at a low scrypt cost) to keep the number of processes small.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenTable, DynamoDBPat, type TokenRecord } from "@pat/core";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { assertFreshBuild, baseEnv, json, runPat } from "./helpers/run-pat";

const endpoint = inject("dynamodbEndpoint");
// The credentials `pat` signs with against a local endpoint: DynamoDB Local keeps tables apart
// per access key.
const client = testDynamoDBClient(endpoint, {
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
const SCRYPT = { scryptOptions: { cost: 16 } } as const;
let dir: string;

beforeAll(async () => {
  assertFreshBuild();
  dir = await mkdtemp(join(tmpdir(), "pat-cli-sync-"));
});

afterAll(async () => {
  client.destroy();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh table, a façade on it, and `pat` bound to it. */
async function freshTable(label: string) {
  const tableName = uniqueTableName(label);
  await createTokenTable({ client, tableName });
  const pat = new DynamoDBPat({ tableName, ddbClient: client, ...SCRYPT });
  const env = baseEnv(endpoint, tableName);
  return {
    tableName,
    pat,
    run: (args: readonly string[]) => runPat(args, env),
    /** Every stored record with its hash, by id. */
    async stored(): Promise<Map<string, TokenRecord>> {
      const records = new Map<string, TokenRecord>();
      for await (const record of pat.list({ includeSecretPhc: true }))
        records.set(record.tokenId, record);
      return records;
    },
  };
}

async function syncFile(name: string, lines: readonly string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}

describe("pat sync (DynamoDB)", () => {
  it("prints the plan, changes nothing with --dry-run, applies it, then has nothing to change", async () => {
    const table = await freshTable("cli-sync");
    const fresh = await table.pat.generate();
    const kept = await table.pat.issue({ owner: "old@example.com", roles: ["a", "b"] });
    const revoked = await table.pat.issue({ owner: "back@example.com" });
    await table.pat.revoke(revoked.record.tokenId);
    const toRevoke = await table.pat.issue({ owner: "leaver@example.com" });
    const orphan = await table.pat.issue({ owner: "orphan@example.com", expiresAt: 4_102_444_800 });
    const skipped = "S".repeat(21);
    const path = await syncFile("sync.yaml", [
      "tokens:",
      `  - tokenId: ${fresh.tokenId}`,
      "    owner: ci@example.com",
      "    roles: [deploy]",
      `    secretPhc: ${fresh.secretPhc}`,
      "    expiresAt: 2099-01-31T00:00:00Z",
      `  - tokenId: ${kept.record.tokenId}`,
      "    owner: new@example.com",
      "    isAdmin: true",
      "    roles: [b]",
      `  - tokenId: ${revoked.record.tokenId}`,
      "    owner: back@example.com",
      `  - tokenId: ${toRevoke.record.tokenId}`,
      "    owner: leaver@example.com",
      "    revoked: true",
      `  - tokenId: ${skipped}`,
      "    owner: nobody@example.com",
    ]);
    const before = await table.stored();
    const plan = [
      `Sync ${path} → table "${table.tableName}" at ${endpoint}`,
      `  create   ${fresh.tokenId}  ci@example.com: roles [deploy], expires 2099-01-31T00:00:00Z`,
      `  update   ${kept.record.tokenId}  new@example.com: owner old@example.com → new@example.com; isAdmin false → true; roles [a, b] → [b]`,
      `  restore  ${revoked.record.tokenId}  back@example.com`,
      `  revoke   ${toRevoke.record.tokenId}  leaver@example.com: revoked in the file`,
      `  skip     ${skipped}  nobody@example.com: absent, and the file gives no secretPhc to create it`,
    ];
    const dry = await table.run(["sync", path, "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(5);
    const orphanLine = dry.stdout.split("\n")[6] ?? "";
    expect(orphanLine).toMatch(
      new RegExp(
        `^  revoke   ${orphan.record.tokenId}  orphan@example.com: not in the file; cleanup at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$`,
      ),
    );
    expect(dry.stdout).toBe(
      [
        ...plan,
        orphanLine,
        "Plan: 1 to create, 1 to update, 1 to restore, 2 to revoke, 1 skipped, 0 unchanged",
        "Dry run: nothing was changed.",
        "",
      ].join("\n"),
    );
    expect(await table.stored()).toEqual(before);

    const now = Math.floor(Date.now() / 1000);
    const applied = await table.run(["sync", path]);
    expect(applied.code, applied.stderr).toBe(5);
    expect(applied.stdout).toContain(`${plan.join("\n")}\n`);
    expect(applied.stdout).toMatch(
      /\nDone: 1 created, 1 updated, 1 restored, 2 revoked, 1 skipped, 0 unchanged\.\n$/,
    );
    expect(`${applied.stdout}${applied.stderr}`).not.toContain("$scrypt$");
    const after = await table.stored();
    expect(after.get(fresh.tokenId)).toMatchObject({
      owner: "ci@example.com",
      isAdmin: false,
      roles: ["deploy"],
      secretPhc: fresh.secretPhc,
      expiresAt: Date.UTC(2099, 0, 31) / 1000,
    });
    expect(after.get(kept.record.tokenId)).toMatchObject({
      owner: "new@example.com",
      isAdmin: true,
      roles: ["b"],
    });
    expect(after.get(revoked.record.tokenId)?.revokedAt).toBeUndefined();
    expect(after.get(toRevoke.record.tokenId)?.revokedAt).toBeGreaterThanOrEqual(now);
    const orphanAfter = after.get(orphan.record.tokenId);
    expect(orphanAfter?.revokedAt).toBeGreaterThanOrEqual(now);
    expect(orphanAfter?.expiresAt).toBeGreaterThanOrEqual(now + 30 * 86_400);
    expect(orphanAfter?.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 30 * 86_400);
    expect(after.has(skipped)).toBe(false);
    expect(after.size).toBe(5);

    const again = await table.run(["sync", path]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(
      [
        `Sync ${path} → table "${table.tableName}" at ${endpoint}`,
        `  skip     ${skipped}  nobody@example.com: absent, and the file gives no secretPhc to create it`,
        "Plan: 1 skipped, 4 unchanged",
        "Nothing to change.",
        "",
      ].join("\n"),
    );
    const quiet = await table.run(["sync", path, "--json", "--dry-run"]);
    expect(quiet.code).toBe(0);
    expect(json(quiet)).toEqual({
      dryRun: true,
      changed: false,
      targets: [
        {
          target: `table "${table.tableName}" at ${endpoint}`,
          steps: [
            {
              action: "skip",
              tokenId: skipped,
              owner: "nobody@example.com",
              reason: "absent, and the file gives no secretPhc to create it",
            },
          ],
          summary: { create: 0, update: 0, revoke: 0, restore: 0, skip: 1, unchanged: 4 },
          applied: 0,
          warnings: [],
        },
      ],
    });
  });

  it("rotates a hash without showing either, reports --json steps, and honours --orphan-cleanup-in", async () => {
    const table = await freshTable("cli-sync-json");
    const first = await table.pat.generate();
    const second = await table.pat.generate({ tokenId: first.tokenId });
    await table.pat.register({ tokenId: first.tokenId, secretPhc: first.secretPhc, owner: "svc" });
    const orphan = await table.pat.issue({ owner: "orphan" });
    const path = await syncFile("rotate.yaml", [
      "tokens:",
      `  - tokenId: ${first.tokenId}`,
      "    owner: svc",
      `    secretPhc: "${second.secretPhc}"`,
      "    expiresAt: 4102444800",
    ]);
    const before = Math.floor(Date.now() / 1000);
    const run = await table.run(["sync", path, "--json", "--orphan-cleanup-in", "2d"]);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stdout).not.toContain("$scrypt$");
    const result = json<{
      changed: boolean;
      targets: { steps: Record<string, unknown>[]; applied: number }[];
    }>(run);
    expect(result.changed).toBe(true);
    expect(result.targets[0]?.applied).toBe(2);
    expect(result.targets[0]?.steps).toEqual([
      {
        action: "update",
        tokenId: first.tokenId,
        owner: "svc",
        changes: [{ field: "secretPhc" }, { field: "expiresAt", from: null, to: 4102444800 }],
      },
      {
        action: "revoke",
        tokenId: orphan.record.tokenId,
        owner: "orphan",
        reason: "not in the file",
        cleanupAt: expect.any(Number),
      },
    ]);
    const cleanupAt = result.targets[0]?.steps[1]?.["cleanupAt"] as number;
    expect(cleanupAt).toBeGreaterThanOrEqual(before + 2 * 86_400);
    expect(cleanupAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 2 * 86_400);
    const stored = await table.stored();
    expect(stored.get(first.tokenId)?.secretPhc).toBe(second.secretPhc);
    expect((await table.pat.verify(second.token)).valid).toBe(true);
    expect((await table.pat.verify(first.token)).valid).toBe(false);
  });

  it("writes nothing when the file is invalid, and reports a missing table with exit 4", async () => {
    const table = await freshTable("cli-sync-bad");
    const lone = await table.pat.issue({ owner: "lone" });
    const path = await syncFile("invalid.yaml", [
      "tokens:",
      "  - tokenId: AAAAAAAAAAAAAAAAAAAAA",
      "    owner: ok",
      "  - tokenId: BBBBBBBBBBBBBBBBBBBBB",
      "    owner: ok",
      "    roles: reader",
    ]);
    const bad = await table.run(["sync", path]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain(
      `pat: Invalid sync file ${path}: line 6: tokens[1].roles: Invalid input: expected array, received string\n`,
    );
    expect((await table.stored()).get(lone.record.tokenId)?.revokedAt).toBeUndefined();
    const empty = await syncFile("empty.yaml", ["tokens: []"]);
    const nothing = await table.run(["sync", empty]);
    expect(nothing.code).toBe(0);
    expect(nothing.stderr).toContain(`No tokens in ${empty}: nothing to sync.\n`);
    expect((await table.stored()).get(lone.record.tokenId)?.revokedAt).toBeUndefined();
    const valid = await syncFile("valid.yaml", [
      "tokens:",
      "  - tokenId: AAAAAAAAAAAAAAAAAAAAA",
      "    owner: x",
    ]);
    const missing = await runPat(
      ["sync", valid, "--table", uniqueTableName("cli-sync-none")],
      baseEnv(endpoint),
    );
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/pat: Table "cli-sync-none-[^"]+" does not exist at/);
  });
});
