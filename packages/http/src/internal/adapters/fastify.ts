/**
 * Fastify 5 adapter: the routers are encapsulated plugins (register them with a `prefix`), the
 * middleware are `preHandler` hooks. Inside a router plugin, one catch-all content-type parser
 * hands the request stream to the core unread, so body limits, media types and JSON checks are
 * the core's, the same as on every other adapter; Fastify's own errors inside the plugin (an
 * unparsable request) are answered as problem details too. No behaviour lives here.
 */
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
  RouteHandlerMethod,
} from "fastify";
import type { Readable } from "node:stream";
import type { ValidTokenRecord } from "@pat/core";
import type { EdgeRequest, EdgeResponse } from "../edge.js";
import { NO_PARAMS } from "../edge.js";
import type { Check, Guard } from "../guards.js";
import { jwksAnswer, type JwksHandlerOptions } from "../jwks.js";
import { problem } from "../responses.js";
import type { Route } from "../routes.js";
import type { PatUser } from "../types.js";
import { nodeAnswer, nodeHeader, readNodeStream, searchOf } from "./node.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is calling: set by `requireToken` and `createRequireJwt`. */
    user?: PatUser;
    /** The verified token record: set by `requireToken` (not by a JWT). */
    tokenRecord?: ValidTokenRecord;
  }
}

function edgeOf(request: FastifyRequest, hasBody: boolean): EdgeRequest {
  const stream = request.body as Readable | undefined;
  return {
    method: request.method.toUpperCase(),
    params: (request.params as Record<string, string> | undefined) ?? NO_PARAMS,
    search: searchOf(request.url),
    header: nodeHeader(request.raw),
    body:
      hasBody && stream !== undefined && stream !== null
        ? { kind: "raw", read: (limit) => readNodeStream(stream, limit) }
        : { kind: "none" },
  };
}

function send(reply: FastifyReply, edge: EdgeResponse): FastifyReply {
  const answer = nodeAnswer(reply.request.raw, edge);
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

/** The routes of a core route table as an encapsulated plugin (register it with a `prefix`). */
export function fastifyPlugin(routes: readonly Route[]): FastifyPluginAsync {
  return async (instance: FastifyInstance) => {
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
    instance.setErrorHandler((error, _request, reply) => {
      const given = (error as { statusCode?: unknown } | null)?.statusCode;
      const status = typeof given === "number" && given >= 400 && given < 500 ? given : 500;
      const code =
        status === 413
          ? "PAYLOAD_TOO_LARGE"
          : status === 415
            ? "UNSUPPORTED_MEDIA_TYPE"
            : status < 500
              ? "INVALID_REQUEST"
              : "INTERNAL_ERROR";
      return send(
        reply,
        problem(status, {
          code,
          message: status < 500 ? "Invalid request" : "Internal server error",
        }),
      );
    });
    for (const route of routes) {
      instance.route({
        method: route.method,
        url: route.path,
        handler: async (request, reply) =>
          send(reply, await route.handle(edgeOf(request, route.hasBody))),
      });
    }
  };
}

/** A guard as a `preHandler` hook setting `request.user` (and `request.tokenRecord`). */
export function fastifyHook(guard: Guard): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    const outcome = await guard(nodeHeader(request.raw)("authorization"));
    if (!outcome.ok) return send(reply, outcome.response);
    request.user = outcome.auth.user;
    if (outcome.auth.record !== undefined) request.tokenRecord = outcome.auth.record;
    return undefined;
  };
}

/** A check (admin, role) of `request.user` as a `preHandler` hook. */
export function fastifyCheckHook(check: Check): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    const refused = check(request.user);
    return refused ? send(reply, refused) : undefined;
  };
}

/** `createJwksHandler`: a route handler answering the key set (register it with `app.get`). */
export function fastifyJwksHandler(options: JwksHandlerOptions): RouteHandlerMethod {
  const answer = jwksAnswer(options);
  return async (_request, reply) => send(reply, answer);
}
