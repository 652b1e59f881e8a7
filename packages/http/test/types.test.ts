/**
 * Type-level checks of the public API (they run under `tsc` via `pnpm typecheck`, and as plain
 * assertions here): Hono's `user` is optional on routes without the middleware and set on routes
 * with it; a signer/verifier written for @access-tokens/express (no `ttlSeconds`) is accepted.
 */
import { Hono } from "hono";
import { describe, expect, expectTypeOf, it } from "vitest";
import { MemoryTokenStore, Pat, type ValidTokenRecord } from "@pat/core";
import {
  createRequireAdmin,
  createRequireJwt,
  generateKeySet,
  buildSignerVerifier,
  requireToken,
  type JwtSignerVerifier,
  type PatEnv,
  type PatUser,
} from "../src/hono.js";

describe("Hono variables", () => {
  it("types user as optional app-wide and as set on a route given the middleware", async () => {
    const pat = new Pat({ store: new MemoryTokenStore(), scryptOptions: { cost: 16 } });
    const signerVerifier = await buildSignerVerifier({
      keySet: await generateKeySet("types"),
      issuer: "types",
    });
    const app = new Hono<PatEnv>();
    app.use("/api/*", requireToken({ pat }));
    app.get("/api/anywhere", (c) => {
      expectTypeOf(c.get("user")).toEqualTypeOf<PatUser | undefined>();
      return c.json({ owner: c.get("user")?.owner ?? null });
    });
    app.get("/token", requireToken({ pat }), (c) => {
      expectTypeOf(c.get("user")).toEqualTypeOf<PatUser>();
      expectTypeOf(c.get("tokenRecord")).toEqualTypeOf<ValidTokenRecord>();
      return c.json({ owner: c.get("user").owner });
    });
    app.get("/jwt", createRequireJwt({ signerVerifier }), createRequireAdmin(), (c) => {
      expectTypeOf(c.get("user")).toEqualTypeOf<PatUser>();
      return c.text(c.get("user").sub);
    });
    const { token } = await pat.issue({ owner: "typed@example.com" });
    const authorization = { authorization: `Bearer ${token}` };
    const anywhere = await app.request("/api/anywhere");
    expect(anywhere.status).toBe(401);
    const typed = await app.request("/token", { headers: authorization });
    expect(await typed.json()).toEqual({ owner: "typed@example.com" });
  });
});

describe("JwtSignerVerifier", () => {
  it("accepts a signer/verifier of @access-tokens/express's shape, without ttlSeconds", async () => {
    const built = await buildSignerVerifier({
      keySet: await generateKeySet("shape"),
      issuer: "shape",
    });
    const handMade: JwtSignerVerifier = {
      sign: (claims) => built.sign(claims),
      verify: (jws) => built.verify(jws),
      jwks: built.jwks,
    };
    expectTypeOf(handMade.ttlSeconds).toEqualTypeOf<number | undefined>();
    expect(handMade.ttlSeconds).toBeUndefined();
  });
});
