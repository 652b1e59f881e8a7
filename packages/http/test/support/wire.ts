/**
 * Wire fixtures: the request and answer shapes of the @access-tokens/express API as its README
 * and its client document them, written down here as our own data (no secrets: every token is
 * made at run time). The behaviour suite sends these requests and asserts these answers on every
 * adapter, so a client of the reference works against any of them unchanged.
 */

/** `POST /token` success: these members (plus `state` when one was sent). */
export const TOKEN_RESPONSE_KEYS = ["access_token", "expires_in", "token_type"] as const;

/**
 * Members of a token record in answers (the optional ones only when set), as @access-tokens/core
 * answers records: `roles` absent when the token has none, `expiresAt` null once cleared.
 */
export const RECORD_REQUIRED_KEYS = ["createdAt", "isAdmin", "owner", "tokenId"] as const;
export const RECORD_OPTIONAL_KEYS = [
  "expiresAt",
  "lastUsedAt",
  "revokedAt",
  "roles",
  "secretPhc",
] as const;

/** Status codes of the admin routes on success. */
export const ADMIN_SUCCESS = {
  list: 200,
  get: 200,
  issue: 201,
  register: 200,
  update: 204,
  revoke: 204,
  restore: 204,
  batch: 200,
} as const;

/** `error.message` of the reference's middleware answers (the `error` member of our problems). */
export const MESSAGES = {
  missingAuthorization: "Missing or invalid Authorization header",
  invalidJwt: "Invalid JWT",
  notAuthenticated: "User not authenticated",
  adminRequired: "Admin access required",
  accessDenied: "Access denied",
  invalidBody: "Invalid request body",
  invalidQuery: "Invalid query parameters",
} as const;

/** Token endpoint refusals: status and (ours, RFC 6749 §5.2) `error`. */
export const TOKEN_ERRORS = {
  missingCredentials: { status: 400, error: "invalid_request" },
  unsupportedGrant: { status: 400, error: "unsupported_grant_type" },
  invalidBody: { status: 400, error: "invalid_request" },
  badBasic: { status: 401, error: "invalid_client" },
  invalidToken: { status: 401, error: "invalid_client" },
} as const;

/** What the reference client sends for each call (method, path, body); `{id}` is a token id. */
export const CLIENT_REQUESTS = {
  authenticate: { method: "POST", path: "/auth/token", body: undefined },
  list: { method: "GET", path: "/admin/tokens?includeRevoked=true&includeExpired=true&limit=1000" },
  batchLoad: { method: "POST", path: "/admin/tokens/batch" },
  issue: { method: "POST", path: "/admin/tokens" },
  register: { method: "PUT", path: "/admin/tokens/{id}" },
  update: { method: "PATCH", path: "/admin/tokens/{id}" },
  revoke: { method: "PUT", path: "/admin/tokens/{id}/revoke", body: {} },
  restore: { method: "PUT", path: "/admin/tokens/{id}/restore", body: undefined },
} as const;
