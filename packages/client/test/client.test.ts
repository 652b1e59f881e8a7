/**
 * The requests AccessTokensClient sends (paths, methods, query strings, headers, bodies: the
 * wire format of @access-tokens/client) and how it reads answers, against a recording
 * node:http server on 127.0.0.1. The admin API's semantics are tested end to end against
 * @pat/http in e2e.ddb.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccessTokensClient, InvalidResponseError, PatClientError } from "../src/index.js";
import { fakeTime, startTestServer, tokenReply, type TestServer } from "./support/server.js";

const ID = "abc123def456ghi789jkl";
const record = { tokenId: ID, owner: "alice", isAdmin: false, createdAt: 1, lastUsedAt: null };
const API_KEY = "pat_ZZZZZZZZZZZZZZZZZZZZZ.c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2U";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.script("/auth/token", tokenReply("jwt-1"));
});

function newClient(options: { authPath?: string; adminPath?: string; endpoint?: string } = {}) {
  const time = fakeTime();
  const client = new AccessTokensClient({
    endpoint: server.url,
    apiKey: API_KEY,
    clock: time.clock,
    retry: { sleep: time.sleep },
    ...options,
  });
  return { client, time };
}

function adminRequests() {
  return server.requests.filter((r) => !r.url.startsWith("/auth/"));
}

describe("PAT→JWT exchange", () => {
  it("posts the PAT as bearer to {authPath}/token and uses the JWT for admin calls", async () => {
    server.script("/admin/tokens", { status: 200, json: { records: [] } });
    const { client } = newClient();
    await client.list();
    const [auth, list] = server.requests;
    expect(auth).toMatchObject({ method: "POST", url: "/auth/token", body: "" });
    expect(auth?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(list).toMatchObject({ method: "GET", url: "/admin/tokens" });
    expect(list?.headers.authorization).toBe("Bearer jwt-1");
  });

  it("reuses the JWT, renews it 30 s before expiry, and shares one exchange", async () => {
    server.script("/auth/token", tokenReply("jwt-1", 600), tokenReply("jwt-2", 600));
    server.script("/admin/tokens", { status: 200, json: { records: [] } });
    const { client, time } = newClient();
    await Promise.all([client.list(), client.list(), client.list()]);
    time.advance(569_000);
    await client.list();
    expect(server.requests.filter((r) => r.url === "/auth/token")).toHaveLength(1);
    time.advance(1000);
    await client.list();
    const auths = adminRequests().map((r) => r.headers.authorization);
    expect(auths).toEqual([
      "Bearer jwt-1",
      "Bearer jwt-1",
      "Bearer jwt-1",
      "Bearer jwt-1",
      "Bearer jwt-2",
    ]);
  });

  it("hands out the JWT through getAccessToken", async () => {
    const { client } = newClient();
    expect(await client.getAccessToken()).toBe("jwt-1");
    expect(await client.getAccessToken()).toBe("jwt-1");
    expect(server.requests).toHaveLength(1);
  });

  it("uses custom authPath and adminPath under an endpoint with a path", async () => {
    server.script("/api/a/token", tokenReply("jwt-9"));
    server.script("/api/b/tokens", { status: 200, json: { records: [] } });
    const { client } = newClient({
      endpoint: `${server.url}/api/`,
      authPath: "/a",
      adminPath: "/b/",
    });
    await client.list();
    expect(server.requests.map((r) => r.url)).toEqual(["/api/a/token", "/api/b/tokens"]);
  });

  it("refuses an answer that is not a bearer token", async () => {
    server.script("/auth/token", {
      status: 200,
      json: { access_token: "x", token_type: "MAC", expires_in: 60 },
    });
    const { client } = newClient();
    await expect(client.getAccessToken()).rejects.toMatchObject({
      code: "INVALID_RESPONSE",
      issues: [{ path: "token_type", message: "expected Bearer" }],
    });
    server.script("/auth/token", { status: 200, json: { token_type: "Bearer" } });
    await expect(client.getAccessToken()).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("reports a refused PAT as HTTP 401 with the OAuth error", async () => {
    server.script("/auth/token", {
      status: 401,
      json: { error: "invalid_client", error_description: "Invalid Authorization token" },
    });
    const { client } = newClient();
    await expect(client.list()).rejects.toMatchObject({
      code: "HTTP_ERROR",
      status: 401,
      message: "Failed to authenticate: HTTP 401 Invalid Authorization token",
      oauthError: { error: "invalid_client" },
    });
  });
});

describe("admin requests", () => {
  it("lists with the query string of @access-tokens/client", async () => {
    server.script("/admin/tokens", { status: 200, json: { records: [record] } });
    const { client } = newClient();
    expect(await client.list()).toEqual([record]);
    await client.list({
      afterTokenId: ID,
      limit: 25,
      includeRevoked: true,
      includeExpired: true,
      includeSecretPhc: true,
      hasRole: "deploy ops",
    });
    await client.list({ includeRevoked: false, limit: 1 });
    expect(adminRequests().map((r) => r.url)).toEqual([
      "/admin/tokens",
      `/admin/tokens?afterTokenId=${ID}&limit=25&includeRevoked=true&includeExpired=true&includeSecretPhc=true&hasRole=deploy+ops`,
      "/admin/tokens?limit=1",
    ]);
  });

  it("issues with the given fields as JSON and answers token and record", async () => {
    server.script("/admin/tokens", { status: 201, json: { token: "pat_new.secret", record } });
    const { client } = newClient();
    const result = await client.issue({ owner: "alice", roles: ["a"], expiresAt: 99 });
    expect(result).toEqual({ token: "pat_new.secret", record });
    const [request] = adminRequests();
    expect(request).toMatchObject({ method: "POST", url: "/admin/tokens" });
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.body).toBe(JSON.stringify({ owner: "alice", roles: ["a"], expiresAt: 99 }));
  });

  it("registers with PUT /tokens/:id and the other fields as body", async () => {
    server.script(`/admin/tokens/${ID}`, { status: 200, json: { record } });
    const { client } = newClient();
    const phc = "$scrypt$ln=4,r=8,p=1$AQID$BAUG";
    expect(
      await client.register({ tokenId: ID, secretPhc: phc, owner: "alice", isAdmin: true }),
    ).toEqual(record);
    expect(adminRequests()[0]).toMatchObject({
      method: "PUT",
      url: `/admin/tokens/${ID}`,
      body: JSON.stringify({ secretPhc: phc, owner: "alice", isAdmin: true }),
    });
  });

  it("updates with PATCH, revokes and restores with PUT", async () => {
    server.script(`/admin/tokens/${ID}`, { status: 204 });
    server.script(`/admin/tokens/${ID}/revoke`, { status: 204 });
    server.script(`/admin/tokens/${ID}/restore`, { status: 204 });
    const { client } = newClient();
    await client.update(ID, { roles: { add: ["x"] }, expiresAt: null });
    await client.revoke(ID);
    await client.revoke(ID, { expiresAt: 123 });
    await client.restore(ID);
    expect(
      adminRequests().map((r) => [r.method, r.url, r.body, r.headers["content-type"]]),
    ).toEqual([
      [
        "PATCH",
        `/admin/tokens/${ID}`,
        '{"roles":{"add":["x"]},"expiresAt":null}',
        "application/json",
      ],
      ["PUT", `/admin/tokens/${ID}/revoke`, "{}", "application/json"],
      ["PUT", `/admin/tokens/${ID}/revoke`, '{"expiresAt":123}', "application/json"],
      ["PUT", `/admin/tokens/${ID}/restore`, "", undefined],
    ]);
  });

  it("batch-loads a Set or an array, each id once", async () => {
    server.script("/admin/tokens/batch", { status: 200, json: { found: [record], notFound: [] } });
    const { client } = newClient();
    expect(await client.batchLoad(new Set([ID]))).toEqual({ found: [record], notFound: [] });
    await client.batchLoad([ID, ID], { includeSecretPhc: true });
    expect(adminRequests().map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { tokenIds: [ID] },
      { tokenIds: [ID], includeSecretPhc: true },
    ]);
  });

  it("gets one token and lists by owner (@pat additions)", async () => {
    server.script(`/admin/tokens/${ID}`, { status: 200, json: { record } });
    server.script("/admin/tokens", { status: 200, json: { records: [record] } });
    const { client } = newClient();
    expect(await client.get(ID)).toEqual(record);
    await client.get(ID, { includeSecretPhc: true });
    expect(await client.listByOwner("a b@example.com", { limit: 5 })).toEqual([record]);
    expect(adminRequests().map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /admin/tokens/${ID}`,
      `GET /admin/tokens/${ID}?includeSecretPhc=true`,
      "GET /admin/tokens?owner=a+b%40example.com&limit=5",
    ]);
  });
});

describe("listAll (@pat addition)", () => {
  const id = (n: number) => `T${String(n).padStart(20, "0")}`;
  const rec = (n: number, extra: object = {}) => ({ ...record, tokenId: id(n), ...extra });

  it("pages with afterTokenId until an empty page, filtering revoked and expired (expiresAt <= now) here", async () => {
    const now = Math.floor(1_700_000_000_000 / 1000);
    server.script(
      "/admin/tokens",
      { status: 200, json: { records: [rec(1), rec(2, { revokedAt: 5 })] } },
      {
        status: 200,
        json: { records: [rec(3, { expiresAt: now }), rec(4, { expiresAt: now + 1 })] },
      },
      { status: 200, json: { records: [] } },
    );
    const { client } = newClient();
    const all = await client.listAll({ pageSize: 2, hasRole: "r" });
    expect(all.map((r) => r.tokenId)).toEqual([id(1), id(4)]);
    expect(adminRequests().map((r) => r.url)).toEqual([
      "/admin/tokens?limit=2&includeRevoked=true&includeExpired=true&hasRole=r",
      `/admin/tokens?afterTokenId=${id(2)}&limit=2&includeRevoked=true&includeExpired=true&hasRole=r`,
      `/admin/tokens?afterTokenId=${id(4)}&limit=2&includeRevoked=true&includeExpired=true&hasRole=r`,
    ]);
  });

  it("keeps revoked and expired tokens when asked, and pages an owner's tokens", async () => {
    server.script(
      "/admin/tokens",
      { status: 200, json: { records: [rec(1, { revokedAt: 5 }), rec(2, { expiresAt: 1 })] } },
      { status: 200, json: { records: [] } },
    );
    const { client } = newClient();
    const all = await client.listAll({
      owner: "alice",
      includeRevoked: true,
      includeExpired: true,
    });
    expect(all).toHaveLength(2);
    expect(adminRequests()[0]?.url).toBe(
      "/admin/tokens?owner=alice&limit=100&includeRevoked=true&includeExpired=true",
    );
  });

  it("stops with INVALID_RESPONSE when the server repeats a page", async () => {
    server.script("/admin/tokens", { status: 200, json: { records: [rec(1)] } });
    const { client } = newClient();
    await expect(client.listAll()).rejects.toMatchObject({ code: "INVALID_RESPONSE" });
  });
});

describe("answers of the wrong shape", () => {
  it("names the path of each problem, never the value", async () => {
    server.script("/admin/tokens", {
      status: 200,
      json: { records: [{ ...record, tokenId: "pat_short.SECRETVALUE" }] },
    });
    const { client } = newClient();
    const error = await client.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    const { issues, message } = error as InvalidResponseError;
    expect(issues.map((i) => i.path)).toContain("records.0.tokenId");
    expect(message).toMatch(/^Invalid list tokens response: records\.0\.tokenId: /);
    expect(JSON.stringify(issues) + message).not.toContain("SECRETVALUE");
  });

  it("refuses a 2xx body that is not JSON", async () => {
    server.script("/admin/tokens", { status: 200, text: "<html>" });
    const { client } = newClient();
    await expect(client.list()).rejects.toMatchObject({
      code: "INVALID_RESPONSE",
      status: 200,
      issues: [{ path: "", message: "not JSON" }],
    });
  });

  it("does not follow redirects with credentials", async () => {
    server.script("/admin/tokens", {
      status: 307,
      headers: { location: "http://127.0.0.2:1/steal" },
    });
    const { client } = newClient();
    await expect(client.list()).rejects.toMatchObject({ code: "HTTP_ERROR", status: 307 });
    expect(adminRequests()).toHaveLength(1);
  });
});

describe("argument and option checks", () => {
  it.each([
    [{ endpoint: "api.example.com" }, "endpoint must be an absolute http or https URL"],
    [{ endpoint: "ftp://x" }, "endpoint must be an absolute http or https URL"],
    [
      { endpoint: "https://u:p@x" },
      "endpoint must not contain credentials (give the token as apiKey)",
    ],
    [{ endpoint: "https://x/?a=1" }, "endpoint must not have a query or a fragment"],
    [{ apiKey: "" }, "apiKey must be 1 to 4096 visible ASCII characters without spaces"],
    [{ apiKey: "pat_x y" }, "apiKey must be 1 to 4096 visible ASCII characters without spaces"],
    [
      { authPath: "auth" },
      'authPath must be empty or a path starting with "/" (no query, no spaces)',
    ],
    [
      { adminPath: "/a?b" },
      'adminPath must be empty or a path starting with "/" (no query, no spaces)',
    ],
    [{ timeoutMs: 0 }, "timeoutMs must be an integer number of milliseconds from 1 to 3600000"],
    [{ retry: { retries: 99 } }, "retry.retries must be an integer from 0 to 10"],
  ])("refuses %j with INVALID_CONFIG", (override, message) => {
    let caught: unknown;
    try {
      new AccessTokensClient({
        endpoint: "https://api.example.com",
        apiKey: "pat_x.y",
        ...override,
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PatClientError);
    expect(caught).toMatchObject({ code: "INVALID_CONFIG", message });
  });

  it("refuses options of the wrong type with TypeError", () => {
    const base = { endpoint: "https://x", apiKey: "pat_x.y" };
    expect(() => new AccessTokensClient({ ...base, apiKey: 5 as unknown as string })).toThrow(
      TypeError,
    );
    expect(
      () => new AccessTokensClient({ ...base, fetch: "f" as unknown as typeof fetch }),
    ).toThrow("fetch must be a function");
  });

  it("checks token ids and limits before sending anything", async () => {
    const { client } = newClient();
    const cases: Array<[Promise<unknown>, string]> = [
      [
        client.revoke("../../auth"),
        "tokenId must be 21 characters of [A-Za-z0-9] (got 10 characters)",
      ],
      [client.update("a/b", {}), "tokenId must be 21 characters of [A-Za-z0-9] (got 3 characters)"],
      [
        client.register({ tokenId: "x", secretPhc: "$", owner: "a" }),
        "tokenId must be 21 characters of [A-Za-z0-9] (got 1 characters)",
      ],
      [
        client.issue({ owner: "a", tokenId: "short" }),
        "tokenId must be 21 characters of [A-Za-z0-9] (got 5 characters)",
      ],
      [client.list({ limit: 0 }), "limit must be an integer from 1 to 9007199254740991"],
      [client.listAll({ pageSize: 1001 }), "pageSize must be an integer from 1 to 1000"],
      [client.listByOwner(""), "owner must not be empty"],
    ];
    for (const [promise, message] of cases) {
      await expect(promise).rejects.toMatchObject({ code: "INVALID_INPUT", message });
    }
    await expect(client.batchLoad("abc" as unknown as string[])).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});
