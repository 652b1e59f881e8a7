/**
 * @pat/http: personal access tokens at the HTTP edge, framework-free on the WHATWG Fetch API
 * (`Request` → `Response`; Node ≥ 20, Bun, Deno, workers, Next.js route handlers). Bearer
 * authentication straight from a PAT (RFC 6750), the PAT→JWT exchange (OAuth 2.0 client
 * credentials, `jose`), the admin tokens API and its OpenAPI 3.1 document. Adapters:
 * `@pat/http/express` (a drop-in for @access-tokens/express), `@pat/http/fastify`,
 * `@pat/http/hono`.
 *
 * @example
 * ```ts
 * import { requireToken } from "@pat/http";
 * const auth = requireToken({ pat });
 * export async function GET(request: Request): Promise<Response> {
 *   const result = await auth(request);
 *   if (!result.ok) return result.response; // 401, 400, 403 or 503, with WWW-Authenticate
 *   return Response.json({ owner: result.user.owner });
 * }
 * ```
 *
 * @packageDocumentation
 */
import {
  fetchAuthenticator,
  fetchCheck,
  type FetchAuthenticator,
  type FetchCheck,
} from "./internal/fetch-middleware.js";
import { adminCheck, jwtGuard, roleCheck, tokenGuard } from "./internal/guards.js";
import type { JwksHandlerOptions } from "./internal/jwks.js";
import type {
  RequireAdminOptions,
  RequireJwtOptions,
  RequireRoleOptions,
  RequireTokenOptions,
} from "./internal/types.js";

import { fetchJwksHandler } from "./internal/fetch-handler.js";

export { createPatHandler, type PatHandlerOptions } from "./internal/fetch-handler.js";
export type {
  FetchAuthResult,
  FetchAuthenticator,
  FetchCheck,
} from "./internal/fetch-middleware.js";
export type { JwksHandlerOptions } from "./internal/jwks.js";
export {
  buildSignerVerifier,
  type ExtendedJwtPayload,
  type JwtConfig,
  type JwtSignerVerifier,
} from "./internal/jwt/signer-verifier.js";
export { generateKeySet, type AlgorithmType, type KeySet } from "./internal/jwt/key-set.js";
export { createOpenApiDocument, type OpenApiMounts } from "./internal/openapi.js";
export type { ProblemCode, FieldError, OAuthErrorCode } from "./internal/responses.js";
export type {
  AdminTokensRouterOptions,
  AuthRouterOptions,
  CommonOptions,
  HttpLogger,
  OpenApiPaths,
  PatUser,
  RequireAdminOptions,
  RequireJwtOptions,
  RequireRoleOptions,
  RequireTokenOptions,
} from "./internal/types.js";

/**
 * Bearer authentication straight from a PAT, for a Fetch handler: resolves `{ ok: true, user,
 * record }` for a token that verifies (and has the `admin` flag or `role` asked for), else
 * `{ ok: false, response }` to return as it is: 401 with `WWW-Authenticate: Bearer realm=...`
 * (plus `error="invalid_token"` when a token was presented), 400 `invalid_request` for malformed
 * credentials, 403 `insufficient_scope`, 503 when storage fails (fail closed).
 * Throws `InvalidConfigError` (`INVALID_CONFIG`) for bad options.
 *
 * @example
 * ```ts
 * const auth = requireToken({ pat, role: "writer" });
 * const result = await auth(request);
 * if (!result.ok) return result.response;
 * ```
 */
export function requireToken(options: RequireTokenOptions): FetchAuthenticator {
  return fetchAuthenticator(tokenGuard(options));
}

/**
 * Bearer authentication with an access token of the exchange (a JWT), for a Fetch handler; the
 * same answers as {@link requireToken} (no storage is read, so never 503).
 *
 * @example
 * ```ts
 * const auth = createRequireJwt({ signerVerifier });
 * const result = await auth(request);
 * ```
 */
export function createRequireJwt(options: RequireJwtOptions): FetchAuthenticator {
  return fetchAuthenticator(jwtGuard(options));
}

/**
 * Requires an admin user (from {@link requireToken} or {@link createRequireJwt}): undefined
 * when met, else the 401 or 403 `insufficient_scope` answer.
 *
 * @example
 * ```ts
 * const refused = createRequireAdmin()(result.user);
 * if (refused) return refused;
 * ```
 */
export function createRequireAdmin(options: RequireAdminOptions = {}): FetchCheck {
  return fetchCheck(adminCheck(options));
}

/**
 * Requires a user with `role`: undefined when met, else the 401 or 403 `insufficient_scope`
 * answer.
 *
 * @example
 * ```ts
 * const refused = createRequireRole({ role: "writer" })(result.user);
 * ```
 */
export function createRequireRole(options: RequireRoleOptions): FetchCheck {
  return fetchCheck(roleCheck(options));
}

/**
 * A Fetch handler serving the public keys of `signerVerifier` as a JSON Web Key Set, for the
 * site-root `/.well-known/jwks.json` (RFC 8615) that verifiers of your access tokens look up;
 * the auth router serves the same set under its own path. `GET` and `HEAD` answer 200 (public,
 * cached five minutes); other methods 405. Throws `InvalidConfigError` (`INVALID_CONFIG`) for
 * bad options.
 *
 * @example
 * ```ts
 * // app/.well-known/jwks.json/route.ts in Next.js
 * export const GET = createJwksHandler({ signerVerifier });
 * ```
 */
export function createJwksHandler(options: JwksHandlerOptions): (request: Request) => Response {
  return fetchJwksHandler(options);
}
