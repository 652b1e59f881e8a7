/**
 * AccessTokensClient end to end against the real @pat/http server (bare Fetch handler on
 * node:http) over a DynamoDB table: every method, the first-admin bootstrap through the PAT→JWT
 * exchange, JWT renewal, and the errors the server answers (problem details, OAuth errors).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AccessTokensClient, HttpError, type TokenRecord } from "../src/index.js";
import { startPatServer, type PatServer } from "./support/pat-server.js";

const endpoint = inject("dynamodbEndpoint");

let server: PatServer;
let admin: AccessTokensClient;
let now = Date.now();

beforeAll(async () => {
  server = await startPatServer(endpoint);
  // The bootstrap token's first exchange on the empty table stores the first admin token.
  admin = new AccessTokensClient({
    endpoint: server.url,
    apiKey: server.bootstrapToken,
    clock: () => now,
    retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 10 },
  });
});
afterAll(() => server?.close());

async function caught(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error("expected a rejection");
}

describe("AccessTokensClient against @pat/http", () => {
  let issued: { token: string; record: TokenRecord };
  let registeredId: string;

  it("bootstraps the first admin through the exchange and lists it", async () => {
    expect(await admin.getAccessToken()).toMatch(/^eyJ/);
    const records = await admin.list();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ isAdmin: true });
    expect(records[0]).not.toHaveProperty("secretPhc");
  });

  it("issues, gets and lists by owner and role", async () => {
    issued = await admin.issue({ owner: "alice@example.com", roles: ["deploy"] });
    expect(issued.token).toMatch(/^pat_[A-Za-z0-9]{21}\./);
    expect(issued.record).toMatchObject({
      owner: "alice@example.com",
      isAdmin: false,
      roles: ["deploy"],
    });
    const { tokenId } = issued.record;
    expect(await admin.get(tokenId)).toMatchObject({ tokenId, owner: "alice@example.com" });
    expect((await admin.get(tokenId, { includeSecretPhc: true })).secretPhc).toMatch(/^\$scrypt\$/);
    expect((await admin.listByOwner("alice@example.com")).map((r) => r.tokenId)).toEqual([tokenId]);
    expect((await admin.list({ hasRole: "deploy" })).map((r) => r.tokenId)).toEqual([tokenId]);
  });

  it("registers a token generated elsewhere, which then authenticates", async () => {
    const generated = await server.pat.generate();
    const record = await admin.register({
      tokenId: generated.tokenId,
      secretPhc: generated.secretPhc,
      owner: "bob@example.com",
      isAdmin: true,
    });
    registeredId = record.tokenId;
    expect(record).toMatchObject({
      tokenId: generated.tokenId,
      owner: "bob@example.com",
      isAdmin: true,
    });
    expect(record).not.toHaveProperty("secretPhc");
    const bob = new AccessTokensClient({ endpoint: server.url, apiKey: generated.token });
    expect((await bob.list()).length).toBe(3);
    const again = await caught(
      admin.register({ tokenId: generated.tokenId, secretPhc: generated.secretPhc, owner: "x" }),
    );
    expect(again.status).toBe(409);
  });

  it("batch-loads found and missing ids", async () => {
    const missing = "ZZZZZZZZZZZZZZZZZZZZZ";
    const result = await admin.batchLoad(new Set([issued.record.tokenId, missing, registeredId]));
    expect(result.found.map((r) => r.tokenId).sort()).toEqual(
      [issued.record.tokenId, registeredId].sort(),
    );
    expect(result.notFound).toEqual([missing]);
  });

  it("updates roles and expiry", async () => {
    const { tokenId } = issued.record;
    await admin.update(tokenId, { roles: { add: ["ops"] } });
    expect((await admin.get(tokenId)).roles?.slice().sort()).toEqual(["deploy", "ops"]);
    await admin.update(tokenId, { roles: { remove: ["deploy"] }, expiresAt: 4_000_000_000 });
    expect(await admin.get(tokenId)).toMatchObject({ roles: ["ops"], expiresAt: 4_000_000_000 });
    await admin.update(tokenId, { expiresAt: null });
    expect((await admin.get(tokenId)).expiresAt ?? null).toBeNull();
  });

  it("revokes and restores; listings leave revoked tokens out unless asked", async () => {
    const { tokenId } = issued.record;
    await admin.revoke(tokenId);
    await admin.revoke(tokenId); // idempotent
    expect((await admin.list()).map((r) => r.tokenId)).not.toContain(tokenId);
    expect((await admin.list({ includeRevoked: true })).map((r) => r.tokenId)).toContain(tokenId);
    expect((await admin.get(tokenId)).revokedAt).toEqual(expect.any(Number));
    const refused = new AccessTokensClient({
      endpoint: server.url,
      apiKey: issued.token,
      retry: false,
    });
    expect(await caught(refused.getAccessToken())).toMatchObject({
      status: 401,
      oauthError: { error: "invalid_client" },
    });
    await admin.restore(tokenId);
    expect((await admin.list()).map((r) => r.tokenId)).toContain(tokenId);
  });

  it("pages through everything with listAll", async () => {
    for (let i = 0; i < 4; i++) await admin.issue({ owner: "carol@example.com" });
    const { tokenId } = issued.record;
    await admin.revoke(tokenId);
    const all = await admin.listAll({ pageSize: 2 });
    expect(all).toHaveLength(6);
    expect(all.map((r) => r.tokenId)).not.toContain(tokenId);
    expect(await admin.listAll({ pageSize: 3, includeRevoked: true })).toHaveLength(7);
    expect(await admin.listAll({ owner: "carol@example.com", pageSize: 3 })).toHaveLength(4);
    await admin.restore(tokenId);
  });

  it("answers problem details naming the invalid field", async () => {
    const error = await caught(admin.issue({ owner: "" }));
    expect(error.status).toBe(400);
    expect(error.problem?.["code"]).toBe("INVALID_BODY");
    expect(JSON.stringify(error.problem?.["errors"])).toContain("owner");
    expect(error.apiError?.error.message).toBe("Invalid request body");
  });

  it("answers 404 for a missing token on get, update, revoke and restore", async () => {
    const missing = "ZZZZZZZZZZZZZZZZZZZZZ";
    for (const call of [
      () => admin.get(missing),
      () => admin.update(missing, { owner: "x" }),
      () => admin.revoke(missing),
      () => admin.restore(missing),
    ]) {
      const error = await caught(call());
      expect(error).toMatchObject({ status: 404, attempts: 1 });
      expect(error.problem?.["code"]).toBe("TOKEN_NOT_FOUND");
      expect(error.message).toContain(`Token not found: ${missing}`);
    }
  });

  it("refuses admin calls with a non-admin token (403) and an unknown token (401)", async () => {
    const user = new AccessTokensClient({
      endpoint: server.url,
      apiKey: issued.token,
      retry: false,
    });
    expect(await user.getAccessToken()).toMatch(/^eyJ/);
    expect(await caught(user.list())).toMatchObject({ status: 403 });
    const stranger = new AccessTokensClient({
      endpoint: server.url,
      apiKey: `pat_${"Q".repeat(21)}.${"A".repeat(43)}`,
      retry: false,
    });
    const error = await caught(stranger.list());
    expect(error).toMatchObject({
      status: 401,
      message: expect.stringMatching(/^Failed to authenticate: HTTP 401/),
    });
  });

  it("renews the JWT before it expires", async () => {
    const exchanges = () => server.served.filter((s) => s === "POST /auth/token").length;
    const before = exchanges();
    await admin.list();
    expect(exchanges()).toBe(before);
    now += 5 * 60 * 1000 - 29_000; // the server's TTL is 5 min: less than 30 s remain
    await admin.list();
    expect(exchanges()).toBe(before + 1);
  });
});

describe("AccessTokensClient labels and listing by state (@pat/http)", () => {
  it("issues, registers and updates labels, and reads them back", async () => {
    const labels = {
      name: "release bot",
      description: "Publishes releases.",
      metadata: { ticket: "REL-9" },
    };
    const { record } = await admin.issue({ owner: "labels@example.com", ...labels });
    expect(record).toMatchObject(labels);
    await admin.update(record.tokenId, { name: null, metadata: { ticket: "REL-10" } });
    const read = await admin.get(record.tokenId);
    expect(read).toMatchObject({ description: labels.description, metadata: { ticket: "REL-10" } });
    expect(read).not.toHaveProperty("name");
  });

  it("lists by state and expiringBefore, and refuses bad values before sending", async () => {
    const owner = "states@example.com";
    const seconds = Math.floor(Date.now() / 1000);
    const soon = await admin.issue({ owner, expiresAt: seconds + 86_400 });
    const later = await admin.issue({ owner, expiresAt: seconds + 90 * 86_400 });
    const revoked = await admin.issue({ owner });
    await admin.revoke(revoked.record.tokenId);
    const ids = (records: TokenRecord[]) => records.map((r) => r.tokenId).sort();
    expect(ids(await admin.listByOwner(owner, { state: "active" }))).toEqual(
      [soon.record.tokenId, later.record.tokenId].sort(),
    );
    expect(ids(await admin.listAll({ owner, state: "revoked" }))).toEqual([revoked.record.tokenId]);
    expect(
      ids(
        await admin.listByOwner(owner, { state: "active", expiringBefore: seconds + 7 * 86_400 }),
      ),
    ).toEqual([soon.record.tokenId]);
    await expect(admin.list({ state: "gone" as "active" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: 'state must be "active", "revoked" or "expired"',
    });
    await expect(admin.list({ expiringBefore: -1 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});
