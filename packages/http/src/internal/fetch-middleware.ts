/**
 * Bearer authentication and authorization checks for Fetch handlers: each takes a `Request`
 * (or the user a previous check gave) and answers either who is calling or the `Response`
 * that refuses the request, to be returned as it is.
 */
import type { ValidTokenRecord } from "@pat/core";
import { toResponse, webHeader } from "./fetch.js";
import type { Check, Guard } from "./guards.js";
import type { PatUser } from "./types.js";

/** Who is calling, or the answer refusing the request. */
export type FetchAuthResult =
  | { readonly ok: true; readonly user: PatUser; readonly record?: ValidTokenRecord }
  | { readonly ok: false; readonly response: Response };

/** Authenticates a Fetch `Request`. */
export type FetchAuthenticator = (request: Request) => Promise<FetchAuthResult>;

/** Checks a user a previous step authenticated: the refusing `Response`, or undefined. */
export type FetchCheck = (user: PatUser | undefined) => Response | undefined;

/** A guard as a Fetch authenticator. */
export function fetchAuthenticator(guard: Guard): FetchAuthenticator {
  return async (request) => {
    const outcome = await guard(webHeader(request.headers)("authorization"));
    if (!outcome.ok) return { ok: false, response: toResponse(outcome.response, request) };
    const { user, record } = outcome.auth;
    return record === undefined ? { ok: true, user } : { ok: true, user, record };
  };
}

/** A check (admin, role) as a Fetch check. */
export function fetchCheck(check: Check): FetchCheck {
  return (user) => {
    const refused = check(user);
    return refused && toResponse(refused);
  };
}
