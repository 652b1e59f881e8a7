/**
 * Failures of an application's own body parser (body-parser, which `express.json()` and
 * `express.urlencoded()` are), answered the way the core answers a body it read itself: RFC 9457
 * problem details, or an RFC 6749 §5.2 error at the token endpoint; never the parser's message
 * (it may quote the body) and never a stack trace. body-parser marks its errors with a `type`
 * (`entity.too.large`, `entity.parse.failed`, ...) and a 4xx `status`; anything else is not a
 * parser failure and is left to the application.
 */
import type { EdgeResponse } from "./edge.js";
import { oauthError, problem, type ProblemCode } from "./responses.js";

interface ParserFailure {
  readonly status: number;
  readonly code: ProblemCode;
  readonly message: string;
}

/** body-parser's error `type`s and what they mean. */
function describe(type: string, status: number, limit: unknown): ParserFailure | undefined {
  switch (type) {
    case "entity.too.large":
      return {
        status: 413,
        code: "PAYLOAD_TOO_LARGE",
        message:
          typeof limit === "number"
            ? `Request body is larger than ${limit} bytes`
            : "Request body is too large",
      };
    case "parameters.too.many":
      return {
        status: 413,
        code: "PAYLOAD_TOO_LARGE",
        message: "Request body has too many parameters",
      };
    case "entity.parse.failed":
      return { status: 400, code: "INVALID_BODY", message: "Request body could not be parsed" };
    case "encoding.unsupported":
    case "charset.unsupported":
      return {
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: "Request body has an unsupported encoding or charset",
      };
    case "entity.verify.failed":
    case "request.aborted":
    case "request.size.invalid":
    case "stream.encoding.set":
    case "stream.not.readable":
      return { status, code: "INVALID_BODY", message: "Request body could not be read" };
    default:
      return undefined;
  }
}

/**
 * The answer to a body parser's failure on `method path`, or undefined when `error` is not one.
 * A `POST` to a path ending in `/token` is taken for the token endpoint and gets an RFC 6749
 * §5.2 body (`invalid_request`); every other request gets problem details.
 */
export function parserFailure(
  error: unknown,
  method: string,
  path: string,
): EdgeResponse | undefined {
  const e = error as {
    type?: unknown;
    status?: unknown;
    statusCode?: unknown;
    limit?: unknown;
  } | null;
  if (typeof e !== "object" || e === null || typeof e.type !== "string") return undefined;
  const status = typeof e.status === "number" ? e.status : e.statusCode;
  if (typeof status !== "number" || status < 400 || status > 499) return undefined;
  const failure = describe(e.type, status, e.limit);
  if (failure === undefined) return undefined;
  if (method.toUpperCase() === "POST" && /\/token\/?$/.test(path)) {
    return oauthError(failure.status, "invalid_request", failure.message);
  }
  return problem(failure.status, { code: failure.code, message: failure.message });
}
