/** The PAT→JWT exchange (`POST /token`), the JWKS and the first-admin bootstrap path. */
import { describe, expect, it } from "vitest";
import { decodeJwt, decodeProtectedHeader } from "jose";
import type { Suite } from "../behaviour.js";

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

export function exchangeSection(s: Suite): void {
  describe("POST /auth/token", () => {
    it("exchanges a PAT sent as client_secret in a form body (client_secret_post) and echoes state", async () => {
      const owner = s.owner("post");
      const { token, tokenId } = await s.issue({ owner, roles: ["reader"] });
      const answer = await s.call("POST", "/auth/token", {
        form: { grant_type: "client_credentials", client_secret: token, state: "xyz" },
      });
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.json).sort()).toEqual([
        "access_token",
        "expires_in",
        "state",
        "token_type",
      ]);
      expect(answer.json).toMatchObject({ token_type: "Bearer", expires_in: 300, state: "xyz" });
      expect(answer.headers.get("cache-control")).toBe("no-store");
      const jwt = String(answer.json["access_token"]);
      expect(decodeProtectedHeader(jwt)).toMatchObject({
        alg: "EdDSA",
        kid: "test-key-1",
        typ: "JWT",
      });
      const claims = decodeJwt(jwt);
      expect(claims).toMatchObject({
        sub: tokenId,
        owner,
        admin: false,
        roles: ["reader"],
        iss: s.fixture().issuer,
      });
      expect(typeof claims.jti).toBe("string");
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(300);
      const { payload } = await s.fixture().signerVerifier.verify(jwt);
      expect(payload.sub).toBe(tokenId);
    });

    it("exchanges a PAT in a JSON body, with Basic (client_secret_basic) and with Bearer", async () => {
      const { token } = await s.issue({ owner: s.owner("methods") });
      const json = await s.call("POST", "/auth/token", { json: { client_secret: token } });
      const emptyUser = await s.call("POST", "/auth/token", {
        headers: { authorization: basic("", token) },
      });
      const withUser = await s.call("POST", "/auth/token", {
        headers: { authorization: basic("client-1", token) },
        form: { grant_type: "client_credentials" },
      });
      const bearer = await s.call("POST", "/auth/token", { bearer: token });
      for (const answer of [json, emptyUser, withUser, bearer]) {
        expect(answer.status).toBe(200);
        expect(answer.json).not.toHaveProperty("state");
      }
    });

    it("refuses a request without credentials, an unknown grant_type and a bad body (400)", async () => {
      const none = await s.call("POST", "/auth/token");
      expect(none.status).toBe(400);
      expect(none.json).toEqual({
        error: "invalid_request",
        error_description:
          "Missing credentials: provide client_secret, Basic auth, or Bearer token",
      });
      const { token } = await s.issue({ owner: s.owner("grant") });
      const grant = await s.call("POST", "/auth/token", {
        bearer: token,
        json: { grant_type: "authorization_code" },
      });
      expect(grant.status).toBe(400);
      expect(grant.json["error"]).toBe("unsupported_grant_type");
      const bad = await s.call("POST", "/auth/token", { bearer: token, json: { state: 42 } });
      expect(bad.status).toBe(400);
      expect(bad.json["error"]).toBe("invalid_request");
      expect(String(bad.json["error_description"])).toContain("state");
    });

    it("refuses Basic credentials without a colon with 401 invalid_client and a Basic challenge", async () => {
      const answer = await s.call("POST", "/auth/token", {
        headers: { authorization: `Basic ${Buffer.from("no-colon").toString("base64")}` },
      });
      expect(answer.status).toBe(401);
      expect(answer.json["error"]).toBe("invalid_client");
      expect(answer.headers.get("www-authenticate")).toBe('Basic realm="pat"');
    });

    it("refuses a wrong secret, an unknown id and a revoked PAT with 401 invalid_client", async () => {
      const { token, tokenId } = await s.issue({ owner: s.owner("refused") });
      const wrong = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
      for (const candidate of [wrong, "pat_000000000000000000000.AAAA", "garbage"]) {
        const answer = await s.call("POST", "/auth/token", { bearer: candidate });
        expect(answer.status).toBe(401);
        expect(answer.json).toEqual({
          error: "invalid_client",
          error_description: "Invalid Authorization token",
        });
        expect(answer.headers.get("www-authenticate")).toBe(
          'Bearer realm="pat", error="invalid_token"',
        );
      }
      expect((await s.call("POST", "/auth/token", { bearer: token })).status).toBe(200);
      await s.fixture().pat.revoke(tokenId);
      // A revoked PAT gets no new access token from the next request on.
      expect((await s.call("POST", "/auth/token", { form: { client_secret: token } })).status).toBe(
        401,
      );
    });

    it("refuses two client authentication methods at once (400 invalid_request)", async () => {
      const { token } = await s.issue({ owner: s.owner("two") });
      const answer = await s.call("POST", "/auth/token", {
        bearer: token,
        form: { client_secret: token },
      });
      expect(answer.status).toBe(400);
      expect(answer.json["error"]).toBe("invalid_request");
    });

    it("answers 503 temporarily_unavailable when storage is unreachable (fail closed)", async () => {
      const { token } = await s.issue({ owner: s.owner("down") });
      const answer = await s.call("POST", "/down/auth/token", { bearer: token });
      expect(answer.status).toBe(503);
      expect(answer.json["error"]).toBe("temporarily_unavailable");
    });
  });

  describe("GET /auth/.well-known/jwks.json", () => {
    it("serves the public keys only", async () => {
      const answer = await s.call("GET", "/auth/.well-known/jwks.json");
      expect(answer.status).toBe(200);
      const keys = answer.json["keys"] as Array<Record<string, unknown>>;
      expect(keys.map((k) => k["kid"])).toEqual(["test-key-1"]);
      for (const key of keys)
        for (const member of ["d", "p", "q", "k"]) expect(key).not.toHaveProperty(member);
    });

    it("is served at the site root too, by createJwksHandler", async () => {
      const root = await s.call("GET", "/.well-known/jwks.json");
      expect(root.status).toBe(200);
      expect(root.headers.get("cache-control")).toBe("public, max-age=300");
      const mounted = await s.call("GET", "/auth/.well-known/jwks.json");
      expect(root.json).toEqual(mounted.json);
    });
  });

  describe("first admin (bootstrap)", () => {
    it("stores the first admin token on an empty table, then refuses the bootstrap secret", async () => {
      const f = s.fixture();
      const first = `pat_${"B".repeat(21)}.${f.bootstrapSecret}`;
      const second = `pat_${"C".repeat(21)}.${f.bootstrapSecret}`;
      s.remember(first);
      const answer = await s.call("POST", "/boot/auth/token", { bearer: first });
      expect(answer.status).toBe(200);
      expect(decodeJwt(String(answer.json["access_token"]))).toMatchObject({
        sub: "B".repeat(21),
        owner: "admin",
        admin: true,
      });
      const jwt = String(answer.json["access_token"]);
      const list = await s.call("GET", "/boot/admin/tokens", { bearer: jwt });
      expect(list.status).toBe(200);
      expect(list.json["records"]).toMatchObject([
        { tokenId: "B".repeat(21), owner: "admin", isAdmin: true },
      ]);
      expect((await s.call("POST", "/boot/auth/token", { bearer: second })).status).toBe(401);
      expect((await s.call("POST", "/boot/auth/token", { bearer: first })).status).toBe(200);
    });
  });
}
