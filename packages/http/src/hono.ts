/**
 * @pat/http/hono: the auth and admin routers as Hono 4 apps (mount them with `app.route`) and
 * the middleware as Hono middleware setting the typed variables `user` and `tokenRecord`, with
 * the behaviour, paths and answers of `@pat/http/express`. Hono is an optional peer dependency;
 * on Node, serve with `@hono/node-server`.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { createAuthRouter, createAdminTokensRouter, requireToken, type PatEnv } from "@pat/http/hono";
 * const app = new Hono<PatEnv>();
 * app.route("/auth", createAuthRouter({ pat, signerVerifier }));
 * app.route("/admin", createAdminTokensRouter({ pat, signerVerifier }));
 * app.get("/api/data", requireToken({ pat }), (c) => c.json({ owner: c.get("user").owner }));
 * ```
 *
 * @packageDocumentation
 */
import type { Hono, MiddlewareHandler } from "hono";
import {
  honoAdminRouter,
  honoAuthRouter,
  honoRequireAdmin,
  honoRequireJwt,
  honoRequireRole,
  honoRequireToken,
  type PatEnv,
} from "./internal/adapters/hono.js";
import type {
  AdminTokensRouterOptions,
  AuthRouterOptions,
  RequireAdminOptions,
  RequireJwtOptions,
  RequireRoleOptions,
  RequireTokenOptions,
} from "./internal/types.js";

export type { PatEnv, PatVariables } from "./internal/adapters/hono.js";
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

/**
 * The auth router as a Hono app: `POST /token` and `GET /.well-known/jwks.json` (see
 * `@pat/http/express`'s `createAuthRouter`). Throws `InvalidConfigError` (`INVALID_CONFIG`).
 *
 * @example
 * ```ts
 * app.route("/auth", createAuthRouter({ pat, signerVerifier }));
 * ```
 */
export function createAuthRouter(options: AuthRouterOptions): Hono {
  return honoAuthRouter(options);
}

/**
 * The admin tokens router as a Hono app (see `@pat/http/express`'s `createAdminTokensRouter`).
 * Throws `InvalidConfigError` (`INVALID_CONFIG`).
 *
 * @example
 * ```ts
 * app.route("/admin", createAdminTokensRouter({ pat, signerVerifier }));
 * ```
 */
export function createAdminTokensRouter(options: AdminTokensRouterOptions): Hono {
  return honoAdminRouter(options);
}

/**
 * Middleware: bearer authentication straight from a PAT; sets `user` and `tokenRecord`, or
 * answers 401 / 400 / 403 `insufficient_scope` / 503 (fail closed).
 *
 * @example
 * ```ts
 * app.get("/api/data", requireToken({ pat }), (c) => c.json(c.get("user")));
 * ```
 */
export function requireToken(options: RequireTokenOptions): MiddlewareHandler<PatEnv> {
  return honoRequireToken(options);
}

/**
 * Middleware: bearer authentication with an access token of the exchange; sets `user`, or
 * answers 401 `invalid_token` / 400.
 *
 * @example
 * ```ts
 * app.use("/api/*", createRequireJwt({ signerVerifier }));
 * ```
 */
export function createRequireJwt(options: RequireJwtOptions): MiddlewareHandler<PatEnv> {
  return honoRequireJwt(options);
}

/**
 * Middleware after an authentication middleware: 401 without `user`, 403 `insufficient_scope`
 * unless it is an admin.
 *
 * @example
 * ```ts
 * app.use("/api/admin/*", createRequireAdmin());
 * ```
 */
export function createRequireAdmin(options: RequireAdminOptions = {}): MiddlewareHandler<PatEnv> {
  return honoRequireAdmin(options);
}

/**
 * Middleware after an authentication middleware: 401 without `user`, 403 `insufficient_scope`
 * unless it has `role`.
 *
 * @example
 * ```ts
 * app.put("/content", createRequireRole({ role: "editor" }), handler);
 * ```
 */
export function createRequireRole(options: RequireRoleOptions): MiddlewareHandler<PatEnv> {
  return honoRequireRole(options);
}
