/** The admin tokens API: every route, by admin JWT and by admin PAT, and its refusals. */
import { describe, expect, it } from "vitest";
import { createOpenApiDocument } from "../../../src/index.js";
import type { Suite } from "../behaviour.js";
import { MESSAGES } from "../wire.js";

export function adminSection(s: Suite): void {
  let adminJwt = "";
  let adminPat = "";
  const admin = async () => {
    if (adminJwt === "") {
      const { token } = await s.issue({ owner: s.owner("root"), isAdmin: true });
      adminPat = token;
      adminJwt = await s.jwtFor(token);
    }
    return { jwt: adminJwt, pat: adminPat };
  };

  describe("admin API: who may call", () => {
    it("refuses no token (401), a non-admin JWT or PAT (403)", async () => {
      const none = await s.call("GET", "/admin/tokens");
      expect(none.status).toBe(401);
      expect(none.json).toMatchObject({ error: { message: MESSAGES.missingAuthorization } });
      const { token } = await s.issue({ owner: s.owner("plain") });
      for (const bearer of [token, await s.jwtFor(token)]) {
        const answer = await s.call("GET", "/admin/tokens", { bearer });
        expect(answer.status).toBe(403);
        expect(answer.json).toMatchObject({ error: { message: MESSAGES.adminRequired } });
      }
    });

    it("accepts an admin PAT directly as well as an admin JWT", async () => {
      const { jwt, pat } = await admin();
      const owner = s.owner("by-pat");
      const issued = await s.call("POST", "/admin/tokens", { bearer: pat, json: { owner } });
      expect(issued.status).toBe(201);
      s.remember(String(issued.json["token"]));
      const listed = await s.call("GET", `/admin/tokens?owner=${encodeURIComponent(owner)}`, {
        bearer: jwt,
      });
      expect(listed.json["records"]).toMatchObject([{ owner }]);
    });
  });

  describe("admin API: the routes of @access-tokens/express", () => {
    it("issues (201 { token, record }) a token that then authenticates", async () => {
      const { jwt } = await admin();
      const owner = s.owner("issue");
      const answer = await s.call("POST", "/admin/tokens", {
        bearer: jwt,
        json: { owner, roles: ["writer"], expiresAt: 4102444800 },
      });
      expect(answer.status).toBe(201);
      expect(Object.keys(answer.json).sort()).toEqual(["record", "token"]);
      expect(answer.json["record"]).toMatchObject({
        owner,
        isAdmin: false,
        roles: ["writer"],
        expiresAt: 4102444800,
      });
      const token = String(answer.json["token"]);
      s.remember(token);
      expect((await s.call("GET", "/api/token-writer", { bearer: token })).status).toBe(200);
    });

    it("lists (without revoked and expired unless asked), by owner, with limit, and validates the query", async () => {
      const { jwt } = await admin();
      const owner = s.owner("list");
      const live = await s.issue({ owner });
      const revoked = await s.issue({ owner });
      const expired = await s.issue({ owner, expiresAt: 1 });
      await s.fixture().pat.revoke(revoked.tokenId);
      const q = `owner=${encodeURIComponent(owner)}`;
      const ids = async (query: string) => {
        const answer = await s.call("GET", `/admin/tokens?${query}`, { bearer: jwt });
        expect(answer.status).toBe(200);
        expect(Object.keys(answer.json)).toEqual(["records"]);
        return (answer.json["records"] as Array<{ tokenId: string }>).map((r) => r.tokenId).sort();
      };
      expect(await ids(q)).toEqual([live.tokenId]);
      expect(await ids(`${q}&includeRevoked=true&includeExpired=1`)).toEqual(
        [live.tokenId, revoked.tokenId, expired.tokenId].sort(),
      );
      expect((await ids(`${q}&includeRevoked=true&includeExpired=true&limit=1`)).length).toBe(1);
      const all = await s.call(
        "GET",
        "/admin/tokens?includeRevoked=true&includeExpired=true&limit=1000",
        { bearer: jwt },
      );
      expect(all.status).toBe(200);
      for (const [query, field] of [
        ["limit=0", "limit"],
        ["limit=abc", "limit"],
        ["limit=1&limit=2", "limit"],
        ["includeRevoked=yes", "includeRevoked"],
      ] as const) {
        const bad = await s.call("GET", `/admin/tokens?${query}`, { bearer: jwt });
        expect(bad.status).toBe(400);
        expect(bad.json).toMatchObject({
          code: "INVALID_QUERY",
          error: { message: MESSAGES.invalidQuery },
        });
        expect((bad.json["errors"] as Array<{ field: string }>)[0]?.field).toBe(field);
      }
    });

    it("gives PHC strings only where the router allows includeSecretPhc", async () => {
      const { jwt } = await admin();
      const owner = s.owner("phc");
      const { tokenId } = await s.issue({ owner });
      const q = `owner=${encodeURIComponent(owner)}&includeSecretPhc=true`;
      const refused = await s.call("GET", `/admin/tokens?${q}`, { bearer: jwt });
      expect(refused.status).toBe(403);
      expect(refused.json["code"]).toBe("SECRET_PHC_NOT_ALLOWED");
      const allowed = await s.call("GET", `/admin-phc/tokens?${q}`, { bearer: jwt });
      expect(allowed.status).toBe(200);
      expect((allowed.json["records"] as Array<{ secretPhc?: string }>)[0]?.secretPhc).toMatch(
        /^\$scrypt\$/,
      );
      const one = await s.call("GET", `/admin-phc/tokens/${tokenId}?includeSecretPhc=1`, {
        bearer: jwt,
      });
      expect((one.json["record"] as { secretPhc?: string }).secretPhc).toMatch(/^\$scrypt\$/);
      const batch = await s.call("POST", "/admin/tokens/batch", {
        bearer: jwt,
        json: { tokenIds: [tokenId], includeSecretPhc: true },
      });
      expect(batch.status).toBe(403);
    });

    it("reads one token (GET /tokens/:tokenId), 404 for an unknown id, 400 for a malformed one", async () => {
      const { jwt } = await admin();
      const owner = s.owner("get");
      const { tokenId } = await s.issue({ owner, roles: ["a"] });
      const answer = await s.call("GET", `/admin/tokens/${tokenId}`, { bearer: jwt });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        record: expect.objectContaining({ tokenId, owner, roles: ["a"] }),
      });
      const missing = await s.call("GET", `/admin/tokens/${"Z".repeat(21)}`, { bearer: jwt });
      expect(missing.status).toBe(404);
      expect(missing.json).toMatchObject({
        code: "TOKEN_NOT_FOUND",
        detail: `Token not found: ${"Z".repeat(21)}`,
      });
      const malformed = await s.call("GET", "/admin/tokens/not-an-id", { bearer: jwt });
      expect(malformed.status).toBe(400);
      expect(malformed.json["errors"]).toEqual([
        { field: "tokenId", message: "Expected a token id: 21 characters of A-Z, a-z, 0-9" },
      ]);
    });

    it("names the field of every 400: ids in the body, the path and a batch, and unusable hashes", async () => {
      const { jwt } = await admin();
      const owner = s.owner("fields");
      const fieldsOf = (answer: { status: number; json: Record<string, unknown> }) => {
        expect(answer.status).toBe(400);
        return (answer.json["errors"] as Array<{ field: string }>).map((e) => e.field);
      };
      const issued = await s.call("POST", "/admin/tokens", {
        bearer: jwt,
        json: { owner, tokenId: "short" },
      });
      expect(fieldsOf(issued)).toEqual(["tokenId"]);
      const batch = await s.call("POST", "/admin/tokens/batch", {
        bearer: jwt,
        json: { tokenIds: ["A".repeat(21), "../x"] },
      });
      expect(fieldsOf(batch)).toEqual(["tokenIds[1]"]);
      for (const [method, path] of [
        ["PUT", "/admin/tokens/bad-id"],
        ["PATCH", "/admin/tokens/bad-id"],
        ["PUT", "/admin/tokens/bad-id/revoke"],
        ["PUT", "/admin/tokens/bad-id/restore"],
      ] as const) {
        const answer = await s.call(method, path, { bearer: jwt, json: { owner } });
        expect(fieldsOf(answer), `${method} ${path}`).toEqual(["tokenId"]);
      }
      const id = (await s.fixture().pat.generate()).tokenId;
      const notPhc = await s.call("PUT", `/admin/tokens/${id}`, {
        bearer: jwt,
        json: { owner, secretPhc: "not-a-hash" },
      });
      expect(fieldsOf(notPhc)).toEqual(["secretPhc"]);
      // The right shape, but parameters whose memory need is above the Pat's budget: refused by
      // Pat itself, and still named.
      const heavy = await s.call("PUT", `/admin/tokens/${id}`, {
        bearer: jwt,
        json: { owner, secretPhc: `$scrypt$ln=20,r=16,p=1$${"A".repeat(22)}$${"B".repeat(86)}` },
      });
      expect(fieldsOf(heavy)).toEqual(["secretPhc"]);
      expect(heavy.json["code"]).toBe("INVALID_INPUT");
      const patch = await s.call("PATCH", `/admin/tokens/${id}`, {
        bearer: jwt,
        json: { secretPhc: "$scrypt$ln=99,r=8,p=1$AAAA$BBBB" },
      });
      expect(fieldsOf(patch)).toEqual(["secretPhc"]);
    });

    it("reads listing queries as @access-tokens/express does: limit=010 is 10, limit[]=1 is refused, prototype names are plain", async () => {
      const { jwt } = await admin();
      const owner = s.owner("query");
      for (let i = 0; i < 3; i++) await s.issue({ owner });
      const q = `owner=${encodeURIComponent(owner)}`;
      const padded = await s.call("GET", `/admin/tokens?${q}&limit=002`, { bearer: jwt });
      expect(padded.status).toBe(200);
      expect((padded.json["records"] as unknown[]).length).toBe(2);
      for (const [query, field] of [
        ["limit[]=1", "limit"],
        ["limit[a]=1", "limit"],
        ["includeRevoked[]=true", "includeRevoked"],
        ["limit=000", "limit"],
      ] as const) {
        const bad = await s.call("GET", `/admin/tokens?${q}&${query}`, { bearer: jwt });
        expect(bad.status, query).toBe(400);
        expect((bad.json["errors"] as Array<{ field: string }>)[0]?.field).toBe(field);
      }
      const plain = await s.call(
        "GET",
        `/admin/tokens?${q}&constructor=x&toString=y&hasOwnProperty=z&__proto__=w`,
        { bearer: jwt },
      );
      expect(plain.status).toBe(200);
      expect((plain.json["records"] as unknown[]).length).toBe(3);
    });

    it("registers a hash made elsewhere (PUT), answering the record without it; 409 for a taken id", async () => {
      const { jwt } = await admin();
      const generated = await s.fixture().pat.generate();
      s.remember(generated.token);
      const owner = s.owner("register");
      const path = `/admin/tokens/${generated.tokenId}`;
      const answer = await s.call("PUT", path, {
        bearer: jwt,
        json: { secretPhc: generated.secretPhc, owner, roles: ["r"] },
      });
      expect(answer.status).toBe(200);
      expect(answer.json["record"]).toMatchObject({
        tokenId: generated.tokenId,
        owner,
        isAdmin: false,
        roles: ["r"],
      });
      expect((await s.call("GET", "/api/token", { bearer: generated.token })).status).toBe(200);
      const again = await s.call("PUT", path, {
        bearer: jwt,
        json: { secretPhc: generated.secretPhc, owner },
      });
      expect(again.status).toBe(409);
      expect(again.json["code"]).toBe("TOKEN_EXISTS");
    });

    it("updates (PATCH, 204): roles add/remove/replace, owner, expiry cleared with null", async () => {
      const { jwt } = await admin();
      const { tokenId } = await s.issue({
        owner: s.owner("update"),
        roles: ["a"],
        expiresAt: 4102444800,
      });
      const path = `/admin/tokens/${tokenId}`;
      const patch = (json: unknown) => s.call("PATCH", path, { bearer: jwt, json });
      expect((await patch({ roles: { add: ["b"] } })).status).toBe(204);
      expect((await patch({ roles: { remove: ["a"] } })).status).toBe(204);
      const owner = s.owner("renamed");
      expect((await patch({ owner, expiresAt: null, isAdmin: true })).status).toBe(204);
      const read = await s.call("GET", `/admin/tokens/${tokenId}`, { bearer: jwt });
      expect(read.json["record"]).toMatchObject({ owner, isAdmin: true, roles: ["b"] });
      // A cleared expiry reads back as null, as @access-tokens/core answers it.
      expect(read.json["record"]).toHaveProperty("expiresAt", null);
      expect((await patch({ roles: ["x", "y"] })).status).toBe(204);
      const both = await patch({ roles: { add: ["a"], remove: ["b"] } });
      expect(both.status).toBe(400);
      expect(both.json).toMatchObject({
        code: "INVALID_BODY",
        error: { message: MESSAGES.invalidBody },
      });
      const unknown = await patch({ colour: "blue" });
      expect(unknown.status).toBe(400);
      expect(unknown.json["errors"]).toEqual([{ field: "colour", message: "Unrecognized key" }]);
      const missing = await s.call("PATCH", `/admin/tokens/${"Y".repeat(21)}`, {
        bearer: jwt,
        json: { owner: "x" },
      });
      expect(missing.status).toBe(404);
    });

    it("revokes (with {} or a cleanup time) and restores (no body), 204, and authentication follows", async () => {
      const { jwt } = await admin();
      const { token, tokenId } = await s.issue({ owner: s.owner("revoke") });
      const revoke = await s.call("PUT", `/admin/tokens/${tokenId}/revoke`, {
        bearer: jwt,
        json: {},
      });
      expect(revoke.status).toBe(204);
      expect(revoke.text).toBe("");
      expect((await s.call("GET", "/api/token", { bearer: token })).status).toBe(401);
      const restore = await s.call("PUT", `/admin/tokens/${tokenId}/restore`, {
        bearer: jwt,
      });
      expect(restore.status).toBe(204);
      expect((await s.call("GET", "/api/token", { bearer: token })).status).toBe(200);
      const later = await s.call("PUT", `/admin/tokens/${tokenId}/revoke`, {
        bearer: jwt,
        json: { expiresAt: 4102444800 },
      });
      expect(later.status).toBe(204);
      const bare = await s.call("PUT", `/admin/tokens/${tokenId}/revoke`, { bearer: jwt });
      expect(bare.status).toBe(204);
      const missing = await s.call("PUT", `/admin/tokens/${"X".repeat(21)}/restore`, {
        bearer: jwt,
      });
      expect(missing.status).toBe(404);
    });

    it("batch-loads ({ found, notFound }) in request order", async () => {
      const { jwt } = await admin();
      const a = await s.issue({ owner: s.owner("batch") });
      const b = await s.issue({ owner: s.owner("batch") });
      const unknown = "W".repeat(21);
      const answer = await s.call("POST", "/admin/tokens/batch", {
        bearer: jwt,
        json: { tokenIds: [b.tokenId, unknown, a.tokenId] },
      });
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.json).sort()).toEqual(["found", "notFound"]);
      expect((answer.json["found"] as Array<{ tokenId: string }>).map((r) => r.tokenId)).toEqual([
        b.tokenId,
        a.tokenId,
      ]);
      expect(answer.json["notFound"]).toEqual([unknown]);
      const bad = await s.call("POST", "/admin/tokens/batch", {
        bearer: jwt,
        json: { tokenIds: "nope" },
      });
      expect(bad.status).toBe(400);
      expect((bad.json["errors"] as Array<{ field: string }>)[0]?.field).toBe("tokenIds");
    });

    it("answers 503 when storage is unreachable", async () => {
      const { jwt } = await admin();
      const answer = await s.call("GET", "/down/admin/tokens", { bearer: jwt });
      expect(answer.status).toBe(503);
      expect(answer.json["code"]).toBe("STORAGE_UNAVAILABLE");
    });

    it("serves its OpenAPI document", async () => {
      const answer = await s.call("GET", "/admin/openapi.json");
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual(
        createOpenApiDocument({ authPath: "/auth", adminPath: "/admin" }),
      );
    });
  });
}
