/**
 * Every answer the core writes, in one place: JSON bodies, RFC 9457 problem details for the
 * admin API and the bearer middleware, and RFC 6749 §5.2 error bodies for the token endpoint.
 *
 * Problem documents carry, besides `type`/`title`/`status`/`detail`, a stable `code` and an
 * `error: { message, code?, details? }` member: the error shape of @access-tokens/express, so
 * code written against it (and its client) keeps reading `error.message`. No answer ever holds a
 * token, a secret, a PHC string or a stack trace.
 */
import type { TokenStateCode } from "@pat/core";
import type { EdgeResponse } from "./edge.js";

/** Stable codes of problem documents (`code` member). */
export type ProblemCode =
  | "UNAUTHENTICATED"
  | "INVALID_TOKEN"
  | "INVALID_REQUEST"
  | "INSUFFICIENT_SCOPE"
  | "INVALID_BODY"
  | "INVALID_QUERY"
  | "INVALID_INPUT"
  | "TOKEN_NOT_FOUND"
  | "TOKEN_EXISTS"
  | TokenStateCode
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "SECRET_PHC_NOT_ALLOWED"
  | "STORAGE_UNAVAILABLE"
  | "INTERNAL_ERROR"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED";

/** One invalid field of a request body or query, named by its path (`roles[1]`, `owner`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

const REASONS: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Headers that keep an answer out of caches: every answer about credentials carries them. */
export const NO_STORE: Readonly<Record<string, string>> = Object.freeze({
  "cache-control": "no-store",
  pragma: "no-cache",
});

/**
 * Headers that a status calls for on the connection: after a 413 the rest of the request body
 * may still be on its way, so the connection is not reused for another request.
 */
function connectionHeaders(status: number): Readonly<Record<string, string>> {
  return status === 413 ? { connection: "close" } : {};
}

/** A JSON answer. */
export function json(
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = NO_STORE,
): EdgeResponse {
  return {
    status,
    headers: {
      ...headers,
      ...connectionHeaders(status),
      "content-type": "application/json; charset=utf-8",
    },
    body: JSON.stringify(value),
  };
}

/** 204 No Content. */
export function noContent(): EdgeResponse {
  return { status: 204, headers: NO_STORE };
}

/** What a problem document says, beyond its status. */
export interface ProblemInit {
  readonly code: ProblemCode;
  /** Human-readable explanation; becomes `detail` and `error.message`. */
  readonly message: string;
  /** Invalid fields, for validation failures. */
  readonly errors?: readonly FieldError[];
  /** A code of the underlying failure (e.g. jose's `ERR_JWT_EXPIRED`), as `error.code`. */
  readonly causeCode?: string;
  /** Extra headers (`www-authenticate`, `allow`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An RFC 9457 problem details answer (`application/problem+json`). */
export function problem(status: number, init: ProblemInit): EdgeResponse {
  const details =
    init.errors && init.errors.length > 0
      ? init.errors.map((e) => `✖ ${e.message}\n  → at ${e.field}`).join("\n")
      : undefined;
  const body = {
    type: "about:blank",
    title: REASONS[status] ?? "Error",
    status,
    detail: init.message,
    code: init.code,
    ...(init.errors && init.errors.length > 0 ? { errors: init.errors } : {}),
    error: {
      message: init.message,
      ...(init.causeCode === undefined ? {} : { code: init.causeCode }),
      ...(details === undefined ? {} : { details }),
    },
  };
  return {
    status,
    headers: {
      ...NO_STORE,
      ...init.headers,
      ...connectionHeaders(status),
      "content-type": "application/problem+json; charset=utf-8",
    },
    body: JSON.stringify(body),
  };
}

/** OAuth 2.0 token endpoint error codes used here (RFC 6749 §5.2). */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "unsupported_grant_type"
  | "temporarily_unavailable"
  | "server_error";

/** An RFC 6749 §5.2 error answer of the token endpoint. */
export function oauthError(
  status: number,
  error: OAuthErrorCode,
  description: string,
  headers: Readonly<Record<string, string>> = {},
): EdgeResponse {
  return json(status, { error, error_description: description }, { ...NO_STORE, ...headers });
}
