/**
 * @pat/http/express: a drop-in for `@access-tokens/express` (same names, options, paths, bodies,
 * status codes and `req.user`), on Express 5 (and 4), plus `requireToken` for bearer
 * authentication straight from a PAT. Express is an optional peer dependency.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { createAuthRouter, createAdminTokensRouter, buildSignerVerifier, generateKeySet } from "@pat/http/express";
 * const signerVerifier = await buildSignerVerifier({ keySet: await generateKeySet("k1"), issuer: "my-app" });
 * const app = express();
 * app.use("/auth", createAuthRouter({ pat, signerVerifier }));
 * app.use("/admin", createAdminTokensRouter({ pat, signerVerifier }));
 * ```
 *
 * @packageDocumentation
 */
import type { RequestHandler, Router } from "express";
import {
  expressAdminRouter,
  expressAuthRouter,
  expressRequireAdmin,
  expressRequireJwt,
  expressRequireRole,
  expressRequireToken,
} from "./internal/adapters/express.js";
import type {
  AdminTokensRouterOptions,
  AuthRouterOptions,
  RequireAdminOptions,
  RequireJwtOptions,
  RequireRoleOptions,
  RequireTokenOptions,
} from "./internal/types.js";

export {
  buildSignerVerifier,
  type ExtendedJwtPayload,
  type JwtConfig,
  type JwtSignerVerifier,
} from "./internal/jwt/signer-verifier.js";
export { generateKeySet, type AlgorithmType, type KeySet } from "./internal/jwt/key-set.js";
export type {
  AdminTokensRouterOptions,
  AuthRouterOptions,
  HttpLogger,
  PatUser,
  RequireAdminOptions,
  RequireJwtOptions,
  RequireRoleOptions,
  RequireTokenOptions,
} from "./internal/types.js";

/** Options of {@link createAuthRouter} under @access-tokens/express's name. */
export type AuthRouterConfig = AuthRouterOptions;
/** Options of {@link createAdminTokensRouter} under @access-tokens/express's name. */
export type AdminTokensRouterConfig = AdminTokensRouterOptions;
/** Options of {@link createRequireJwt} under @access-tokens/express's name. */
export type CreateRequireJwtConfig = RequireJwtOptions;
/** Options of {@link createRequireAdmin} under @access-tokens/express's name. */
export type CreateRequireAdminConfig = RequireAdminOptions;
/** Options of {@link createRequireRole} under @access-tokens/express's name. */
export type CreateRequireRoleConfig = RequireRoleOptions;

/**
 * The auth router: `POST /token` (PAT→JWT exchange: `client_secret` in a form or JSON body,
 * Basic, or Bearer; the first admin token is stored by the bootstrap path) and
 * `GET /.well-known/jwks.json`. Reads its own body (a global `express.json()` before it is
 * fine). Throws `InvalidConfigError` (`INVALID_CONFIG`) for bad options.
 *
 * @example
 * ```ts
 * app.use("/auth", createAuthRouter({ pat, signerVerifier }));
 * ```
 */
export function createAuthRouter(options: AuthRouterOptions): Router {
  return expressAuthRouter(options);
}

/**
 * The admin tokens router: `GET/POST /tokens`, `GET/PUT/PATCH /tokens/:tokenId`,
 * `PUT /tokens/:tokenId/revoke|restore`, `POST /tokens/batch` and `GET /openapi.json`, for an
 * admin JWT or an admin PAT. Throws `InvalidConfigError` (`INVALID_CONFIG`) for bad options.
 *
 * @example
 * ```ts
 * app.use("/admin", createAdminTokensRouter({ pat, signerVerifier }));
 * ```
 */
export function createAdminTokensRouter(options: AdminTokensRouterOptions): Router {
  return expressAdminRouter(options);
}

/**
 * Middleware: bearer authentication straight from a PAT (RFC 6750). Sets `req.user`
 * (`{ sub, owner, admin, roles }`) and `req.tokenRecord`; refuses with 401 (+ `WWW-Authenticate`),
 * 400 `invalid_request`, 403 `insufficient_scope` (`admin` / `role` options) or 503 (storage
 * failure, fail closed). Throws `InvalidConfigError` (`INVALID_CONFIG`) for bad options.
 *
 * @example
 * ```ts
 * app.get("/api/data", requireToken({ pat }), (req, res) => res.json({ owner: req.user?.owner }));
 * ```
 */
export function requireToken(options: RequireTokenOptions): RequestHandler {
  return expressRequireToken(options);
}

/**
 * Middleware: bearer authentication with an access token of the exchange; sets `req.user`.
 * Refuses with 401 `invalid_token` (the body's `error.code` names jose's reason, e.g.
 * `ERR_JWT_EXPIRED`) or 400 for malformed credentials.
 *
 * @example
 * ```ts
 * app.get("/api/data", createRequireJwt({ signerVerifier }), handler);
 * ```
 */
export function createRequireJwt(options: RequireJwtOptions): RequestHandler {
  return expressRequireJwt(options);
}

/**
 * Middleware after `createRequireJwt` or `requireToken`: 401 without `req.user`, 403
 * `insufficient_scope` ("Admin access required") unless `req.user.admin`.
 *
 * @example
 * ```ts
 * app.delete("/users/:id", requireJwt, createRequireAdmin(), handler);
 * ```
 */
export function createRequireAdmin(options: RequireAdminOptions = {}): RequestHandler {
  return expressRequireAdmin(options);
}

/**
 * Middleware after `createRequireJwt` or `requireToken`: 401 without `req.user`, 403
 * `insufficient_scope` ("Access denied") unless `req.user.roles` has `role`.
 *
 * @example
 * ```ts
 * app.put("/content", requireJwt, createRequireRole({ role: "editor" }), handler);
 * ```
 */
export function createRequireRole(options: RequireRoleOptions): RequestHandler {
  return expressRequireRole(options);
}
