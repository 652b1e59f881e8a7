/**
 * @pat/http/fastify: the auth and admin routers as Fastify 5 plugins (register them with a
 * `prefix`) and the middleware as `preHandler` hooks, with the behaviour, paths and answers of
 * `@pat/http/express`. Fastify is an optional peer dependency.
 *
 * @example
 * ```ts
 * import Fastify from "fastify";
 * import { createAuthRouter, createAdminTokensRouter, requireToken } from "@pat/http/fastify";
 * const app = Fastify();
 * await app.register(createAuthRouter({ pat, signerVerifier }), { prefix: "/auth" });
 * await app.register(createAdminTokensRouter({ pat, signerVerifier }), { prefix: "/admin" });
 * app.get("/api/data", { preHandler: requireToken({ pat }) }, async (request) => ({ owner: request.user?.owner }));
 * ```
 *
 * @packageDocumentation
 */
import type { FastifyPluginAsync, preHandlerAsyncHookHandler, RouteHandlerMethod } from "fastify";
import {
  fastifyCheckHook,
  fastifyHook,
  fastifyJwksHandler,
  fastifyPlugin,
} from "./internal/adapters/fastify.js";
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
 * The auth router as a plugin: `POST /token` and `GET /.well-known/jwks.json` (see
 * `@pat/http/express`'s `createAuthRouter`). Throws `InvalidConfigError` (`INVALID_CONFIG`).
 *
 * @example
 * ```ts
 * await app.register(createAuthRouter({ pat, signerVerifier }), { prefix: "/auth" });
 * ```
 */
export function createAuthRouter(options: AuthRouterOptions): FastifyPluginAsync {
  return fastifyPlugin(authRoutes(options));
}

/**
 * The admin tokens router as a plugin (see `@pat/http/express`'s `createAdminTokensRouter`).
 * Throws `InvalidConfigError` (`INVALID_CONFIG`).
 *
 * @example
 * ```ts
 * await app.register(createAdminTokensRouter({ pat, signerVerifier }), { prefix: "/admin" });
 * ```
 */
export function createAdminTokensRouter(options: AdminTokensRouterOptions): FastifyPluginAsync {
  return fastifyPlugin(adminRoutes(options));
}

/**
 * `preHandler` hook: bearer authentication straight from a PAT; sets `request.user` and
 * `request.tokenRecord`, or answers 401 / 400 / 403 `insufficient_scope` / 503 (fail closed).
 *
 * @example
 * ```ts
 * app.get("/api/data", { preHandler: requireToken({ pat, role: "reader" }) }, handler);
 * ```
 */
export function requireToken(options: RequireTokenOptions): preHandlerAsyncHookHandler {
  return fastifyHook(tokenGuard(options));
}

/**
 * `preHandler` hook: bearer authentication with an access token of the exchange; sets
 * `request.user`, or answers 401 `invalid_token` / 400.
 *
 * @example
 * ```ts
 * app.get("/api/data", { preHandler: createRequireJwt({ signerVerifier }) }, handler);
 * ```
 */
export function createRequireJwt(options: RequireJwtOptions): preHandlerAsyncHookHandler {
  return fastifyHook(jwtGuard(options));
}

/**
 * `preHandler` hook after an authentication hook: 401 without `request.user`, 403
 * `insufficient_scope` unless it is an admin.
 *
 * @example
 * ```ts
 * app.get("/admin-only", { preHandler: [createRequireJwt({ signerVerifier }), createRequireAdmin()] }, handler);
 * ```
 */
export function createRequireAdmin(options: RequireAdminOptions = {}): preHandlerAsyncHookHandler {
  return fastifyCheckHook(adminCheck(options));
}

/**
 * `preHandler` hook after an authentication hook: 401 without `request.user`, 403
 * `insufficient_scope` unless it has `role`.
 *
 * @example
 * ```ts
 * app.put("/content", { preHandler: [requireToken({ pat }), createRequireRole({ role: "editor" })] }, handler);
 * ```
 */
export function createRequireRole(options: RequireRoleOptions): preHandlerAsyncHookHandler {
  return fastifyCheckHook(roleCheck(options));
}

/**
 * Route handler serving the public keys of `signerVerifier` as a JSON Web Key Set, for the site
 * root (`/.well-known/jwks.json`, RFC 8615); the auth router serves the same set under its
 * prefix. Throws `InvalidConfigError` (`INVALID_CONFIG`).
 *
 * @example
 * ```ts
 * app.get("/.well-known/jwks.json", createJwksHandler({ signerVerifier }));
 * ```
 */
export function createJwksHandler(options: JwksHandlerOptions): RouteHandlerMethod {
  return fastifyJwksHandler(options);
}
