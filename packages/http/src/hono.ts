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
import type { Handler, Hono, MiddlewareHandler } from "hono";
import {
  honoApp,
  honoCheck,
  honoJwksHandler,
  honoMiddleware,
  type JwtVariables,
  type PatEnv,
  type TokenVariables,
} from "./internal/adapters/hono.js";
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

export type {
  JwtVariables,
  PatEnv,
  PatVariables,
  TokenVariables,
} from "./internal/adapters/hono.js";
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
  return honoApp(authRoutes(options));
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
  return honoApp(adminRoutes(options));
}

/**
 * Middleware: bearer authentication straight from a PAT; sets `user` and `tokenRecord`, or
 * answers 401 / 400 / 403 `insufficient_scope` / 503 (fail closed). A handler given it on the
 * same route sees both variables typed as set.
 *
 * @example
 * ```ts
 * app.get("/api/data", requireToken({ pat }), (c) => c.json(c.get("user")));
 * ```
 */
export function requireToken(
  options: RequireTokenOptions,
): MiddlewareHandler<{ Variables: TokenVariables }> {
  return honoMiddleware<TokenVariables>(tokenGuard(options));
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
export function createRequireJwt(
  options: RequireJwtOptions,
): MiddlewareHandler<{ Variables: JwtVariables }> {
  return honoMiddleware<JwtVariables>(jwtGuard(options));
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
  return honoCheck(adminCheck(options));
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
  return honoCheck(roleCheck(options));
}

/**
 * Handler serving the public keys of `signerVerifier` as a JSON Web Key Set, for the site root
 * (`/.well-known/jwks.json`, RFC 8615); the auth router serves the same set under its own path.
 * Throws `InvalidConfigError` (`INVALID_CONFIG`).
 *
 * @example
 * ```ts
 * app.get("/.well-known/jwks.json", createJwksHandler({ signerVerifier }));
 * ```
 */
export function createJwksHandler(options: JwksHandlerOptions): Handler {
  return honoJwksHandler(options);
}
