/**
 * Bearer authentication and authorization checks for Fetch handlers: each takes a `Request`
 * (or the user a previous check gave) and answers either who is calling or the `Response`
 * that refuses the request, to be returned as it is.
 */
import type { ValidTokenRecord } from "@pat/core";
import { toResponse, webHeader } from "./fetch.js";
import { adminCheck, jwtGuard, roleCheck, tokenGuard, type Guard } from "./guards.js";
import type {
  PatUser,
  RequireAdminOptions,
  RequireJwtOptions,
  RequireRoleOptions,
  RequireTokenOptions,
} from "./types.js";

/** Who is calling, or the answer refusing the request. */
export type FetchAuthResult =
  | { readonly ok: true; readonly user: PatUser; readonly record?: ValidTokenRecord }
  | { readonly ok: false; readonly response: Response };

/** Authenticates a Fetch `Request`. */
export type FetchAuthenticator = (request: Request) => Promise<FetchAuthResult>;

/** Checks a user a previous step authenticated: the refusing `Response`, or undefined. */
export type FetchCheck = (user: PatUser | undefined) => Response | undefined;

function fromGuard(guard: Guard): FetchAuthenticator {
  return async (request) => {
    const outcome = await guard(webHeader(request.headers)("authorization"));
    if (!outcome.ok) return { ok: false, response: toResponse(outcome.response) };
    const { user, record } = outcome.auth;
    return record === undefined ? { ok: true, user } : { ok: true, user, record };
  };
}

export function fetchRequireToken(options: RequireTokenOptions): FetchAuthenticator {
  return fromGuard(tokenGuard(options));
}

export function fetchRequireJwt(options: RequireJwtOptions): FetchAuthenticator {
  return fromGuard(jwtGuard(options));
}

export function fetchRequireAdmin(options: RequireAdminOptions = {}): FetchCheck {
  const check = adminCheck(options);
  return (user) => {
    const refused = check(user);
    return refused && toResponse(refused);
  };
}

export function fetchRequireRole(options: RequireRoleOptions): FetchCheck {
  const check = roleCheck(options);
  return (user) => {
    const refused = check(user);
    return refused && toResponse(refused);
  };
}
