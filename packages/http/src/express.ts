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
import type { ErrorRequestHandler, RequestHandler, Router } from "express";
import {
  expressCheck,
  expressErrorHandler,
  expressJwksHandler,
  expressMiddleware,
  expressRouter,
  type ErrorHandlerOptions,
} from "./internal/adapters/express.js";
import { adminCheck, jwtGuard, roleCheck, tokenGuard } from "./internal/guards.js";
import type { JwksHandlerOptions } from "./internal/jwks.js";
import { adminRoutes, authRoutes } from "./internal/routes.js";
import type {
  AdminTokensRouterOptions,
  AuthRouterOptions,
  RequireAdminOptions,
  RequireJwtOptions,
  RequireRoleOptions,
  RequireTokenOptions,
} from "./internal/types.js";

export type { ErrorHandlerOptions } from "./internal/adapters/express.js";
export type { JwksHandlerOptions } from "./internal/jwks.js";
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
 * `GET /.well-known/jwks.json`. Reads its own body; mount it before any global body parser (see
 * {@link patErrorHandler} when one runs first). Throws `InvalidConfigError` (`INVALID_CONFIG`)
 * for bad options.
 *
 * @example
 * ```ts
 * app.use("/auth", createAuthRouter({ pat, signerVerifier }));
 * ```
 */
export function createAuthRouter(options: AuthRouterOptions): Router {
  return expressRouter(authRoutes(options));
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
  return expressRouter(adminRoutes(options));
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
  return expressMiddleware(tokenGuard(options));
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
  return expressMiddleware(jwtGuard(options));
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
  return expressCheck(adminCheck(options));
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
  return expressCheck(roleCheck(options));
}

/**
 * Handler serving the public keys of `signerVerifier` as a JSON Web Key Set, to mount at the
 * site root (`/.well-known/jwks.json`, RFC 8615) where verifiers look for it; the auth router
 * serves the same set under its own path. Throws `InvalidConfigError` (`INVALID_CONFIG`).
 *
 * @example
 * ```ts
 * app.get("/.well-known/jwks.json", createJwksHandler({ signerVerifier }));
 * ```
 */
export function createJwksHandler(options: JwksHandlerOptions): RequestHandler {
  return expressJwksHandler(options);
}

/**
 * Error handler for an app whose own body parsers (`express.json()`, `express.urlencoded()`)
 * run before the routers: their failures (body too large, unparsable, unsupported charset) are
 * answered like the routers' own, as problem details, or as an RFC 6749 §5.2 error for a `POST`
 * to a path ending in `/token`, with no stack trace; any other error goes on to the next
 * handler. Mount it after everything else. Throws `InvalidConfigError` (`INVALID_CONFIG`).
 *
 * @example
 * ```ts
 * app.use(express.json());
 * app.use("/admin", createAdminTokensRouter({ pat, signerVerifier }));
 * app.use(patErrorHandler());
 * ```
 */
export function patErrorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  return expressErrorHandler(options);
}
