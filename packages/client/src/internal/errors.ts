/**
 * Error types of `@pat/client`. One base class, `PatClientError`, carries a stable `code` that
 * callers `switch` on; a subclass per way a call can fail at the HTTP edge:
 * {@link HttpError} (the server answered with an error status), {@link NetworkError} (no answer:
 * connection refused or dropped, attempt timed out) and {@link InvalidResponseError} (an answer
 * that is not the API's shape). Wrong JavaScript types are `TypeError`s.
 *
 * No error of this package holds a secret: not the access token, not the JWT it was exchanged
 * for, not a token or a PHC string sent or received. Text that comes from the server or from a
 * foreign error is scrubbed of every such value the client knows before it is stored (see
 * `redact.ts`), and no `Request`, `Response` or `Headers` object is ever attached.
 */
import type { ApiError, OAuthError, ProblemDetails } from "./problem.js";

/** Stable codes carried by {@link PatClientError}. */
export type PatClientErrorCode =
  "INVALID_CONFIG" | "INVALID_INPUT" | "HTTP_ERROR" | "NETWORK_ERROR" | "INVALID_RESPONSE";

/**
 * Base class of every error `@pat/client` throws on purpose (besides `TypeError` for wrong types).
 *
 * - `INVALID_CONFIG`: a constructor option is out of range (a relative `endpoint`, an empty
 *   `apiKey`, a negative retry count, ...). Messages never repeat the `apiKey`.
 * - `INVALID_INPUT`: a method argument is out of range (a token id that is not 21 characters of
 *   `[A-Za-z0-9]`, a `limit` of 0, ...).
 * - `HTTP_ERROR`: the server answered with an error status ({@link HttpError}).
 * - `NETWORK_ERROR`: no answer ({@link NetworkError}).
 * - `INVALID_RESPONSE`: an answer that is not the API's shape ({@link InvalidResponseError}).
 *
 * @example
 * ```ts
 * try { await client.restore("abc"); }
 * catch (e) { if (e instanceof PatClientError && e.code === "INVALID_INPUT") console.log(e.message); }
 * ```
 */
export class PatClientError extends Error {
  override readonly name: string = "PatClientError";
  readonly code: PatClientErrorCode;

  constructor(code: PatClientErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** What {@link HttpError} and its kin know of the request that failed. */
export interface RequestSummary {
  /** HTTP method, e.g. `"GET"`. */
  readonly method: string;
  /** The URL requested (endpoint, path and query; token ids are not secrets). */
  readonly url: string;
  /** Attempts made, 1 when the request was not repeated. */
  readonly attempts: number;
}

/** Fields of {@link HttpError} besides the message. */
export interface HttpErrorDetails extends RequestSummary {
  readonly status: number;
  readonly statusText: string;
  readonly problem: ProblemDetails | undefined;
  readonly apiError: ApiError | undefined;
  readonly oauthError: OAuthError | undefined;
  readonly retryAfterMs: number | undefined;
}

/**
 * The server answered with an error status (4xx, 5xx, or 429/5xx still failing after the
 * retries allowed). `code` is `"HTTP_ERROR"`; switch on `status`.
 *
 * - `problem`: the RFC 9457 problem details when the server answered
 *   `application/problem+json` (our server does so for invalid requests, naming the field), else
 *   `undefined`.
 * - `apiError`: the `{ error: { message, code?, details? } }` body that `@access-tokens/express`
 *   answers (our server adds it to its problem documents), else `undefined`.
 * - `oauthError`: the RFC 6749 section 5.2 body (`{ error: "invalid_client", error_description }`)
 *   that the token endpoint answers, else `undefined`.
 * - `cause`: as `@access-tokens/client` sets it, so code written for it keeps working: the
 *   `apiError` body when there is one, else the status text.
 * - `retryAfterMs`: the wait the final answer's `Retry-After` asked for (RFC 9110 section
 *   10.2.3), e.g. when it was longer than the retry budget allowed, else `undefined`.
 *
 * The message starts as `@access-tokens/client`'s does ("Failed to list tokens") and adds the
 * status and the server's own explanation.
 *
 * @example
 * ```ts
 * try { await client.revoke(tokenId); }
 * catch (e) { if (e instanceof HttpError && e.status === 404) console.log("no such token"); }
 * ```
 */
export class HttpError extends PatClientError {
  override readonly name = "HttpError";
  readonly status: number;
  readonly statusText: string;
  readonly problem: ProblemDetails | undefined;
  readonly apiError: ApiError | undefined;
  readonly oauthError: OAuthError | undefined;
  readonly retryAfterMs: number | undefined;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;

  constructor(message: string, details: HttpErrorDetails) {
    super("HTTP_ERROR", message, { cause: details.apiError ?? details.statusText });
    this.status = details.status;
    this.statusText = details.statusText;
    this.problem = details.problem;
    this.apiError = details.apiError;
    this.oauthError = details.oauthError;
    this.retryAfterMs = details.retryAfterMs;
    this.method = details.method;
    this.url = details.url;
    this.attempts = details.attempts;
  }
}

/**
 * No answer from the server: the connection was refused, reset or dropped, the name did not
 * resolve, or an attempt ran past `timeoutMs` (`timedOut` is then `true`). `code` is
 * `"NETWORK_ERROR"`. Requests that are safe to repeat were repeated first (see the README's
 * retry table); `attempts` says how often. `cause` is the last error `fetch` threw, scrubbed of
 * secrets.
 *
 * @example
 * ```ts
 * try { await client.list(); }
 * catch (e) { if (e instanceof NetworkError) console.log(`unreachable after ${e.attempts} attempts`); }
 * ```
 */
export class NetworkError extends PatClientError {
  override readonly name = "NetworkError";
  readonly timedOut: boolean;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;

  constructor(
    message: string,
    details: RequestSummary & { readonly timedOut: boolean },
    options?: ErrorOptions,
  ) {
    super("NETWORK_ERROR", message, options);
    this.timedOut = details.timedOut;
    this.method = details.method;
    this.url = details.url;
    this.attempts = details.attempts;
  }
}

/** One reason an answer did not match the API's shape. */
export interface ResponseIssue {
  /** Where in the body, e.g. `"records.0.tokenId"` (`""` for the body itself). */
  readonly path: string;
  /** What was wrong; never the value itself. */
  readonly message: string;
}

/**
 * A 2xx answer whose body is not what the API documents (not JSON, a missing field, a token id
 * of the wrong shape, an unusable `token_type`). `code` is `"INVALID_RESPONSE"`; `issues` lists
 * what was wrong by path, never by value, so no token or hash from the body ends up in the error.
 *
 * @example
 * ```ts
 * try { await client.list(); }
 * catch (e) { if (e instanceof InvalidResponseError) console.log(e.issues); }
 * ```
 */
export class InvalidResponseError extends PatClientError {
  override readonly name = "InvalidResponseError";
  readonly status: number;
  readonly issues: readonly ResponseIssue[];
  readonly method: string;
  readonly url: string;

  constructor(
    message: string,
    details: Omit<RequestSummary, "attempts"> & {
      readonly status: number;
      readonly issues: readonly ResponseIssue[];
    },
  ) {
    super("INVALID_RESPONSE", message);
    this.status = details.status;
    this.issues = details.issues;
    this.method = details.method;
    this.url = details.url;
  }
}

export function invalidConfig(message: string): PatClientError {
  return new PatClientError("INVALID_CONFIG", message);
}

export function invalidInput(message: string): PatClientError {
  return new PatClientError("INVALID_INPUT", message);
}
