/** Bearer authentication (RFC 6750): `requireToken` from a PAT, and the JWT middleware. */
import { describe, expect, it } from "vitest";
import type { Suite } from "../behaviour.js";
import { MESSAGES } from "../wire.js";

const CHALLENGE = 'Bearer realm="tests"';

export function bearerSection(s: Suite): void {
  describe("requireToken", () => {
    it("lets a valid PAT through with the user and the record on the request", async () => {
      const owner = s.owner("valid");
      const { token, tokenId } = await s.issue({ owner, roles: ["reader"] });
      const answer = await s.call("GET", "/api/token", { bearer: token });
      expect(answer.status).toBe(200);
      expect(answer.json["user"]).toEqual({ sub: tokenId, owner, admin: false, roles: ["reader"] });
      expect(answer.json["record"]).toMatchObject({
        tokenId,
        owner,
        isAdmin: false,
        roles: ["reader"],
      });
      expect(answer.json["record"]).not.toHaveProperty("secretPhc");
    });

    it("answers 401 with a bare challenge when no token is presented", async () => {
      for (const headers of [{}, { authorization: "Basic Zm9vOmJhcg==" }, { authorization: "" }]) {
        const answer = await s.call("GET", "/api/token", { headers });
        expect(answer.status).toBe(401);
        expect(answer.headers.get("www-authenticate")).toBe(CHALLENGE);
        expect(answer.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect(answer.json).toMatchObject({
          status: 401,
          code: "UNAUTHENTICATED",
          error: { message: MESSAGES.missingAuthorization },
        });
      }
    });

    it("answers 401 invalid_token for a wrong, unknown, revoked or JWT token, never echoing it", async () => {
      const { token, tokenId } = await s.issue({ owner: s.owner("invalid") });
      const wrong = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
      const jwt = await s.jwtFor(token);
      for (const candidate of [wrong, "pat_AAAAAAAAAAAAAAAAAAAAA.AAAA", "nope", jwt]) {
        const answer = await s.call("GET", "/api/token", { bearer: candidate });
        expect(answer.status).toBe(401);
        expect(answer.headers.get("www-authenticate")).toBe(`${CHALLENGE}, error="invalid_token"`);
        expect(answer.json["code"]).toBe("INVALID_TOKEN");
        expect(answer.text).not.toContain(candidate);
      }
      await s.fixture().pat.revoke(tokenId);
      expect((await s.call("GET", "/api/token", { bearer: token })).status).toBe(401);
    });

    it("answers 403 insufficient_scope for a missing role or admin flag", async () => {
      const reader = await s.issue({ owner: s.owner("reader"), roles: ["reader"] });
      const writer = await s.issue({ owner: s.owner("writer"), roles: ["writer"] });
      const admin = await s.issue({ owner: s.owner("admin"), isAdmin: true });
      const refused = await s.call("GET", "/api/token-writer", { bearer: reader.token });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("www-authenticate")).toBe(
        'Bearer realm="pat", error="insufficient_scope"',
      );
      expect(refused.json).toMatchObject({
        code: "INSUFFICIENT_SCOPE",
        error: { message: MESSAGES.accessDenied },
      });
      expect((await s.call("GET", "/api/token-writer", { bearer: writer.token })).status).toBe(200);
      const notAdmin = await s.call("GET", "/api/token-admin", { bearer: writer.token });
      expect(notAdmin.status).toBe(403);
      expect(notAdmin.json).toMatchObject({ error: { message: MESSAGES.adminRequired } });
      expect((await s.call("GET", "/api/token-admin", { bearer: admin.token })).status).toBe(200);
    });

    it("answers 503 when storage is unreachable: it fails closed", async () => {
      const { token } = await s.issue({ owner: s.owner("down") });
      const answer = await s.call("GET", "/down/api/token", { bearer: token });
      expect(answer.status).toBe(503);
      expect(answer.json["code"]).toBe("STORAGE_UNAVAILABLE");
    });
  });

  describe("createRequireJwt, createRequireAdmin, createRequireRole", () => {
    it("lets an access token through with req.user = { sub, owner, admin, roles }", async () => {
      const owner = s.owner("jwt");
      const { token, tokenId } = await s.issue({ owner, roles: ["editor"] });
      const jwt = await s.jwtFor(token);
      const answer = await s.call("GET", "/api/jwt", { bearer: jwt });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        user: { sub: tokenId, owner, admin: false, roles: ["editor"] },
        record: null,
      });
      expect((await s.call("GET", "/api/jwt-editor", { bearer: jwt })).status).toBe(200);
    });

    it("refuses a PAT, a missing token, a non-admin and a user without the role", async () => {
      const { token } = await s.issue({ owner: s.owner("jwt-refused"), roles: ["reader"] });
      const pat = await s.call("GET", "/api/jwt", { bearer: token });
      expect(pat.status).toBe(401);
      expect(pat.json).toMatchObject({ error: { message: MESSAGES.invalidJwt } });
      const missing = await s.call("GET", "/api/jwt");
      expect(missing.status).toBe(401);
      expect(missing.json).toMatchObject({ error: { message: MESSAGES.missingAuthorization } });
      const jwt = await s.jwtFor(token);
      const admin = await s.call("GET", "/api/jwt-admin", { bearer: jwt });
      expect(admin.status).toBe(403);
      expect(admin.json).toMatchObject({ error: { message: MESSAGES.adminRequired } });
      const role = await s.call("GET", "/api/jwt-editor", { bearer: jwt });
      expect(role.status).toBe(403);
      expect(role.json).toMatchObject({ error: { message: MESSAGES.accessDenied } });
      const noUser = await s.call("GET", "/api/admin-only", { bearer: jwt });
      expect(noUser.status).toBe(401);
      expect(noUser.json).toMatchObject({ error: { message: MESSAGES.notAuthenticated } });
    });

    it("keeps working while storage is down: a JWT needs no storage", async () => {
      const { token } = await s.issue({ owner: s.owner("jwt-down"), isAdmin: true });
      const jwt = await s.jwtFor(token);
      expect((await s.call("GET", "/api/jwt-admin", { bearer: jwt })).status).toBe(200);
    });
  });
}
