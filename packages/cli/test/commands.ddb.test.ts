/**
 * Every `pat` command against DynamoDB Local, through the built program run in the test worker
 * (`run-in-process.ts`): text output, `--json` shapes and exit codes. Each test issues its own tokens; tests that need an empty table make one.
 */
import { uniqueTableName } from "@pat/tooling/dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { assertFreshBuild, baseEnv, json } from "./helpers/run-pat";
import { runPatInProcess as runPat } from "./helpers/run-in-process";
import type { RecordJson } from "../src/internal/records.js";

const endpoint = inject("dynamodbEndpoint");
const table = uniqueTableName("cli-commands");
const env = baseEnv(endpoint, table);
const pat = (args: readonly string[], options?: Parameters<typeof runPat>[2]) =>
  runPat(args, env, options);

async function issue(args: readonly string[] = []): Promise<{ token: string; record: RecordJson }> {
  const run = await pat(["issue", "--owner", "alice@example.com", "--json", ...args]);
  expect(run.code, run.stderr).toBe(0);
  return json(run);
}

async function freshTable(label: string): Promise<Record<string, string>> {
  const name = uniqueTableName(label);
  const created = await runPat(["create-table", "--table", name], env);
  expect(created.code, created.stderr).toBe(0);
  return { ...env, PAT_TABLE: name };
}

/** `token` with the first character of its secret changed (the last one has unused bits). */
function wrongSecret(token: string): string {
  const at = token.indexOf(".") + 1;
  return `${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;
}

beforeAll(async () => {
  assertFreshBuild();
  const run = await pat(["create-table", "--json"]);
  expect(run.code, run.stderr).toBe(0);
  expect(json(run)).toEqual({ tableName: table, created: true });
});

describe("pat create-table", () => {
  it("reports an existing table as not created and exits 0", async () => {
    const run = await pat(["create-table", "--json"]);
    expect(run.code).toBe(0);
    expect(json(run)).toEqual({ tableName: table, created: false });
    const text = await pat(["create-table"]);
    expect(text.stdout).toBe(
      `Table ${table} already exists; it has the owner index and TTL on expiresAt (added if missing)\n`,
    );
    const bare = await pat(["create-table", "--no-owner-index", "--no-ttl"]);
    expect(bare.stdout).toBe(`Table ${table} already exists; nothing changed\n`);
  });
});

describe("pat issue", () => {
  it("prints the token once with the record, and JSON {token, record}", async () => {
    const before = Math.floor(Date.now() / 1000);
    const { token, record } = await issue(["--admin", "--role", "reader", "--role", "writer"]);
    expect(token).toMatch(/^pat_[A-Za-z0-9]{21}\.[A-Za-z0-9_-]{43}$/);
    expect(record).toEqual({
      tokenId: token.slice(4, 25),
      owner: "alice@example.com",
      isAdmin: true,
      roles: ["reader", "writer"],
      createdAt: expect.any(Number),
      status: "active",
    });
    expect(record.createdAt).toBeGreaterThanOrEqual(before);
    expect(JSON.stringify(record)).not.toContain("scrypt");
  });

  it("writes the token first in text mode and warns on stderr that it is shown once", async () => {
    const run = await pat(["issue", "--owner", "bob"]);
    expect(run.code).toBe(0);
    const [first, blank, ...details] = run.stdout.split("\n");
    expect(first).toMatch(/^pat_[A-Za-z0-9]{21}\.[A-Za-z0-9_-]{43}$/);
    expect(blank).toBe("");
    expect(details.join("\n")).toMatch(/owner\s+bob\n/);
    expect(run.stderr).toContain("This token is shown once: store it now.");
  });

  it("sets the expiry from --expires-in and --expires-at", async () => {
    const now = Math.floor(Date.now() / 1000);
    const { record } = await issue(["--expires-in", "90d"]);
    expect(record.expiresAt).toBeGreaterThanOrEqual(now + 90 * 86_400);
    expect(record.expiresAt).toBeLessThanOrEqual(now + 90 * 86_400 + 5);
    const at = await issue(["--expires-at", "2099-01-02T03:04:05Z"]);
    expect(at.record.expiresAt).toBe(Date.UTC(2099, 0, 2, 3, 4, 5) / 1000);
    const day = await issue(["--expires-at", "2099-01-02"]);
    expect(day.record.expiresAt).toBe(Date.UTC(2099, 0, 2) / 1000);
  });

  it("uses --id and refuses a taken id with exit 1", async () => {
    const id = `CliIssue${Date.now().toString(36)}`.padEnd(21, "0").slice(0, 21);
    const { record } = await issue(["--id", id]);
    expect(record.tokenId).toBe(id);
    const again = await pat(["issue", "--owner", "x", "--id", id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`pat: Token ID already exists: ${id}`);
  });

  it("honours --prefix", async () => {
    const run = await pat(["issue", "--owner", "p", "--prefix", "acme_", "--json"]);
    expect(run.code).toBe(0);
    const { token } = json<{ token: string }>(run);
    expect(token.startsWith("acme_")).toBe(true);
    expect((await pat(["verify", token])).code).toBe(1);
    expect((await pat(["verify", token, "--prefix", "acme_"])).code).toBe(0);
  });
});

describe("colours", () => {
  it("colours text output when asked (FORCE_COLOR) and never JSON or NO_COLOR output", async () => {
    const { token, record } = await issue();
    const coloured = await pat(["show", record.tokenId], {
      env: { NO_COLOR: undefined, FORCE_COLOR: "1" },
    });
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toContain(`\u001b[1m${record.tokenId}\u001b[22m`);
    expect(coloured.stdout).toContain("\u001b[32mactive\u001b[39m");
    const jsonRun = await pat(["verify", token, "--json"], {
      env: { NO_COLOR: undefined, FORCE_COLOR: "1" },
    });
    expect(jsonRun.stdout).not.toContain("\u001b[");
    expect(json(jsonRun)).toMatchObject({ valid: true });
    const plain = await pat(["show", record.tokenId], { env: { FORCE_COLOR: "1" } });
    expect(plain.stdout).not.toContain("\u001b[");
  });
});

describe("pat verify", () => {
  it("exits 0 for a valid token and records lastUsedAt", async () => {
    const { token, record } = await issue(["--role", "ops"]);
    const run = await pat(["verify", token, "--json"]);
    expect(run.code).toBe(0);
    const body = json<{ valid: boolean; record: RecordJson }>(run);
    expect(body.valid).toBe(true);
    expect(body.record).toMatchObject({
      tokenId: record.tokenId,
      roles: ["ops"],
      status: "active",
    });
    expect(body.record.lastUsedAt).toEqual(expect.any(Number));
    const text = await pat(["verify", token]);
    expect(text.stdout.split("\n")[0]).toBe("valid");
  });

  it("reads the token from stdin with -", async () => {
    const { token } = await issue();
    const run = await pat(["verify", "-"], { input: `${token}\n` });
    expect(run.code).toBe(0);
  });

  it("exits 1 with the reason for a wrong secret, a malformed token and an unknown id", async () => {
    const { token } = await issue();
    const wrong = wrongSecret(token);
    const cases: [string, string][] = [
      [wrong, "invalid_secret"],
      ["pat_short.x", "invalid_format"],
      ["nope_abc", "invalid_prefix"],
      [`pat_${"Z".repeat(21)}.${"A".repeat(43)}`, "not_found"],
    ];
    for (const [candidate, reason] of cases) {
      const run = await pat(["verify", candidate, "--json"]);
      expect(run.code).toBe(1);
      expect(json(run)).toEqual({ valid: false, reason });
    }
    const text = await pat(["verify", wrong]);
    expect(text.stdout).toBe("invalid: invalid_secret (the secret does not match)\n");
  });
});

describe("pat show", () => {
  it("prints the record without its hash", async () => {
    const { record } = await issue(["--role", "reader"]);
    const run = await pat(["show", record.tokenId, "--json"]);
    expect(run.code).toBe(0);
    expect(json(run)).toEqual(record);
    const text = await pat(["show", record.tokenId]);
    expect(text.stdout).toMatch(new RegExp(`^id\\s+${record.tokenId}\\n`));
    expect(text.stdout).toMatch(/roles\s+reader\n/);
    expect(text.stdout).not.toContain("scrypt");
  });

  it("exits 3 for an unknown id and 2 for a malformed one", async () => {
    const missing = await pat(["show", "Y".repeat(21)]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(`pat: Token not found: ${"Y".repeat(21)}`);
    const malformed = await pat(["show", "abc"]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('Invalid token id "abc"');
  });
});

describe("pat update", () => {
  it("adds and removes roles, replaces and clears them", async () => {
    const { record } = await issue(["--role", "a"]);
    const id = record.tokenId;
    const added = json<RecordJson>(
      await pat(["update", id, "--add-role", "b", "--add-role", "c", "--json"]),
    );
    expect(added.roles.sort()).toEqual(["a", "b", "c"]);
    const removed = json<RecordJson>(await pat(["update", id, "--remove-role", "a", "--json"]));
    expect(removed.roles.sort()).toEqual(["b", "c"]);
    const set = json<RecordJson>(await pat(["update", id, "--set-roles", "z", "--json"]));
    expect(set.roles).toEqual(["z"]);
    const cleared = json<RecordJson>(await pat(["update", id, "--clear-roles", "--json"]));
    expect(cleared.roles).toEqual([]);
  });

  it("changes owner, admin flag and expiry", async () => {
    const { record } = await issue(["--expires-in", "1d"]);
    const id = record.tokenId;
    const changed = json<RecordJson>(
      await pat(["update", id, "--owner", "carol", "--admin", "--expires-in", "2w", "--json"]),
    );
    expect(changed).toMatchObject({ owner: "carol", isAdmin: true });
    expect(changed.expiresAt).toBeGreaterThan(record.expiresAt as number);
    const back = json<RecordJson>(await pat(["update", id, "--no-admin", "--no-expiry", "--json"]));
    expect(back.isAdmin).toBe(false);
    expect(back.expiresAt).toBeUndefined();
    expect(back.owner).toBe("carol");
  });

  it("refuses no change, conflicting flags, and an unknown id", async () => {
    const { record } = await issue();
    const nothing = await pat(["update", record.tokenId]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("`pat update` needs at least one change");
    const both = await pat(["update", record.tokenId, "--admin", "--no-admin"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("Options --admin and --no-admin cannot be used together");
    const roles = await pat(["update", record.tokenId, "--add-role", "x", "--remove-role", "y"]);
    expect(roles.code).toBe(2);
    const missing = await pat(["update", "Q".repeat(21), "--owner", "x"]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(`Token not found: ${"Q".repeat(21)}`);
  });
});

describe("labels: --name, --description, --meta", () => {
  it("sets them on issue, then changes, replaces and clears them with update", async () => {
    const { record } = await issue([
      "--name",
      "deploy bot",
      "--description",
      "ships main",
      "--meta",
      "team=ops",
      "--meta",
      "ticket=OPS-1=a",
    ]);
    expect(record).toMatchObject({
      name: "deploy bot",
      description: "ships main",
      metadata: { team: "ops", ticket: "OPS-1=a" },
    });
    const id = record.tokenId;
    const shown = json<RecordJson>(await pat(["show", id, "--json"]));
    expect(shown).toMatchObject({ name: "deploy bot", metadata: { team: "ops" } });
    const text = await pat(["show", id]);
    expect(text.stdout).toContain("deploy bot");
    const changed = json<RecordJson>(
      await pat([
        "update",
        id,
        "--name",
        "release bot",
        "--clear-description",
        "--meta",
        "team=platform",
        "--json",
      ]),
    );
    expect(changed.name).toBe("release bot");
    expect(changed.description).toBeUndefined();
    expect(changed.metadata).toEqual({ team: "platform" });
    const cleared = json<RecordJson>(
      await pat(["update", id, "--clear-name", "--clear-meta", "--json"]),
    );
    expect(cleared.name).toBeUndefined();
    expect(cleared.metadata).toBeUndefined();
    expect(cleared.owner).toBe("alice@example.com");
  });

  it("refuses a --meta without key=value, a repeated key, conflicting flags and a label out of bounds", async () => {
    const bad = await pat(["issue", "--owner", "refused-labels", "--meta", "novalue"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid --meta "novalue": expected key=value');
    const twice = await pat([
      "issue",
      "--owner",
      "refused-labels",
      "--meta",
      "k=1",
      "--meta",
      "k=2",
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('--meta "k" is given twice');
    const { record } = await issue();
    const both = await pat(["update", record.tokenId, "--name", "x", "--clear-name"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("Options --name and --clear-name cannot be used together");
    const long = await pat(["issue", "--owner", "refused-labels", "--name", "x".repeat(101)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/name/);
    const listed = json<RecordJson[]>(await pat(["list", "--owner", "refused-labels", "--json"]));
    expect(listed).toEqual([]);
  });
});

describe("pat revoke and pat restore", () => {
  it("revokes (verify then says revoked) and restores (verify valid again)", async () => {
    const { token, record } = await issue();
    const revoked = await pat(["revoke", record.tokenId, "--json"]);
    expect(revoked.code).toBe(0);
    expect(json<RecordJson>(revoked)).toMatchObject({
      status: "revoked",
      revokedAt: expect.any(Number),
    });
    const verify = await pat(["verify", token, "--json"]);
    expect(verify.code).toBe(1);
    expect(json(verify)).toMatchObject({
      valid: false,
      reason: "revoked",
      record: { status: "revoked" },
    });
    const again = await pat(["revoke", record.tokenId]);
    expect(again.code).toBe(0);
    const restored = await pat(["restore", record.tokenId, "--json"]);
    expect(restored.code).toBe(0);
    expect(json<RecordJson>(restored).status).toBe("active");
    expect((await pat(["verify", token])).code).toBe(0);
  });

  it("sets a cleanup expiry with --cleanup-in and gives back the old expiry on restore", async () => {
    const { record } = await issue(["--expires-in", "1w"]);
    const now = Math.floor(Date.now() / 1000);
    const revoked = json<RecordJson>(
      await pat(["revoke", record.tokenId, "--cleanup-in", "1d", "--json"]),
    );
    expect(revoked.expiresAt).toBeGreaterThanOrEqual(now + 86_400);
    expect(revoked.expiresAt).toBeLessThan(record.expiresAt as number);
    const restored = json<RecordJson>(await pat(["restore", record.tokenId, "--json"]));
    expect(restored.expiresAt).toBe(record.expiresAt);
  });

  it("exits 3 for an unknown id", async () => {
    expect((await pat(["revoke", "R".repeat(21)])).code).toBe(3);
    expect((await pat(["restore", "R".repeat(21)])).code).toBe(3);
  });
});

describe("pat list", () => {
  it("lists active tokens, filters by owner and role, and includes revoked/expired on request", async () => {
    const listEnv = await freshTable("cli-list");
    const run = (args: string[]) => runPat(["list", "--json", ...args], listEnv);
    const issueIn = async (args: string[]) =>
      json<{ record: RecordJson }>(await runPat(["issue", "--json", ...args], listEnv)).record;
    const a = await issueIn(["--owner", "ann", "--role", "reader"]);
    const b = await issueIn(["--owner", "ben", "--role", "writer"]);
    const c = await issueIn(["--owner", "ann"]);
    await runPat(["revoke", c.tokenId], listEnv);
    const ids = (records: RecordJson[]) => records.map((record) => record.tokenId).sort();

    expect(ids(json<RecordJson[]>(await run([])))).toEqual([a.tokenId, b.tokenId].sort());
    expect(ids(json<RecordJson[]>(await run(["--include-revoked"])))).toEqual(
      [a.tokenId, b.tokenId, c.tokenId].sort(),
    );
    expect(ids(json<RecordJson[]>(await run(["--owner", "ann"])))).toEqual([a.tokenId]);
    expect(ids(json<RecordJson[]>(await run(["--owner", "ann", "--include-revoked"])))).toEqual(
      [a.tokenId, c.tokenId].sort(),
    );
    expect(ids(json<RecordJson[]>(await run(["--role", "writer"])))).toEqual([b.tokenId]);
    expect(json<RecordJson[]>(await run(["--limit", "1"]))).toHaveLength(1);
    expect(json<RecordJson[]>(await run(["--owner", "nobody"]))).toEqual([]);

    const text = await runPat(["list"], listEnv);
    expect(text.stdout.split("\n")[0]).toMatch(
      /^ID\s+OWNER\s+ADMIN\s+ROLES\s+STATUS\s+CREATED\s+EXPIRES\s+LAST USED$/,
    );
    expect(text.stdout.trimEnd().split("\n")).toHaveLength(3);
  });

  it("hides expired tokens unless --include-expired", async () => {
    // DynamoDB Local deletes items whose TTL passed within seconds: these tables have no TTL.
    const source = uniqueTableName("cli-expired-src");
    const target = uniqueTableName("cli-expired-dst");
    for (const name of [source, target]) {
      expect((await runPat(["create-table", "--no-ttl", "--table", name], env)).code).toBe(0);
    }
    await runPat(["issue", "--owner", "old", "--expires-in", "1h", "--table", source], env);
    const line = JSON.parse((await runPat(["export", "--table", source], env)).stdout) as object;
    // An expired token, made by importing a record whose expiry has passed.
    const expired = { ...line, expiresAt: Math.floor(Date.now() / 1000) - 60 };
    const imported = await runPat(["import", "--table", target], env, {
      input: `${JSON.stringify(expired)}\n`,
    });
    expect(imported.code, imported.stderr).toBe(0);
    const listed = await runPat(["list", "--json", "--table", target], env);
    expect(json<RecordJson[]>(listed)).toEqual([]);
    const all = await runPat(["list", "--json", "--include-expired", "--table", target], env);
    expect(json<RecordJson[]>(all).map((record) => record.status)).toEqual(["expired"]);
  });

  it("says so on stderr when there is nothing to list", async () => {
    const listEnv = await freshTable("cli-list-empty");
    const run = await runPat(["list"], listEnv);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("No tokens.");
  });

  it("refuses a malformed --limit", async () => {
    const run = await pat(["list", "--limit", "0"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid --limit "0"');
  });
});

describe("pat generate and pat register", () => {
  it("generates without storage (no table needed) and registers the hash", async () => {
    const generated = await runPat(["generate", "--json"], baseEnv("http://127.0.0.1:1"));
    expect(generated.code).toBe(0);
    const body = json<{ token: string; tokenId: string; secretPhc: string }>(generated);
    expect(body.token.startsWith(`pat_${body.tokenId}.`)).toBe(true);
    expect(body.secretPhc).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$/);
    expect((await pat(["verify", body.token])).code).toBe(1);

    const registered = await pat(
      [
        "register",
        "--id",
        body.tokenId,
        "--phc",
        "-",
        "--owner",
        "dave",
        "--role",
        "svc",
        "--json",
      ],
      { input: `${body.secretPhc}\n` },
    );
    expect(registered.code, registered.stderr).toBe(0);
    expect(json<RecordJson>(registered)).toMatchObject({
      tokenId: body.tokenId,
      owner: "dave",
      roles: ["svc"],
      isAdmin: false,
    });
    expect(registered.stdout).not.toContain("scrypt");
    expect((await pat(["verify", body.token])).code).toBe(0);
  });

  it("makes fast hashes with --hash-algorithm hmac-sha256 (or PAT_HASH_ALGORITHM)", async () => {
    const generated = await runPat(
      ["generate", "--json", "--hash-algorithm", "hmac-sha256"],
      baseEnv("http://127.0.0.1:1"),
    );
    expect(generated.code, generated.stderr).toBe(0);
    const body = json<{ token: string; tokenId: string; secretPhc: string }>(generated);
    expect(body.secretPhc).toMatch(/^\$hmac-sha256\$v=1\$/);
    const registered = await pat(["register", "--id", body.tokenId, "--phc", "-", "--owner", "f"], {
      input: `${body.secretPhc}\n`,
    });
    expect(registered.code, registered.stderr).toBe(0);
    expect((await pat(["verify", body.token])).code).toBe(0);

    const issued = await runPat(["issue", "--owner", "fast", "--json"], {
      ...env,
      PAT_HASH_ALGORITHM: "hmac-sha256",
    });
    expect(issued.code, issued.stderr).toBe(0);
    const { token } = json<{ token: string }>(issued);
    // Verify reads the algorithm from the stored hash, whatever this run is configured with.
    expect((await pat(["verify", token])).code).toBe(0);

    const bad = await pat(["generate", "--hash-algorithm", "sha1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid --hash-algorithm "sha1": expected scrypt or hmac-sha256');
  });

  it("refuses a missing flag and a malformed hash", async () => {
    const missing = await pat(["register", "--id", "M".repeat(21)]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("`pat register` needs --phc, --owner");
    const bad = await pat(["register", "--id", "M".repeat(21), "--phc", "$nope$", "--owner", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain("$nope$");
  });
});

describe("pat bootstrap", () => {
  it("stores the first admin token once, on an empty table only", async () => {
    const bootEnv = await freshTable("cli-bootstrap");
    const generated = json<{ token: string; secretPhc: string }>(
      await runPat(["generate", "--json"], bootEnv),
    );
    const withPhc = { ...bootEnv, PAT_BOOTSTRAP_PHC: generated.secretPhc };
    const first = await runPat(["bootstrap", "-", "--owner", "root", "--json"], withPhc, {
      input: generated.token,
    });
    expect(first.code, first.stderr).toBe(0);
    expect(json(first)).toMatchObject({ valid: true, record: { owner: "root", isAdmin: true } });
    expect((await runPat(["verify", generated.token], bootEnv)).code).toBe(0);

    const second = await runPat(
      ["bootstrap", generated.token, "--owner", "root", "--bootstrap-phc", generated.secretPhc],
      bootEnv,
    );
    expect(second.code).toBe(1);
    expect(second.stdout).toContain("not bootstrapped: not_found");
  });

  it("needs --owner and the bootstrap hash", async () => {
    expect((await pat(["bootstrap", "x"])).stderr).toContain("`pat bootstrap` needs --owner");
    const noPhc = await pat(["bootstrap", "x", "--owner", "root"]);
    expect(noPhc.code).toBe(2);
    expect(noPhc.stderr).toContain("--bootstrap-phc or PAT_BOOTSTRAP_PHC");
  });
});

describe("pat count", () => {
  it("prints the approximate count and, with --exact, the scanned one", async () => {
    const countEnv = await freshTable("cli-count");
    await runPat(["issue", "--owner", "x"], countEnv);
    await runPat(["issue", "--owner", "y"], countEnv);
    const exact = await runPat(["count", "--exact", "--json"], countEnv);
    expect(json(exact)).toEqual({ count: 2, approximate: false });
    const approximate = await runPat(["count", "--json"], countEnv);
    expect(approximate.code).toBe(0);
    expect(json(approximate)).toEqual({ count: expect.any(Number), approximate: true });
    const text = await runPat(["count", "--exact"], countEnv);
    expect(text.stdout).toBe("2 tokens\n");
  });
});
