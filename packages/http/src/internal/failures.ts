/**
 * Errors thrown by `Pat` (and anything unexpected) turned into answers, in one place. Storage
 * failures answer 503: authentication fails closed, never open. Nothing of the error's message
 * reaches the caller except for the documented, secret-free messages of @pat/core's input
 * errors; stack traces never do.
 */
import type { EdgeResponse } from "./edge.js";
import { oauthError, problem, type FieldError } from "./responses.js";
import type { HttpLogger } from "./types.js";

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function nameOf(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" ? name : typeof error;
}

/** Logs an unexpected failure by name and code only (messages could quote input). */
export function logFailure(logger: HttpLogger | undefined, error: unknown, what: string): void {
  logger?.error({ error: nameOf(error), code: codeOf(error) }, `${what} failed`);
}

/** Names of the admin API's body, query and path fields. */
const INPUT_FIELDS = new Set([
  "tokenId",
  "tokenIds",
  "owner",
  "isAdmin",
  "roles",
  "secretPhc",
  "expiresAt",
  "afterTokenId",
  "limit",
  "hasRole",
  "graceSeconds",
  "untilFirstUse",
]);

/**
 * The field an input error of `Pat` is about: its messages start with the parameter's name
 * (`roles.add must ...`, `tokenIds[0] must ...`), or say `Invalid secret PHC string`.
 */
function inputField(message: string): string {
  if (message.startsWith("Invalid secret PHC string")) return "secretPhc";
  const match = /^([A-Za-z]+)((?:\.[A-Za-z]+|\[\d+\])*) /.exec(message);
  return match?.[1] !== undefined && INPUT_FIELDS.has(match[1])
    ? `${match[1]}${match[2] ?? ""}`
    : "(body)";
}

/** The problem answer of an error thrown while serving an admin or bearer request. */
export function problemFor(
  error: unknown,
  logger: HttpLogger | undefined,
  what: string,
): EdgeResponse {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : "";
  switch (code) {
    case "TOKEN_NOT_FOUND":
      return problem(404, { code, message });
    // A taken id, or a token whose state refuses the operation (rotate): a conflict.
    case "TOKEN_EXISTS":
    case "TOKEN_REVOKED":
    case "TOKEN_EXPIRED":
    case "TOKEN_ROTATED":
    case "ROTATION_PENDING":
      return problem(409, { code, message });
    case "INVALID_INPUT": {
      // The schemas refuse what they can first; what only `Pat` can judge (a PHC string over
      // its maxmem, a role set over 50 after an add) still names its field.
      const errors: FieldError[] = [{ field: inputField(message), message }];
      return problem(400, { code, message, errors });
    }
    case "STORAGE_ERROR":
      logFailure(logger, error, what);
      return problem(503, { code: "STORAGE_UNAVAILABLE", message: "Token storage is unavailable" });
    default:
      logFailure(logger, error, what);
      return problem(500, { code: "INTERNAL_ERROR", message: "Internal server error" });
  }
}

/** The RFC 6749 §5.2 answer of an error thrown while serving the token endpoint. */
export function oauthErrorFor(error: unknown, logger: HttpLogger | undefined): EdgeResponse {
  logFailure(logger, error, "token exchange");
  return codeOf(error) === "STORAGE_ERROR"
    ? oauthError(503, "temporarily_unavailable", "Token storage is unavailable")
    : oauthError(500, "server_error", "Internal server error");
}
