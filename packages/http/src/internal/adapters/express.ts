/**
 * Express (5, and 4) adapter: Express's request and response translated to the core's and
 * back; routes registered on an `express.Router` from the core's route tables. No behaviour
 * lives here.
 */
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from "express";
import type { ValidTokenRecord } from "@pat/core";
import type { EdgeRequest } from "../edge.js";
import { NO_PARAMS } from "../edge.js";
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
import { nodeBody, nodeHeader, searchOf, writeNode } from "./node.js";

declare global {
  // Declaration merging with Express's own Request type (as @access-tokens/express does).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Who is calling: set by `requireToken` and `createRequireJwt`. */
      user?: PatUser;
      /** The verified token record: set by `requireToken` (not by a JWT). */
      tokenRecord?: ValidTokenRecord;
    }
  }
}

function edgeOf(req: Request, hasBody: boolean): EdgeRequest {
  return {
    method: req.method.toUpperCase(),
    params: (req.params as Record<string, string> | undefined) ?? NO_PARAMS,
    search: searchOf(req.originalUrl),
    header: nodeHeader(req),
    body: hasBody ? nodeBody(req, () => req.body as unknown) : { kind: "none" },
  };
}

function routerOf(routes: readonly Route[]): Router {
  const router = express.Router();
  for (const route of routes) {
    const handler: RequestHandler = (req, res, next) => {
      route.handle(edgeOf(req, route.hasBody)).then((answer) => writeNode(res, answer), next);
    };
    switch (route.method) {
      case "GET":
        router.get(route.path, handler);
        break;
      case "POST":
        router.post(route.path, handler);
        break;
      case "PUT":
        router.put(route.path, handler);
        break;
      case "PATCH":
        router.patch(route.path, handler);
        break;
    }
  }
  return router;
}

export function expressAuthRouter(options: AuthRouterOptions): Router {
  return routerOf(authRoutes(options));
}

export function expressAdminRouter(options: AdminTokensRouterOptions): Router {
  return routerOf(adminRoutes(options));
}

function middlewareOf(guard: Guard): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    guard(nodeHeader(req)("authorization")).then((outcome) => {
      if (!outcome.ok) return writeNode(res, outcome.response);
      req.user = outcome.auth.user;
      if (outcome.auth.record !== undefined) req.tokenRecord = outcome.auth.record;
      next();
    }, next);
  };
}

function checkOf(check: Check): RequestHandler {
  return (req, res, next) => {
    const refused = check(req.user);
    if (refused) writeNode(res, refused);
    else next();
  };
}

export function expressRequireToken(options: RequireTokenOptions): RequestHandler {
  return middlewareOf(tokenGuard(options));
}

export function expressRequireJwt(options: RequireJwtOptions): RequestHandler {
  return middlewareOf(jwtGuard(options));
}

export function expressRequireAdmin(options: RequireAdminOptions = {}): RequestHandler {
  return checkOf(adminCheck(options));
}

export function expressRequireRole(options: RequireRoleOptions): RequestHandler {
  return checkOf(roleCheck(options));
}
