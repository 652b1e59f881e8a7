/**
 * The YAML files `pat` reads, from real files: the sync file (validation with line numbers,
 * values never echoed), the endpoints config file (refused unless private), and where the admin
 * token comes from.
 */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertPrivate, readTextFile } from "../../src/internal/files.js";
import {
  checkTransport,
  configFilePath,
  loadEndpointsConfig,
  resolveNamedEndpoint,
  urlTarget,
} from "../../src/internal/endpoints.js";
import {
  mergeConfigs,
  resolveAdminToken,
  resolveMode,
  resolveTargets,
} from "../../src/internal/http-mode.js";
import { loadSyncFile } from "../../src/internal/sync/sync-file.js";
import { CliError } from "../../src/internal/exit-codes.js";

const ID_A = "Aa0".repeat(7);
const ID_B = "Bb1".repeat(7);
// Shaped like a token; made at run time so no fixture holds one.
const SECRET = `pat_${"Zz9".repeat(7)}.${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url")}`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pat-cli-files-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string, mode = 0o600): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  await chmod(path, mode);
  return path;
}

/** The CliError `promise` rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe("loadSyncFile", () => {
  it("reads tokens with defaults, expiries as ISO 8601, Unix seconds or null", async () => {
    const path = await file(
      "ok.yaml",
      [
        "tokens:",
        `  - tokenId: ${ID_A}`,
        "    owner: ci@example.com",
        "    roles: [deploy]",
        "    expiresAt: 2027-01-31",
        `  - tokenId: ${ID_B}`,
        "    owner: ops@example.com",
        "    isAdmin: true",
        "    revoked: true",
        "    expiresAt: 1801267200",
        `  - tokenId: ${"C".repeat(21)}`,
        "    owner: x",
        "    expiresAt: null",
        "",
      ].join("\n"),
      0o644,
    );
    const sync = await loadSyncFile(path);
    expect(sync.tokens).toEqual([
      {
        tokenId: ID_A,
        owner: "ci@example.com",
        isAdmin: false,
        revoked: false,
        roles: ["deploy"],
        expiresAt: 1801353600,
      },
      {
        tokenId: ID_B,
        owner: "ops@example.com",
        isAdmin: true,
        revoked: true,
        expiresAt: 1801267200,
      },
      { tokenId: "C".repeat(21), owner: "x", isAdmin: false, revoked: false, expiresAt: null },
    ]);
  });

  it("names each problem with its line and field, never with the value", async () => {
    const path = await file(
      "bad.yaml",
      [
        "tokens:",
        `  - tokenId: ${SECRET}`,
        "    owner: ''",
        "    isAdmin: yes",
        "    secretPhc: not-a-hash",
        "    expiresAt: next week",
        `  - tokenId: ${ID_A}`,
        "    owner: a",
        `    ${SECRET}: 1`,
        `  - tokenId: ${ID_A}`,
        "    owner: b",
        "",
      ].join("\n"),
    );
    const error = await failure(loadSyncFile(path));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `Invalid sync file ${path}: ` +
        "line 2: tokens[0].tokenId: expected a token id: 21 characters of A-Z, a-z, 0-9; " +
        "line 3: tokens[0].owner: must not be empty; " +
        "line 4: tokens[0].isAdmin: Invalid input: expected boolean, received string; " +
        "line 5: tokens[0].secretPhc: not a usable scrypt hash (invalid_phc); " +
        "line 6: tokens[0].expiresAt: expected an ISO 8601 time (e.g. 2027-01-31T00:00:00Z), Unix seconds, or null; " +
        "and 1 more",
    );
    expect(error.message).not.toContain(SECRET.slice(4));
  });

  it("reports unknown keys (odd ones by length), duplicate ids and duplicate keys", async () => {
    const unknown = await file(
      "unknown.yaml",
      [
        "tokens:",
        `  - tokenId: ${ID_A}`,
        "    owner: a",
        `    ${SECRET}: 1`,
        "    role: x",
        "",
      ].join("\n"),
    );
    const error = await failure(loadSyncFile(unknown));
    expect(error.message).toBe(
      `Invalid sync file ${unknown}: line 2: tokens[0]: unknown keys (an argument of ${SECRET.length} characters, not shown), role`,
    );
    const twice = await file(
      "twice.yaml",
      [
        "tokens:",
        `  - tokenId: ${ID_A}`,
        "    owner: a",
        `  - tokenId: ${ID_A}`,
        "    owner: b",
        "",
      ].join("\n"),
    );
    expect((await failure(loadSyncFile(twice))).message).toBe(
      `Invalid sync file ${twice}: line 4: tokens[1].tokenId: the same token id as tokens[0]`,
    );
    const keys = await file(
      "keys.yaml",
      ["tokens:", `  - tokenId: ${ID_A}`, "    owner: a", "    owner: b", ""].join("\n"),
    );
    expect((await failure(loadSyncFile(keys))).message).toBe(
      `Invalid sync file ${keys}: line 4: Map keys must be unique`,
    );
  });

  it("reports YAML syntax errors by line without quoting the file", async () => {
    const path = await file(
      "syntax.yaml",
      ["tokens:", `  - tokenId: ${ID_A}`, `   owner: ${SECRET}`, ""].join("\n"),
    );
    const error = await failure(loadSyncFile(path));
    expect(error.message).toBe(
      `Invalid sync file ${path}: line 3: Sequence item without - indicator`,
    );
    const stray = await file("stray.yaml", ["- a", `b: "${SECRET}"`, ""].join("\n"));
    expect((await failure(loadSyncFile(stray))).message).not.toContain(SECRET.slice(4));
  });

  it("refuses a sync file holding an admin token unless it is private", async () => {
    const text = ["defaults:", `  adminToken: ${SECRET}`, "tokens: []", ""].join("\n");
    const open = await file("open-sync.yaml", text, 0o644);
    const error = await failure(loadSyncFile(open));
    expect(error.message).toBe(
      `Refusing to use sync file ${open}: it holds admin tokens and its mode 0644 lets other users read or change it. Run: chmod 600 ${open}`,
    );
    expect((await loadSyncFile(await file("private-sync.yaml", text, 0o600))).defaults).toEqual({
      adminToken: SECRET,
    });
  });

  it("says when the file is missing or not a file", async () => {
    expect((await failure(loadSyncFile(join(dir, "none.yaml")))).message).toBe(
      `No sync file at ${join(dir, "none.yaml")}`,
    );
    expect((await failure(loadSyncFile(dir))).message).toBe(
      `Cannot read sync file ${dir}: not a regular file`,
    );
  });
});

describe("the endpoints config file", () => {
  const text = [
    "defaults:",
    "  adminPath: /api/admin",
    `  adminToken: ${SECRET}`,
    "endpoints:",
    "  prod:",
    "    url: https://api.example.com/",
    "  local:",
    "    url: http://127.0.0.1:3000",
    "    authPath: /oauth",
    "    adminToken: other-token-value",
    "",
  ].join("\n");

  it("resolves named endpoints with the defaults", async () => {
    const config = await loadEndpointsConfig(await file("config.yaml", text));
    expect(resolveNamedEndpoint("prod", config, "c")).toEqual({
      name: "prod",
      url: "https://api.example.com",
      authPath: "/auth",
      adminPath: "/api/admin",
      adminToken: SECRET,
    });
    expect(resolveNamedEndpoint("local", config, "c")).toEqual({
      name: "local",
      url: "http://127.0.0.1:3000",
      authPath: "/oauth",
      adminPath: "/api/admin",
      adminToken: "other-token-value",
    });
    expect(() => resolveNamedEndpoint("staging", config, "c")).toThrow(
      'No endpoint named "staging" in c (it has: prod, local)',
    );
  });

  it("is refused when its group or other users may read or change it, with the fix", async () => {
    for (const [mode, who] of [
      [0o644, "other users"],
      [0o640, "its group"],
      [0o620, "its group"],
      [0o602, "other users"],
    ] as const) {
      const path = await file(`config-${mode.toString(8)}.yaml`, text, mode);
      const error = await failure(loadEndpointsConfig(path));
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe(
        `Refusing to use config file ${path}: it holds admin tokens and its mode 0${mode.toString(8)} lets ${who} read or change it. Run: chmod 600 ${path}`,
      );
    }
  });

  it("is refused when another user owns it", async () => {
    const read = await readTextFile(await file("owned.yaml", text), "config file");
    expect(() => assertPrivate({ ...read, uid: 4242 }, "config file", "linux", 1000)).toThrow(
      "belongs to another user (uid 4242)",
    );
    expect(() => assertPrivate({ ...read, uid: 0 }, "config file", "linux", 1000)).not.toThrow();
    expect(() =>
      assertPrivate({ ...read, mode: 0o644 }, "config file", "win32", 1000),
    ).not.toThrow();
  });

  it("is found by --config, PAT_CONFIG, XDG_CONFIG_HOME or HOME", () => {
    expect(configFilePath("/x/c.yaml", { PAT_CONFIG: "/y" })).toBe("/x/c.yaml");
    expect(configFilePath(undefined, { PAT_CONFIG: "/y/c.yaml" })).toBe("/y/c.yaml");
    expect(configFilePath(undefined, { XDG_CONFIG_HOME: "/xdg", HOME: "/h" })).toBe(
      "/xdg/pat/config.yaml",
    );
    expect(configFilePath(undefined, { HOME: "/h" })).toBe("/h/.config/pat/config.yaml");
  });

  it("merges a sync file's endpoints over the config file's, field by field", () => {
    expect(
      mergeConfigs([
        {
          defaults: { adminPath: "/a" },
          endpoints: { prod: { url: "https://p", adminToken: "t1" } },
        },
        {
          defaults: { authPath: "/o" },
          endpoints: { prod: { adminToken: "t2" }, dev: { url: "https://d" } },
        },
      ]),
    ).toEqual({
      defaults: { adminPath: "/a", authPath: "/o" },
      endpoints: { prod: { url: "https://p", adminToken: "t2" }, dev: { url: "https://d" } },
    });
  });
});

describe("the HTTP mode", () => {
  it("is chosen by --url or --endpoint-name (or PAT_URL, PAT_ENDPOINT_NAME), never both", () => {
    expect(resolveMode({}, {})).toEqual({ kind: "dynamodb" });
    expect(resolveMode({ url: "https://a" }, { PAT_ENDPOINT_NAME: "p" })).toEqual({
      kind: "http",
      url: "https://a",
    });
    expect(resolveMode({}, { PAT_ENDPOINT_NAME: "p, q" })).toEqual({
      kind: "http",
      endpointNames: ["p", "q"],
    });
    expect(resolveMode({}, { PAT_URL: "https://b" })).toEqual({ kind: "http", url: "https://b" });
    expect(() => resolveMode({ url: "https://a", "endpoint-name": "p" }, {})).toThrow(
      "Options --url and --endpoint-name cannot be used together",
    );
    expect(() => resolveMode({ url: "https://a", table: "t" }, {})).toThrow(
      "Option --table is for direct DynamoDB access",
    );
  });

  it("refuses an admin token on the command line in any mode, without showing it", () => {
    for (const values of [{ "admin-token": SECRET }, { "admin-token": SECRET, url: "https://a" }]) {
      let message = "";
      try {
        resolveMode(values, {});
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^--admin-token takes only - \(read the token from standard input\)/);
      expect(message).not.toContain(SECRET);
    }
    expect(resolveMode({ "admin-token": "-" }, {})).toEqual({ kind: "dynamodb" });
  });

  it("takes a named endpoint's own admin token first, else stdin (-), else PAT_ADMIN_TOKEN", async () => {
    const named = {
      ...urlTarget("https://api.example.com"),
      name: "prod",
      adminToken: "from-file",
    };
    const bare = urlTarget("https://api.example.com");
    let reads = 0;
    const stdin = async () => {
      reads += 1;
      return "from-stdin";
    };
    const env = { PAT_ADMIN_TOKEN: "from-env" };
    expect(await resolveAdminToken({ "admin-token": "-" }, env, named, stdin)).toBe("from-file");
    expect(await resolveAdminToken({}, env, named, stdin)).toBe("from-file");
    expect(reads).toBe(0);
    expect(await resolveAdminToken({ "admin-token": "-" }, env, bare, stdin)).toBe("from-stdin");
    expect(await resolveAdminToken({}, env, bare, stdin)).toBe("from-env");
    await expect(resolveAdminToken({}, {}, bare, stdin)).rejects.toThrow(
      "No admin token for https://api.example.com: set PAT_ADMIN_TOKEN",
    );
  });

  it("refuses to send one PAT_ADMIN_TOKEN or stdin token to several servers unless --share-admin-token", async () => {
    const extra = (endpoints: Record<string, { url: string; adminToken?: string }>) => ({
      source: "sync.yaml",
      endpoints,
    });
    const mode = { kind: "http" as const, endpointNames: ["a", "b"] };
    const apart = extra({ a: { url: "https://a.example" }, b: { url: "https://b.example:8443" } });
    const message =
      "Refusing to send PAT_ADMIN_TOKEN to 2 different servers (https://a.example, https://b.example:8443)";
    await expect(resolveTargets(mode, {}, { PAT_ADMIN_TOKEN: SECRET }, apart)).rejects.toThrow(
      message,
    );
    await expect(resolveTargets(mode, { "admin-token": "-" }, {}, apart)).rejects.toThrow(
      "Refusing to send the admin token from standard input to 2 different servers",
    );
    const error = await failure(resolveTargets(mode, {}, { PAT_ADMIN_TOKEN: SECRET }, apart));
    expect(error.exitCode).toBe(2);
    expect(error.message).not.toContain(SECRET);
    const shared = { "share-admin-token": true } as Parameters<typeof resolveTargets>[1];
    await expect(
      resolveTargets(mode, shared, { PAT_ADMIN_TOKEN: SECRET }, apart),
    ).resolves.toHaveLength(2);
    // One server under two names, or servers that each have their own token: nothing is shared.
    const sameOrigin = extra({
      a: { url: "https://a.example/one" },
      b: { url: "https://a.example/two" },
    });
    await expect(
      resolveTargets(mode, {}, { PAT_ADMIN_TOKEN: SECRET }, sameOrigin),
    ).resolves.toHaveLength(2);
    const own = extra({
      a: { url: "https://a.example", adminToken: "token-a" },
      b: { url: "https://b.example", adminToken: "token-b" },
    });
    await expect(resolveTargets(mode, {}, { PAT_ADMIN_TOKEN: SECRET }, own)).resolves.toHaveLength(
      2,
    );
    // Without a token from stdin or the environment, there is nothing to share.
    await expect(resolveTargets(mode, {}, {}, apart)).resolves.toHaveLength(2);
  });

  it("refuses plain HTTP to another machine unless --allow-http, and malformed URLs", async () => {
    expect(() => checkTransport(urlTarget("http://api.example.com"), false)).toThrow(
      "Refusing to send the admin token to http://api.example.com over plain HTTP",
    );
    expect(() => checkTransport(urlTarget("http://api.example.com"), true)).not.toThrow();
    for (const local of ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:9"]) {
      expect(() => checkTransport(urlTarget(local), false)).not.toThrow();
    }
    expect(() => urlTarget(`https://user:${SECRET}@api.example.com`)).toThrow(
      "Invalid --url: expected an http(s) URL without credentials, query or fragment",
    );
    await expect(
      resolveTargets({ kind: "http", url: "https://a.example" }, { "admin-path": "no-slash" }, {}),
    ).rejects.toThrow("Invalid --admin-path: expected a path starting with /");
  });

  it("reads the config file only when an endpoint is not in the sync file", async () => {
    const missing = join(dir, "no-config.yaml");
    const extra = { source: "sync.yaml", endpoints: { dev: { url: "https://dev.example.com" } } };
    await expect(
      resolveTargets({ kind: "http", endpointNames: ["dev"] }, {}, { HOME: dir }, extra),
    ).resolves.toEqual([
      { name: "dev", url: "https://dev.example.com", authPath: "/auth", adminPath: "/admin" },
    ]);
    await expect(
      resolveTargets({ kind: "http", endpointNames: ["dev"] }, { config: missing }, {}, extra),
    ).rejects.toThrow(`No config file at ${missing}`);
  });
});
