/**
 * Bearer authentication (RFC 6750) from a PAT or from an access token of the exchange, and the
 * authorization checks after it, written once for every adapter.
 *
 * - No credentials, or another scheme: 401 with `WWW-Authenticate: Bearer realm="..."` and no
 *   error code (RFC 6750 §3.1).
 * - Malformed credentials (bad `b64token`, repeated header): 400 `invalid_request`.
 * - A token that does not verify: 401 `error="invalid_token"`.
 * - A verified token without the admin flag or role asked for: 403 `insufficient_scope`.
 * - Storage failing while verifying a PAT: 503 (fail closed).
 * The presented token is never echoed, logged or put in an error; messages are those of
 * @access-tokens/express where it had one.
 */
import type { Pat } from "@pat/core";
import type { Credentials } from "./authorization.js";
import { challenge } from "./authorization.js";
import type { EdgeResponse } from "./edge.js";
import { problemFor } from "./failures.js";
import type { JwtSignerVerifier } from "./jwt/signer-verifier.js";
import { problem } from "./responses.js";
import type { Authenticated, HttpLogger, PatUser } from "./types.js";

/** Where the challenge and the logs of a check go. */
export interface AuthContext {
  readonly realm: string;
  readonly logger: HttpLogger | undefined;
}

/** Either who is calling, or the answer that refuses the request. */
export type AuthOutcome =
  | { readonly ok: true; readonly auth: Authenticated }
  | { readonly ok: false; readonly response: EdgeResponse };

/** What an authorization check requires of the user. */
export interface Requirement {
  readonly admin?: boolean;
  readonly role?: string;
}

function refuse(response: EdgeResponse): AuthOutcome {
  return { ok: false, response };
}

/** 401 without an error code: no (usable) credentials were presented. */
export function missingCredentials(ctx: AuthContext): EdgeResponse {
  return problem(401, {
    code: "UNAUTHENTICATED",
    message: "Missing or invalid Authorization header",
    headers: { "www-authenticate": challenge("Bearer", ctx.realm) },
  });
}

/** 400 `invalid_request`: the credentials could not be parsed. */
export function malformedCredentials(ctx: AuthContext, why: string): EdgeResponse {
  return problem(400, {
    code: "INVALID_REQUEST",
    message: `Invalid Authorization header: ${why}`,
    headers: { "www-authenticate": challenge("Bearer", ctx.realm, "invalid_request") },
  });
}

/** 401 `invalid_token`. */
export function invalidToken(ctx: AuthContext, message: string, causeCode?: string): EdgeResponse {
  return problem(401, {
    code: "INVALID_TOKEN",
    message,
    ...(causeCode === undefined ? {} : { causeCode }),
    headers: { "www-authenticate": challenge("Bearer", ctx.realm, "invalid_token") },
  });
}

/** The bearer token of `credentials`, or the answer refusing a request without one. */
function bearerToken(credentials: Credentials, ctx: AuthContext): string | EdgeResponse {
  switch (credentials.kind) {
    case "bearer":
      return credentials.token;
    case "malformed":
      return malformedCredentials(ctx, credentials.why);
    default:
      return missingCredentials(ctx);
  }
}

/** Whether a bearer token has the shape of a JWS compact serialisation (three parts). */
export function looksLikeJwt(token: string): boolean {
  return token.split(".").length === 3;
}

/** Verifies a PAT presented as a bearer token. */
export async function authenticatePat(
  pat: Pat,
  credentials: Credentials,
  ctx: AuthContext,
): Promise<AuthOutcome> {
  const token = bearerToken(credentials, ctx);
  if (typeof token !== "string") return refuse(token);
  let result;
  try {
    result = await pat.verify(token);
  } catch (error) {
    return refuse(problemFor(error, ctx.logger, "token verification"));
  }
  if (!result.valid) {
    ctx.logger?.info(
      { reason: result.reason, tokenId: result.record?.tokenId },
      "Refused a bearer token",
    );
    return refuse(invalidToken(ctx, "Invalid token"));
  }
  const { record } = result;
  const user: PatUser = {
    sub: record.tokenId,
    owner: record.owner,
    admin: record.isAdmin,
    roles: [...(record.roles ?? [])],
  };
  return { ok: true, auth: { user, record } };
}

/** The user of a verified access token's claims, or undefined when the claims are not ours. */
function userOfClaims(payload: Record<string, unknown>): PatUser | undefined {
  const { sub, owner, admin, roles } = payload;
  if (typeof sub !== "string" || typeof owner !== "string" || typeof admin !== "boolean") {
    return undefined;
  }
  if (roles !== undefined && !(Array.isArray(roles) && roles.every((r) => typeof r === "string"))) {
    return undefined;
  }
  return { sub, owner, admin, roles: roles === undefined ? [] : [...(roles as string[])] };
}

/** Verifies an access token (JWT) of the exchange presented as a bearer token. */
export async function authenticateJwt(
  signerVerifier: JwtSignerVerifier,
  credentials: Credentials,
  ctx: AuthContext,
): Promise<AuthOutcome> {
  const token = bearerToken(credentials, ctx);
  if (typeof token !== "string") return refuse(token);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await signerVerifier.verify(token));
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const causeCode = typeof code === "string" && /^ERR_[A-Z_]+$/.test(code) ? code : undefined;
    ctx.logger?.info({ code: causeCode }, "Refused a JWT");
    return refuse(invalidToken(ctx, "Invalid JWT", causeCode));
  }
  const user = userOfClaims(payload);
  if (!user) {
    ctx.logger?.info({ code: "ERR_JWT_CLAIM_VALIDATION_FAILED" }, "Refused a JWT");
    return refuse(invalidToken(ctx, "Invalid JWT", "ERR_JWT_CLAIM_VALIDATION_FAILED"));
  }
  return { ok: true, auth: { user } };
}

/**
 * Checks a requirement against the user a previous step authenticated. Undefined when it is
 * met; else the answer: 401 without a user, 403 `insufficient_scope` without the admin flag or
 * the role.
 */
export function authorize(
  user: PatUser | undefined,
  requirement: Requirement,
  ctx: AuthContext,
): EdgeResponse | undefined {
  if (!user) {
    return problem(401, {
      code: "UNAUTHENTICATED",
      message: "User not authenticated",
      headers: { "www-authenticate": challenge("Bearer", ctx.realm) },
    });
  }
  const headers = { "www-authenticate": challenge("Bearer", ctx.realm, "insufficient_scope") };
  if (requirement.admin === true && !user.admin) {
    ctx.logger?.info({ sub: user.sub }, "Refused a non-admin token");
    return problem(403, { code: "INSUFFICIENT_SCOPE", message: "Admin access required", headers });
  }
  if (requirement.role !== undefined && !user.roles.includes(requirement.role)) {
    ctx.logger?.info({ sub: user.sub, role: requirement.role }, "Refused a token without the role");
    return problem(403, { code: "INSUFFICIENT_SCOPE", message: "Access denied", headers });
  }
  return undefined;
}

/** Who may call: PATs, access tokens of the exchange, or both. */
export interface BearerSources {
  readonly pat?: Pat | undefined;
  readonly signerVerifier?: JwtSignerVerifier | undefined;
}

/**
 * Verifies a bearer token that may be either a PAT (one dot) or an access token of the exchange
 * (a JWS: two dots), with whichever of the two is configured.
 */
export async function authenticateBearer(
  sources: BearerSources,
  credentials: Credentials,
  ctx: AuthContext,
): Promise<AuthOutcome> {
  if (credentials.kind === "bearer") {
    if (looksLikeJwt(credentials.token)) {
      if (sources.signerVerifier) return authenticateJwt(sources.signerVerifier, credentials, ctx);
    } else if (sources.pat) {
      return authenticatePat(sources.pat, credentials, ctx);
    }
    ctx.logger?.info({}, "Refused a bearer token of a kind this route does not accept");
    return refuse(invalidToken(ctx, "Invalid token"));
  }
  return refuse(
    credentials.kind === "malformed"
      ? malformedCredentials(ctx, credentials.why)
      : missingCredentials(ctx),
  );
}
