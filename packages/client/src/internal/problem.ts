/**
 * The error bodies the server may answer, read strictly. Two shapes exist:
 * - RFC 9457 problem details (`application/problem+json`): `type`, `title`, `status`, `detail`,
 *   `instance` and extension members (our server names the invalid field in one);
 * - the `{ error: { message, code?, details? } }` body of `@access-tokens/express` (our server
 *   puts it inside its problem documents too);
 * - the OAuth 2.0 error body of the token endpoint (RFC 6749 section 5.2):
 *   `{ error, error_description?, error_uri? }`.
 * A body of none of these shapes (HTML from a proxy, plain text) is ignored: the status tells the story.
 * Every string taken from the body is scrubbed of known secrets before it is kept.
 */
import * as z from "zod";
import { redactJson, setOwn, type Redactor } from "./redact.js";

/**
 * The error body of `@access-tokens/express`: `{ error: { message, code?, details? } }`.
 * `@access-tokens/client` sets it as `cause` of the errors it throws; so does {@link HttpError}.
 */
export type ApiError = {
  error: {
    message: string;
    code?: string | undefined;
    details?: string | Record<string, unknown> | undefined;
  };
};

/**
 * Whether `value` has the {@link ApiError} shape. The same guard `@access-tokens/client` exports,
 * so `isApiError(error.cause)` keeps working.
 *
 * @example
 * ```ts
 * try { await client.list(); }
 * catch (e) { if (e instanceof Error && isApiError(e.cause)) console.log(e.cause.error.message); }
 * ```
 */
export function isApiError(value: unknown): value is ApiError {
  return readApiError(value) !== undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The {@link ApiError} in `body`, copied member by member (nothing else of the body is kept), or
 * undefined when `body` does not have that shape: an `error` object whose `message` is a string,
 * `code` a string if present, `details` a string or an object if present.
 */
function readApiError(body: unknown): ApiError | undefined {
  const inner = isRecord(body) ? body["error"] : undefined;
  if (!isRecord(inner) || typeof inner["message"] !== "string") return undefined;
  const { code, details } = inner;
  if (code !== undefined && typeof code !== "string") return undefined;
  if (details !== undefined && typeof details !== "string" && !isRecord(details)) return undefined;
  return {
    error: {
      message: inner["message"],
      ...(code === undefined ? {} : { code }),
      ...(details === undefined ? {} : { details }),
    },
  };
}

const oauthErrorSchema: z.ZodType<OAuthError> = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_uri: z.string().optional(),
});

/** An OAuth 2.0 error answer of the token endpoint (RFC 6749 section 5.2). */
export type OAuthError = {
  /** `invalid_request`, `invalid_client`, `unsupported_grant_type`, … */
  error: string;
  error_description?: string | undefined;
  error_uri?: string | undefined;
};

/**
 * RFC 9457 problem details. `type` defaults to `"about:blank"` (section 4.2.1) when the server
 * left it out; members of the wrong type are dropped (section 3.1); extension members are kept.
 */
export interface ProblemDetails {
  readonly type: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** Media type of a `Content-Type` value, lower case, without parameters. */
function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function isJsonMediaType(type: string): boolean {
  return type === "application/json" || type.endsWith("+json");
}

function parseProblem(body: unknown): ProblemDetails | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const members = body as Record<string, unknown>;
  const problem: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(members)) {
    if (key === "status") {
      if (typeof value === "number" && Number.isInteger(value)) setOwn(problem, key, value);
    } else if (key === "type" || key === "title" || key === "detail" || key === "instance") {
      if (typeof value === "string") setOwn(problem, key, value);
    } else {
      setOwn(problem, key, value);
    }
  }
  problem["type"] ??= "about:blank";
  return problem as ProblemDetails;
}

/** What an error answer's body said, in whichever shape it came. */
export interface ErrorBody {
  readonly problem: ProblemDetails | undefined;
  readonly apiError: ApiError | undefined;
  readonly oauthError: OAuthError | undefined;
  /** The server's one-line explanation (detail, title or message), scrubbed; may be empty. */
  readonly explanation: string;
}

const MAX_EXPLANATION = 300;

/** One line of at most {@link MAX_EXPLANATION} characters, without control characters. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length > MAX_EXPLANATION ? `${flat.slice(0, MAX_EXPLANATION)}…` : flat;
}

/** Reads an error answer's body (`text`, already read) as problem details or an ApiError. */
export function readErrorBody(
  contentType: string | null,
  text: string,
  redact: Redactor,
): ErrorBody {
  const type = mediaType(contentType);
  let json: unknown;
  if (isJsonMediaType(type)) {
    try {
      json = redactJson(JSON.parse(text), redact);
    } catch {
      json = undefined;
    }
  }
  const apiError = readApiError(json);
  // A problem+json body is problem details by its media type; a plain JSON body is one only if
  // it looks like it (RFC 9457 section 3 members), never when it is the ApiError shape.
  const problem =
    type === "application/problem+json" ||
    (!apiError && typeof json === "object" && json !== null && ("title" in json || "type" in json))
      ? parseProblem(json)
      : undefined;
  const oauth = oauthErrorSchema.safeParse(json);
  const oauthError = oauth.success ? oauth.data : undefined;
  const explanation = oneLine(
    problem?.detail ??
      problem?.title ??
      apiError?.error.message ??
      oauthError?.error_description ??
      oauthError?.error ??
      "",
  );
  return { problem, apiError, oauthError, explanation };
}
