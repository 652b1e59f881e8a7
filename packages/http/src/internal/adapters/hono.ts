/**
 * Hono 4 adapter: Hono is built on the Fetch API, so a route hands `c.req.raw` to the core as
 * the Fetch handler does, with the parameters Hono's router decoded; the middleware set `user`
 * and `tokenRecord` as typed context variables.
 */
import { Hono, type MiddlewareHandler } from "hono";
import type { ValidTokenRecord } from "@pat/core";
import { edgeFromRequest, toResponse, webHeader } from "../fetch.js";
import { adminCheck, jwtGuard, roleCheck, tokenGuard, type Check, type Guard } from "../guards.js";
import { adminRoutes, authRoutes, type Route } from "../routes.js";
import type {
  AdminTokensRouterOptions,
  AuthRouterOptions,
  PatUser,
  RequireAdminOptions,
  RequireJwtOptions,
  RequireRoleOptions,
  RequireTokenOptions,
} from "../types.js";

/** Context variables the middleware set: `c.get("user")`, `c.get("tokenRecord")`. */
export interface PatVariables {
  user: PatUser;
  tokenRecord?: ValidTokenRecord;
}

/** The Hono environment of apps using the middleware. */
export interface PatEnv {
  Variables: PatVariables;
}

function appOf(routes: readonly Route[]): Hono {
  const app = new Hono();
  for (const route of routes) {
    app.on(route.method, route.path, async (c) => {
      const request = c.req.raw;
      const edge = edgeFromRequest(request, c.req.param() as Record<string, string>);
      return toResponse(
        await route.handle(route.hasBody ? edge : { ...edge, body: { kind: "none" } }),
      );
    });
  }
  return app;
}

export function honoAuthRouter(options: AuthRouterOptions): Hono {
  return appOf(authRoutes(options));
}

export function honoAdminRouter(options: AdminTokensRouterOptions): Hono {
  return appOf(adminRoutes(options));
}

function middlewareOf(guard: Guard): MiddlewareHandler<PatEnv> {
  return async (c, next) => {
    const outcome = await guard(webHeader(c.req.raw.headers)("authorization"));
    if (!outcome.ok) return toResponse(outcome.response);
    c.set("user", outcome.auth.user);
    if (outcome.auth.record !== undefined) c.set("tokenRecord", outcome.auth.record);
    await next();
    return undefined;
  };
}

function checkOf(check: Check): MiddlewareHandler<PatEnv> {
  return async (c, next) => {
    const refused = check(c.get("user"));
    if (refused) return toResponse(refused);
    await next();
    return undefined;
  };
}

export function honoRequireToken(options: RequireTokenOptions): MiddlewareHandler<PatEnv> {
  return middlewareOf(tokenGuard(options));
}

export function honoRequireJwt(options: RequireJwtOptions): MiddlewareHandler<PatEnv> {
  return middlewareOf(jwtGuard(options));
}

export function honoRequireAdmin(options: RequireAdminOptions = {}): MiddlewareHandler<PatEnv> {
  return checkOf(adminCheck(options));
}

export function honoRequireRole(options: RequireRoleOptions): MiddlewareHandler<PatEnv> {
  return checkOf(roleCheck(options));
}
