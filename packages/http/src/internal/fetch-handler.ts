/**
 * `createPatHandler`: the auth and admin routers as one Fetch handler, for platforms without a
 * router of their own (a bare `node:http` bridge, Bun.serve, Deno.serve, workers, a Next.js
 * catch-all route). Unknown paths answer 404 and known paths with another method 405 (with
 * `Allow`), both as problem details. Also the stand-alone JWKS handler of the Fetch entry.
 */
import { checkMountPath, checkOptions } from "./config.js";
import { edgeFromRequest, toResponse } from "./fetch.js";
import { jwksAnswer, type JwksHandlerOptions } from "./jwks.js";
import { problem } from "./responses.js";
import { adminRoutes, authRoutes, matchRoute, type Route } from "./routes.js";
import type { AdminTokensRouterOptions, AuthRouterOptions } from "./types.js";

/** Options of {@link createPatHandler}. */
export interface PatHandlerOptions
  extends AdminTokensRouterOptions, Partial<Pick<AuthRouterOptions, "bootstrapOwner">> {
  /**
   * Where the auth router answers (`POST {authPath}/token`, `GET {authPath}/.well-known/jwks.json`),
   * default `/auth`. The auth routes exist only with a `signerVerifier`.
   */
  readonly authPath?: string;
  /** Where the admin router answers, default `/admin`. */
  readonly adminPath?: string;
}

interface Mount {
  readonly prefix: string;
  readonly routes: readonly Route[];
}

/**
 * Builds a Fetch handler serving the token exchange (when a `signerVerifier` is given) and the
 * admin API. Throws `InvalidConfigError` (`INVALID_CONFIG`) for bad options.
 *
 * @example
 * ```ts
 * const handler = createPatHandler({ pat, signerVerifier });
 * const response = await handler(new Request("http://localhost/admin/tokens"));
 * ```
 */
export function createPatHandler(
  options: PatHandlerOptions,
): (request: Request) => Promise<Response> {
  const where = "createPatHandler";
  checkOptions(options, where);
  const authPath = checkMountPath(options.authPath, "authPath", "/auth", where);
  const adminPath = checkMountPath(options.adminPath, "adminPath", "/admin", where);
  const mounts: Mount[] = [];
  if (options.signerVerifier !== undefined) {
    const { signerVerifier } = options;
    mounts.push({ prefix: authPath, routes: authRoutes({ ...options, signerVerifier }, where) });
  }
  const openapi = options.openapi === false ? false : { authPath, adminPath, ...options.openapi };
  mounts.push({ prefix: adminPath, routes: adminRoutes({ ...options, openapi }, where) });

  return async (request) => {
    const url = new URL(request.url);
    for (const { prefix, routes } of mounts) {
      if (!url.pathname.startsWith(`${prefix}/`)) continue;
      const match = matchRoute(
        routes,
        request.method.toUpperCase(),
        url.pathname.slice(prefix.length),
      );
      if (match.kind === "found") {
        return toResponse(
          await match.route.handle(edgeFromRequest(request, match.params, url.search)),
          request,
        );
      }
      if (match.kind === "method_not_allowed") return methodNotAllowed(request, match.allow);
    }
    return toResponse(problem(404, { code: "NOT_FOUND", message: "No such route" }), request);
  };
}

function methodNotAllowed(request: Request, allow: readonly string[]): Response {
  return toResponse(
    problem(405, {
      code: "METHOD_NOT_ALLOWED",
      message: `Method ${request.method} is not allowed here`,
      headers: { allow: allow.join(", ") },
    }),
    request,
  );
}

/** `createJwksHandler` of the Fetch entry: `GET`/`HEAD` answer the key set, others 405. */
export function fetchJwksHandler(options: JwksHandlerOptions): (request: Request) => Response {
  const answer = jwksAnswer(options);
  return (request) =>
    request.method === "GET" || request.method === "HEAD"
      ? toResponse(answer, request)
      : methodNotAllowed(request, ["GET", "HEAD"]);
}
