/**
 * Express (5, and 4) adapter: Express's request and response translated to the core's and
 * back; routes registered on an `express.Router` from the core's route tables; guards and checks
 * as middleware; and the error handler that answers the errors of an application's own body
 * parsers. No behaviour lives here.
 */
import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from "express";
import type { ValidTokenRecord } from "@pat/core";
import { checkLogger, checkOptions, isHttpLogger } from "../config.js";
import type { EdgeRequest, EdgeResponse } from "../edge.js";
import { NO_PARAMS } from "../edge.js";
import type { Check, Guard } from "../guards.js";
import { jwksAnswer, type JwksHandlerOptions } from "../jwks.js";
import { parserFailure } from "../parser-errors.js";
import type { Route } from "../routes.js";
import type { HttpLogger, PatUser } from "../types.js";
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

/**
 * The request's own logger, `req.logger`, when it has one (as @access-tokens/express reads it);
 * not declared on `Request` here, so an application's own declaration of it never conflicts.
 */
function loggerOf(req: Request): HttpLogger | undefined {
  const logger = (req as { logger?: unknown }).logger;
  return isHttpLogger(logger) ? logger : undefined;
}

function edgeOf(req: Request, hasBody: boolean): EdgeRequest {
  return {
    method: req.method.toUpperCase(),
    params: (req.params as Record<string, string> | undefined) ?? NO_PARAMS,
    search: searchOf(req.originalUrl),
    header: nodeHeader(req),
    body: hasBody ? nodeBody(req, () => req.body as unknown) : { kind: "none" },
    logger: loggerOf(req),
  };
}

/** The routes of a core route table on an `express.Router`. */
export function expressRouter(routes: readonly Route[]): Router {
  const router = express.Router();
  for (const route of routes) {
    const handler: RequestHandler = (req, res, next) => {
      route.handle(edgeOf(req, route.hasBody)).then((answer) => writeNode(req, res, answer), next);
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

/** A guard as middleware setting `req.user` (and `req.tokenRecord` for a PAT). */
export function expressMiddleware(guard: Guard): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    guard(nodeHeader(req)("authorization"), loggerOf(req)).then((outcome) => {
      if (!outcome.ok) return writeNode(req, res, outcome.response);
      req.user = outcome.auth.user;
      if (outcome.auth.record !== undefined) req.tokenRecord = outcome.auth.record;
      next();
    }, next);
  };
}

/** A check (admin, role) of `req.user` as middleware. */
export function expressCheck(check: Check): RequestHandler {
  return (req, res, next) => {
    const refused = check(req.user, loggerOf(req));
    if (refused) writeNode(req, res, refused);
    else next();
  };
}

/** `createJwksHandler`: answers the key set (mount it with `app.get`). */
export function expressJwksHandler(options: JwksHandlerOptions): RequestHandler {
  const answer: EdgeResponse = jwksAnswer(options);
  return (req, res) => writeNode(req, res, answer);
}

/** Options of `patErrorHandler`. */
export interface ErrorHandlerOptions {
  /** Where refusals are logged (a request's own `req.logger` wins); nothing is logged without one. */
  readonly logger?: HttpLogger;
}

/**
 * `patErrorHandler`: answers the failures of an application's body parsers (`express.json()`,
 * `express.urlencoded()`, body-parser) as the core answers its own, and passes every other error
 * on to the next error handler.
 */
export function expressErrorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  const where = "patErrorHandler";
  checkOptions(options, where);
  const configured = checkLogger(options.logger, where);
  return (error: unknown, req, res, next) => {
    const answer = res.headersSent ? undefined : parserFailure(error, req.method, req.path);
    if (answer === undefined) {
      next(error);
      return;
    }
    (loggerOf(req) ?? configured)?.info({ status: answer.status }, "Refused a request body");
    writeNode(req, res, answer);
  };
}
