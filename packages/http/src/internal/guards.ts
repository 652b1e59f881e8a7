/**
 * The middleware behaviours, framework-free: each factory validates its options once and
 * returns a function of just what it reads (the `Authorization` values, or the user a previous
 * step set). Every adapter's `requireToken`, `createRequireJwt`, `createRequireAdmin` and
 * `createRequireRole` is a thin wrapper around these.
 */
import { parseAuthorization } from "./authorization.js";
import {
  authenticateJwt,
  authenticatePat,
  authorize,
  type AuthContext,
  type AuthOutcome,
} from "./authenticate.js";
import {
  checkLogger,
  checkName,
  checkOptions,
  checkPat,
  checkRealm,
  checkSignerVerifier,
  checkFlag,
} from "./config.js";
import type { EdgeResponse } from "./edge.js";
import type {
  PatUser,
  RequireAdminOptions,
  RequireJwtOptions,
  RequireRoleOptions,
  RequireTokenOptions,
} from "./types.js";

/** Authenticates from the `Authorization` header values of a request. */
export type Guard = (authorization: readonly string[]) => Promise<AuthOutcome>;

/** Checks the user a previous step authenticated; the refusing answer, or undefined. */
export type Check = (user: PatUser | undefined) => EdgeResponse | undefined;

function contextOf(options: { realm?: unknown; logger?: unknown }, where: string): AuthContext {
  return { realm: checkRealm(options.realm, where), logger: checkLogger(options.logger, where) };
}

/** `requireToken`: a PAT as bearer token, optionally an admin one or one with a role. */
export function tokenGuard(options: RequireTokenOptions, where = "requireToken"): Guard {
  checkOptions(options, where);
  const pat = checkPat(options.pat, where);
  const ctx = contextOf(options, where);
  const requirement = {
    admin: checkFlag(options.admin, "admin", false, where),
    ...(options.role === undefined ? {} : { role: checkName(options.role, "role", where) }),
  };
  return async (authorization) => {
    const outcome = await authenticatePat(pat, parseAuthorization(authorization), ctx);
    if (!outcome.ok) return outcome;
    const refused = authorize(outcome.auth.user, requirement, ctx);
    return refused ? { ok: false, response: refused } : outcome;
  };
}

/** `createRequireJwt`: an access token of the exchange as bearer token. */
export function jwtGuard(options: RequireJwtOptions, where = "createRequireJwt"): Guard {
  checkOptions(options, where);
  const signerVerifier = checkSignerVerifier(options.signerVerifier, where);
  const ctx = contextOf(options, where);
  return (authorization) => authenticateJwt(signerVerifier, parseAuthorization(authorization), ctx);
}

/** `createRequireAdmin`: the user must be an admin. */
export function adminCheck(options: RequireAdminOptions = {}, where = "createRequireAdmin"): Check {
  checkOptions(options, where);
  const ctx = contextOf(options, where);
  return (user) => authorize(user, { admin: true }, ctx);
}

/** `createRequireRole`: the user must have `role`. */
export function roleCheck(options: RequireRoleOptions, where = "createRequireRole"): Check {
  checkOptions(options, where);
  const role = checkName(options.role, "role", where);
  const ctx = contextOf(options, where);
  return (user) => authorize(user, { role }, ctx);
}
