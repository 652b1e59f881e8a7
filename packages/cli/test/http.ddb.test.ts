/**
 * `pat` over HTTP, end to end: the built program (in the test worker) against a real @pat/http
 * server (127.0.0.1, port 0) over DynamoDB Local. Every command the admin API supports, `pat sync` by `--url`, by a
 * config file's named endpoint and by a sync file's own endpoints, where the admin token may
 * come from, and that it never appears in any output, `--debug` included.
 */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RecordJson } from "../src/internal/records.js";
import { serveProxy, type ServedProxy } from "@pat/tooling/http";
import { startPatServer, type PatServer } from "./helpers/pat-server";
import { assertFreshBuild, json, type RunOptions } from "./helpers/run-pat";
import { runPatInProcess as runPat } from "./helpers/run-in-process";

const endpoint = inject("dynamodbEndpoint");
let server: PatServer;
let adminToken: string;
let dir: string;

/** An environment with no DynamoDB settings and a home of its own (no real config file). */
function httpEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", HOME: dir, ...extra };
}

/** `pat --url <server> ...args` with the admin token in PAT_ADMIN_TOKEN. */
function patUrl(args: readonly string[], options?: RunOptions) {
  return runPat(["--url", server.url, ...args], httpEnv({ PAT_ADMIN_TOKEN: adminToken }), options);
}

beforeAll(async () => {
  assertFreshBuild();
  dir = await mkdtemp(join(tmpdir(), "pat-cli-http-"));
  server = await startPatServer(endpoint);
  adminToken = (await server.pat.issue({ owner: "admin@example.com", isAdmin: true })).token;
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("pat --url", () => {
  it("issues, shows, lists, updates, revokes, restores, registers and counts through the admin API", async () => {
    const issued = await patUrl([
      "issue",
      "--owner",
      "web@example.com",
      "--role",
      "reader",
      "--expires-in",
      "30d",
      "--json",
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    const { token, record } = json<{ token: string; record: RecordJson }>(issued);
    expect(record).toMatchObject({
      owner: "web@example.com",
      isAdmin: false,
      roles: ["reader"],
      status: "active",
    });
    expect((await server.pat.verify(token)).valid).toBe(true);
    const id = record.tokenId;

    const shown = await patUrl(["show", id]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^id\\s+${id}\\nowner\\s+web@example.com\\n`));

    const labelled = await patUrl(["update", id, "--name", "web", "--meta", "team=web", "--json"]);
    expect(labelled.code, labelled.stderr).toBe(0);
    expect(json<RecordJson>(labelled)).toMatchObject({ name: "web", metadata: { team: "web" } });
    const unlabelled = await patUrl(["update", id, "--clear-name", "--clear-meta", "--json"]);
    expect(unlabelled.code, unlabelled.stderr).toBe(0);
    expect(json<RecordJson>(unlabelled).name).toBeUndefined();
    expect(json<RecordJson>(unlabelled).metadata).toBeUndefined();

    const updated = await patUrl([
      "update",
      id,
      "--add-role",
      "writer",
      "--owner",
      "site@example.com",
      "--json",
    ]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(json<RecordJson>(updated)).toMatchObject({
      owner: "site@example.com",
      roles: ["reader", "writer"],
    });

    const revoked = await patUrl(["revoke", id, "--json"]);
    expect(json<RecordJson>(revoked).status).toBe("revoked");
    expect((await server.pat.verify(token)).reason).toBe("revoked");
    const listed = await patUrl([
      "list",
      "--owner",
      "site@example.com",
      "--include-revoked",
      "--json",
    ]);
    expect(json<RecordJson[]>(listed).map((entry) => [entry.tokenId, entry.status])).toEqual([
      [id, "revoked"],
    ]);
    expect(json<RecordJson>(await patUrl(["restore", id, "--json"])).status).toBe("active");

    const made = await server.pat.generate();
    const registered = await patUrl(
      ["register", "--id", made.tokenId, "--phc", "-", "--owner", "batch@example.com", "--json"],
      { input: `${made.secretPhc}\n` },
    );
    expect(registered.code, registered.stderr).toBe(0);
    expect((await server.pat.verify(made.token)).valid).toBe(true);

    const count = await patUrl(["count", "--json"]);
    expect(json(count)).toEqual({ count: 3, approximate: false });
  });

  it("answers exit 3 for an unknown id, 1 for a taken one, and refuses DynamoDB-only commands before any request", async () => {
    const missing = "M".repeat(21);
    for (const args of [
      ["show", missing],
      ["revoke", missing],
      ["update", missing, "--owner", "x"],
    ]) {
      const run = await patUrl(args);
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toBe(`pat: Token not found: ${missing}\n`);
    }
    const taken = (await server.pat.issue({ owner: "taken@example.com" })).record.tokenId;
    const again = await patUrl(["issue", "--owner", "x", "--id", taken]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`pat: Token ID already exists: ${taken}\n`);
    const before = server.served().length;
    for (const command of [
      ["create-table"],
      ["verify", "-"],
      ["export"],
      ["import"],
      ["bootstrap", "-", "--owner", "x"],
    ]) {
      const run = await patUrl(command, { input: "pat_x.y\n" });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `pat: \`pat ${command[0]}\` works on DynamoDB directly (--table) and is not available over the admin API (--url, --endpoint-name)\n`,
      );
    }
    expect(server.served().length).toBe(before);
  });
});

describe("pat sync over HTTP", () => {
  it("syncs by --url, then by a named endpoint of a private config file, and refuses a readable one", async () => {
    const made = await server.pat.generate();
    const path = join(dir, "tokens.yaml");
    await writeFile(
      path,
      [
        "tokens:",
        `  - tokenId: ${made.tokenId}`,
        "    owner: sync@example.com",
        `    secretPhc: ${made.secretPhc}`,
        "",
      ].join("\n"),
    );
    const dry = await patUrl(["sync", path, "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(5);
    expect(dry.stdout.split("\n")[0]).toBe(`Sync ${path} → ${server.url}`);
    expect(dry.stdout).toContain(`  create   ${made.tokenId}  sync@example.com\n`);
    // The admin token it runs with is not in the file: it stays valid, and says so.
    const adminId = adminToken.slice(4, 25);
    expect(dry.stdout).toContain(
      `  skip     ${adminId}  admin@example.com: not in the file, but it is the admin token this sync runs with: left valid\n`,
    );
    expect((await server.pat.batchLoad([made.tokenId])).found).toEqual([]);

    const applied = await patUrl(["sync", path]);
    expect(applied.code, applied.stderr).toBe(5);
    expect((await server.pat.verify(made.token)).record?.owner).toBe("sync@example.com");
    expect((await server.pat.verify(adminToken)).valid).toBe(true);

    const config = join(dir, "config.yaml");
    await writeFile(
      config,
      [
        "endpoints:",
        "  local:",
        `    url: ${server.url}`,
        `    adminToken: ${adminToken}`,
        "",
      ].join("\n"),
    );
    await chmod(config, 0o600);
    const named = await runPat(
      ["sync", path, "--endpoint-name", "local", "--config", config],
      httpEnv(),
    );
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toMatch(/\nNothing to change\.\n$/);
    await chmod(config, 0o644);
    const refused = await runPat(
      ["list", "--endpoint-name", "local"],
      httpEnv({ PAT_CONFIG: config }),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `pat: Refusing to use config file ${config}: it holds admin tokens and its mode 0644 lets other users read or change it. Run: chmod 600 ${config}\n`,
    );
  });

  it("syncs to a sync file's own endpoints; on a server refusing hashes, a token whose hash it cannot compare needs --no-compare-hashes", async () => {
    const made = await server.pat.generate();
    const path = join(dir, "with-endpoints.yaml");
    const write = (secretPhc: string) =>
      writeFile(
        path,
        [
          "endpoints:",
          "  nohash:",
          `    url: ${server.urlWithoutHashes}`,
          "tokens:",
          `  - tokenId: ${made.tokenId}`,
          "    owner: own@example.com",
          `    secretPhc: ${secretPhc}`,
          `  - tokenId: ${adminToken.slice(4, 25)}`,
          "    owner: admin@example.com",
          "    isAdmin: true",
          "",
        ].join("\n"),
      );
    await write(made.secretPhc);
    const env = httpEnv({ PAT_ADMIN_TOKEN: adminToken });
    // The token is absent: it is created from the file's hash, nothing needs comparing.
    const created = await runPat(["sync", path, "--json"], env);
    expect(created.code, created.stderr).toBe(5);
    const result = json<{
      targets: {
        target: string;
        warnings: string[];
        steps: { action: string; tokenId: string }[];
      }[];
    }>(created);
    expect(result.targets.map((target) => target.target)).toEqual([
      `endpoint "nohash" (${server.urlWithoutHashes})`,
    ]);
    expect(result.targets[0]?.warnings).toEqual([]);
    expect(result.targets[0]?.steps).toContainEqual(
      expect.objectContaining({ action: "create", tokenId: made.tokenId }),
    );
    expect((await server.pat.verify(made.token)).valid).toBe(true);

    // Now it exists, and the file rotates its hash: this server cannot show whether it differs.
    const rotated = await server.pat.generate();
    await write(rotated.secretPhc);
    const refused = await runPat(["sync", path], env);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      `pat: endpoint "nohash" (${server.urlWithoutHashes}) does not give token hashes (includeSecretPhc refused), ` +
        `so the secretPhc of 1 existing token(s) in ${path} cannot be compared: pass --no-compare-hashes ` +
        "to sync without comparing them (a changed hash is then not applied), or let the server give " +
        "hashes to admins (allowSecretPhc)\n",
    );
    const accepted = await runPat(["sync", path, "--no-compare-hashes"], env);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/\nNothing to change\.\n$/);
    expect(accepted.stderr).toContain(
      "the secretPhc of 1 existing token(s) is not compared (--no-compare-hashes)",
    );
    // Neither run changed the hash.
    expect((await server.pat.verify(made.token)).valid).toBe(true);
  });
});

describe("the admin token", () => {
  it("comes from standard input with --admin-token -, and is refused on the command line without being shown", async () => {
    const fromStdin = await runPat(
      ["--url", server.url, "count", "--admin-token", "-", "--json"],
      httpEnv(),
      {
        input: `${adminToken}\n`,
      },
    );
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(json<{ count: number }>(fromStdin).count).toBeGreaterThan(0);
    const onArgv = await runPat(
      ["--url", server.url, "list", `--admin-token=${adminToken}`],
      httpEnv(),
    );
    expect(onArgv.code).toBe(2);
    expect(onArgv.stderr).toMatch(
      /^pat: --admin-token takes only - \(read the token from standard input\)/,
    );
    const none = await runPat(["--url", server.url, "list"], httpEnv());
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      `pat: No admin token for ${server.url}: set PAT_ADMIN_TOKEN, give adminToken in the config file, or pass --admin-token - and write it on standard input\n`,
    );
    const twice = await runPat(
      [
        "--url",
        server.url,
        "register",
        "--id",
        "A".repeat(21),
        "--phc",
        "-",
        "--owner",
        "x",
        "--admin-token",
        "-",
      ],
      httpEnv(),
      {
        input: `${adminToken}\n`,
      },
    );
    expect(twice.code).toBe(2);
    for (const run of [fromStdin, onArgv, none, twice]) {
      expect(`${run.stdout}${run.stderr}`).not.toContain(adminToken.slice(4));
    }
  });

  describe("with several endpoints", () => {
    let proxies: ServedProxy[] = [];
    let tokenA: string;
    let tokenB: string;
    let envToken: string;
    let syncFile: string;

    beforeAll(async () => {
      proxies = await Promise.all([serveProxy(server.url), serveProxy(server.url)]);
      const admins = await Promise.all(
        ["a", "b", "env"].map((name) =>
          server.pat.issue({ owner: `admin-${name}@example.com`, isAdmin: true }),
        ),
      );
      [tokenA, tokenB, envToken] = admins.map((issued) => issued.token) as [string, string, string];
      syncFile = join(dir, "routing.yaml");
      await writeFile(
        syncFile,
        ["tokens:", `  - tokenId: ${"R".repeat(21)}`, "    owner: routing@example.com", ""].join(
          "\n",
        ),
      );
    });
    afterAll(async () => {
      await Promise.all(proxies.map((proxy) => proxy.close()));
    });

    /** Tokens each proxy (each server) received at the token endpoint. */
    function exchanged(): string[][] {
      const tokens = proxies.map((proxy) =>
        proxy.seen
          .filter((r) => r.path === "/auth/token")
          .map((r) => r.authorization?.replace(/^Bearer /, "") ?? ""),
      );
      for (const proxy of proxies) proxy.seen.length = 0;
      return tokens;
    }

    async function config(name: string, withTokens: boolean): Promise<string> {
      const path = join(dir, name);
      const [a, b] = proxies;
      await writeFile(
        path,
        [
          "endpoints:",
          "  a:",
          `    url: ${a?.url}`,
          ...(withTokens ? [`    adminToken: ${tokenA}`] : []),
          "  b:",
          `    url: ${b?.url}`,
          ...(withTokens ? [`    adminToken: ${tokenB}`] : []),
          "",
        ].join("\n"),
      );
      await chmod(path, 0o600);
      return path;
    }

    it("sends each endpoint its own configured token, never PAT_ADMIN_TOKEN", async () => {
      const path = await config("routing-own.yaml", true);
      const run = await runPat(
        ["sync", syncFile, "--dry-run", "--endpoint-name", "a,b", "--config", path],
        httpEnv({ PAT_ADMIN_TOKEN: envToken }),
      );
      expect(run.code, run.stderr).toBe(5);
      expect(exchanged()).toEqual([[tokenA], [tokenB]]);
      const single = await runPat(
        ["list", "--endpoint-name", "b", "--config", path],
        httpEnv({ PAT_ADMIN_TOKEN: envToken }),
      );
      expect(single.code, single.stderr).toBe(0);
      expect(exchanged()).toEqual([[], [tokenB]]);
    });

    it("refuses to send one PAT_ADMIN_TOKEN or stdin token to several servers, before any request", async () => {
      const path = await config("routing-none.yaml", false);
      const args = ["sync", syncFile, "--dry-run", "--endpoint-name", "a,b", "--config", path];
      const [a, b] = proxies;
      const origins = `${a?.url}, ${b?.url}`;
      const fromEnv = await runPat(args, httpEnv({ PAT_ADMIN_TOKEN: envToken }));
      expect(fromEnv.code).toBe(2);
      expect(fromEnv.stderr).toBe(
        `pat: Refusing to send PAT_ADMIN_TOKEN to 2 different servers (${origins}): give each endpoint ` +
          "its own adminToken in the config file, sync one endpoint at a time, or pass " +
          "--share-admin-token if that one token is meant for all of them\n",
      );
      const fromStdin = await runPat([...args, "--admin-token", "-"], httpEnv(), {
        input: `${envToken}\n`,
      });
      expect(fromStdin.code).toBe(2);
      expect(fromStdin.stderr).toMatch(
        /^pat: Refusing to send the admin token from standard input to 2 different servers/,
      );
      expect(exchanged()).toEqual([[], []]);
      expect(proxies.map((proxy) => proxy.seen.length)).toEqual([0, 0]);

      const shared = await runPat(
        [...args, "--share-admin-token"],
        httpEnv({ PAT_ADMIN_TOKEN: envToken }),
      );
      expect(shared.code, shared.stderr).toBe(5);
      expect(exchanged()).toEqual([[envToken], [envToken]]);
      for (const run of [fromEnv, fromStdin, shared]) {
        for (const token of [tokenA, tokenB, envToken]) {
          expect(`${run.stdout}${run.stderr}`).not.toContain(token.slice(4));
        }
      }
    });
  });

  it("never appears in errors or --debug output when it is refused or the server is unreachable", async () => {
    const user = (await server.pat.issue({ owner: "not-admin@example.com" })).token;
    const secrets = [adminToken, user];
    const notAdmin = await runPat(
      ["--url", server.url, "list", "--debug"],
      httpEnv({ PAT_ADMIN_TOKEN: user }),
    );
    expect(notAdmin.code).toBe(4);
    expect(notAdmin.stderr).toMatch(/^pat: .*HTTP 403.*\(the token is not an admin token\)\n/);
    const wrong = `${adminToken.slice(0, -4)}AAAA`;
    secrets.push(wrong);
    const refused = await runPat(
      ["--url", server.url, "sync", join(dir, "tokens.yaml"), "--debug", "--json"],
      httpEnv({ PAT_ADMIN_TOKEN: wrong }),
    );
    expect(refused.code).toBe(4);
    expect(JSON.parse(refused.stderr.split("\n")[0] ?? "")).toMatchObject({
      error: { exitCode: 4, code: "HTTP_ERROR" },
    });
    expect(refused.stderr).toContain("the server refused the admin token");
    const down = await runPat(
      ["--url", "http://127.0.0.1:1", "show", "A".repeat(21), "--debug"],
      httpEnv({ PAT_ADMIN_TOKEN: adminToken }),
    );
    expect(down.code).toBe(4);
    expect(down.stderr).toMatch(/^pat: Failed to authenticate/);
    for (const run of [notAdmin, refused, down]) {
      for (const secret of secrets)
        expect(`${run.stdout}${run.stderr}`).not.toContain(secret.slice(4));
    }
  });
});
