/**
 * Hono 4 adapter: Hono is built on the Fetch API, so a route hands `c.req.raw` to the core as
 * the Fetch handler does, with the parameters Hono's router decoded; the middleware set `user`
 * and `tokenRecord` as typed context variables. No behaviour lives here.
 */
import { Hono, type Handler, type MiddlewareHandler } from "hono";
import type { ValidTokenRecord } from "@pat/core";
import { edgeFromRequest, toResponse, webHeader } from "../fetch.js";
import type { Check, Guard } from "../guards.js";
import { jwksAnswer, type JwksHandlerOptions } from "../jwks.js";
import type { Route } from "../routes.js";
import type { PatUser } from "../types.js";

/**
 * Context variables of an app using the middleware: `c.get("user")` and `c.get("tokenRecord")`
 * are undefined on a route that no authentication middleware ran for, so they are optional here.
 * On a route given the middleware itself (`app.get(path, requireToken(...), handler)`), the
 * handler sees them set: see {@link TokenVariables} and {@link JwtVariables}.
 */
export interface PatVariables {
  user?: PatUser;
  tokenRecord?: ValidTokenRecord;
}

/** The Hono environment of apps using the middleware. */
export interface PatEnv {
  Variables: PatVariables;
}

/** What `requireToken` sets: the user and the verified record. */
export interface TokenVariables {
  user: PatUser;
  tokenRecord: ValidTokenRecord;
}

/** What `createRequireJwt` sets: the user (a JWT carries no record). */
export interface JwtVariables {
  user: PatUser;
}

/** The routes of a core route table as a Hono app (mount it with `app.route`). */
export function honoApp(routes: readonly Route[]): Hono {
  const app = new Hono();
  for (const route of routes) {
    app.on(route.method, route.path, async (c) => {
      const request = c.req.raw;
      const edge = edgeFromRequest(request, c.req.param() as Record<string, string>);
      const answer = await route.handle(route.hasBody ? edge : { ...edge, body: { kind: "none" } });
      return toResponse(answer, request);
    });
  }
  return app;
}

/** A guard as middleware setting `user` (and `tokenRecord` for a PAT). */
export function honoMiddleware<V extends { user: PatUser }>(
  guard: Guard,
): MiddlewareHandler<{ Variables: V }> {
  return async (c, next) => {
    const outcome = await guard(webHeader(c.req.raw.headers)("authorization"));
    if (!outcome.ok) return toResponse(outcome.response, c.req.raw);
    const vars = c as unknown as {
      set(key: "user", value: PatUser): void;
      set(key: "tokenRecord", value: ValidTokenRecord): void;
    };
    vars.set("user", outcome.auth.user);
    if (outcome.auth.record !== undefined) vars.set("tokenRecord", outcome.auth.record);
    await next();
    return undefined;
  };
}

/** A check (admin, role) of `user` as middleware. */
export function honoCheck(check: Check): MiddlewareHandler<PatEnv> {
  return async (c, next) => {
    const refused = check(c.get("user"));
    if (refused) return toResponse(refused, c.req.raw);
    await next();
    return undefined;
  };
}

/** `createJwksHandler`: a handler answering the key set (mount it with `app.get`). */
export function honoJwksHandler(options: JwksHandlerOptions): Handler {
  const answer = jwksAnswer(options);
  return (c) => toResponse(answer, c.req.raw);
}
