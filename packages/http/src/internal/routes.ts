/**
 * The route tables of the auth and admin routers: method, path (in the `:param` syntax that
 * Express, Fastify and Hono share) and the core handler. Adapters register these routes in
 * their framework's own router; the Fetch handler matches them itself (`matchRoute`).
 */
import { InvalidConfigError } from "@pat/core";
import {
  batchLoadTokens,
  getToken,
  issueToken,
  listTokens,
  registerToken,
  restoreToken,
  revokeToken,
  updateToken,
  type AdminConfig,
} from "./admin-routes.js";
import {
  checkBodyLimit,
  checkFlag,
  checkLogger,
  checkMountPath,
  checkName,
  checkOptions,
  checkPat,
  checkRealm,
  checkSignerVerifier,
} from "./config.js";
import type { EdgeRequest, EdgeResponse } from "./edge.js";
import { jwksAnswerOf } from "./jwks.js";
import { rotateToken } from "./rotate-route.js";
import { createOpenApiDocument } from "./openapi.js";
import { json } from "./responses.js";
import { handleTokenRequest, type TokenEndpointConfig } from "./token-endpoint.js";
import type { AdminTokensRouterOptions, AuthRouterOptions } from "./types.js";

/** HTTP methods of the routes. */
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH";

/** One route: the adapters register `path` for `method` and call `handle`. */
export interface Route {
  readonly method: RouteMethod;
  readonly path: string;
  /** Whether the route reads a request body (adapters leave the stream unread otherwise). */
  readonly hasBody: boolean;
  readonly handle: (req: EdgeRequest) => Promise<EdgeResponse>;
}

/** Routes of the auth router: `POST /token` and `GET /.well-known/jwks.json`. */
export function authRoutes(options: AuthRouterOptions, where = "createAuthRouter"): Route[] {
  checkOptions(options, where);
  const config: TokenEndpointConfig = {
    pat: checkPat(options.pat, where),
    signerVerifier: checkSignerVerifier(options.signerVerifier, where),
    realm: checkRealm(options.realm, where),
    logger: checkLogger(options.logger, where),
    bootstrapOwner:
      options.bootstrapOwner === undefined
        ? "admin"
        : checkName(options.bootstrapOwner, "bootstrapOwner", where),
    bodyLimit: checkBodyLimit(options.bodyLimit, where),
  };
  const jwks = jwksAnswerOf(config.signerVerifier);
  return [
    {
      method: "POST",
      path: "/token",
      hasBody: true,
      handle: (req) => handleTokenRequest(req, config),
    },
    {
      method: "GET",
      path: "/.well-known/jwks.json",
      hasBody: false,
      handle: () => Promise.resolve(jwks),
    },
  ];
}

/** Routes of the admin tokens router, and `GET /openapi.json` unless turned off. */
export function adminRoutes(
  options: AdminTokensRouterOptions,
  where = "createAdminTokensRouter",
): Route[] {
  checkOptions(options, where);
  const config: AdminConfig = {
    pat: checkPat(options.pat, where),
    signerVerifier:
      options.signerVerifier === undefined
        ? undefined
        : checkSignerVerifier(options.signerVerifier, where),
    acceptPat: checkFlag(options.acceptPat, "acceptPat", true, where),
    allowSecretPhc: checkFlag(options.allowSecretPhc, "allowSecretPhc", false, where),
    bodyLimit: checkBodyLimit(options.bodyLimit, where),
    realm: checkRealm(options.realm, where),
    logger: checkLogger(options.logger, where),
  };
  if (!config.acceptPat && config.signerVerifier === undefined) {
    throw new InvalidConfigError(
      `${where}: acceptPat is false and there is no signerVerifier, so no one could call it`,
    );
  }
  const bind =
    (handler: (req: EdgeRequest, c: AdminConfig) => Promise<EdgeResponse>) => (req: EdgeRequest) =>
      handler(req, config);
  const routes: Route[] = [
    { method: "GET", path: "/tokens", hasBody: false, handle: bind(listTokens) },
    { method: "POST", path: "/tokens", hasBody: true, handle: bind(issueToken) },
    { method: "POST", path: "/tokens/batch", hasBody: true, handle: bind(batchLoadTokens) },
    { method: "GET", path: "/tokens/:tokenId", hasBody: false, handle: bind(getToken) },
    { method: "PUT", path: "/tokens/:tokenId", hasBody: true, handle: bind(registerToken) },
    { method: "PATCH", path: "/tokens/:tokenId", hasBody: true, handle: bind(updateToken) },
    { method: "PUT", path: "/tokens/:tokenId/revoke", hasBody: true, handle: bind(revokeToken) },
    { method: "PUT", path: "/tokens/:tokenId/restore", hasBody: false, handle: bind(restoreToken) },
    { method: "POST", path: "/tokens/:tokenId/rotate", hasBody: true, handle: bind(rotateToken) },
  ];
  if (options.openapi !== false) {
    const paths = options.openapi ?? {};
    const document = createOpenApiDocument({
      authPath: checkMountPath(paths.authPath, "openapi.authPath", "/auth", where),
      adminPath: checkMountPath(paths.adminPath, "openapi.adminPath", "/admin", where),
    });
    const body = json(200, document, { "cache-control": "public, max-age=300" });
    routes.push({
      method: "GET",
      path: "/openapi.json",
      hasBody: false,
      handle: () => Promise.resolve(body),
    });
  }
  return routes;
}

/** A route matched against a path, with its decoded parameters. */
export type RouteMatch =
  | { readonly kind: "found"; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: "method_not_allowed"; readonly allow: readonly string[] }
  | { readonly kind: "not_found" };

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? "";
    const g = got[i] ?? "";
    if (w.startsWith(":")) {
      if (g === "") return undefined;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
}

/** Finds the route of `method` and `path` (relative to the router's mount point). */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const allow = new Set<string>();
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === method) return { kind: "found", route, params };
    allow.add(route.method);
  }
  return allow.size > 0 ? { kind: "method_not_allowed", allow: [...allow] } : { kind: "not_found" };
}
