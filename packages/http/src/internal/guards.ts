/**
 * The middleware behaviours, framework-free: each factory validates its options once and
 * returns a function of just what it reads (the `Authorization` values, or the user a previous
 * step set). Every entry's `requireToken`, `createRequireJwt`, `createRequireAdmin` and
 * `createRequireRole` is one of these, turned into its framework's middleware by the adapter.
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
  HttpLogger,
  PatUser,
  RequireAdminOptions,
  RequireJwtOptions,
  RequireRoleOptions,
  RequireTokenOptions,
} from "./types.js";

/**
 * Authenticates from the `Authorization` header values of a request; `logger` is the request's
 * own logger (Express's `req.logger`), which replaces the configured one.
 */
export type Guard = (
  authorization: readonly string[],
  logger?: HttpLogger | undefined,
) => Promise<AuthOutcome>;

/** Checks the user a previous step authenticated; the refusing answer, or undefined. */
export type Check = (
  user: PatUser | undefined,
  logger?: HttpLogger | undefined,
) => EdgeResponse | undefined;

function contextOf(options: { realm?: unknown; logger?: unknown }, where: string): AuthContext {
  return { realm: checkRealm(options.realm, where), logger: checkLogger(options.logger, where) };
}

/** `ctx` with the request's own logger, when it has one. */
function withLogger(ctx: AuthContext, logger: HttpLogger | undefined): AuthContext {
  return logger === undefined ? ctx : { ...ctx, logger };
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
  return async (authorization, logger) => {
    const c = withLogger(ctx, logger);
    const outcome = await authenticatePat(pat, parseAuthorization(authorization), c);
    if (!outcome.ok) return outcome;
    const refused = authorize(outcome.auth.user, requirement, c);
    return refused ? { ok: false, response: refused } : outcome;
  };
}

/** `createRequireJwt`: an access token of the exchange as bearer token. */
export function jwtGuard(options: RequireJwtOptions, where = "createRequireJwt"): Guard {
  checkOptions(options, where);
  const signerVerifier = checkSignerVerifier(options.signerVerifier, where);
  const ctx = contextOf(options, where);
  return (authorization, logger) =>
    authenticateJwt(signerVerifier, parseAuthorization(authorization), withLogger(ctx, logger));
}

/** `createRequireAdmin`: the user must be an admin. */
export function adminCheck(options: RequireAdminOptions = {}, where = "createRequireAdmin"): Check {
  checkOptions(options, where);
  const ctx = contextOf(options, where);
  return (user, logger) => authorize(user, { admin: true }, withLogger(ctx, logger));
}

/** `createRequireRole`: the user must have `role`. */
export function roleCheck(options: RequireRoleOptions, where = "createRequireRole"): Check {
  checkOptions(options, where);
  const role = checkName(options.role, "role", where);
  const ctx = contextOf(options, where);
  return (user, logger) => authorize(user, { role }, withLogger(ctx, logger));
}
