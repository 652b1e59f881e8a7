/**
 * The `Authorization` request header, parsed strictly: RFC 7235 §2.1 credentials with the
 * `Bearer` scheme of RFC 6750 §2.1 (`b64token`) or the `Basic` scheme of RFC 7617.
 *
 * - The scheme is matched case-insensitively (RFC 7235 §2.1), and one or more spaces may
 *   separate it from the credentials (`1*SP`); surrounding whitespace is ignored.
 * - A bearer token must match `b64token`: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
 *   Anything else (inner spaces, commas, quotes, control characters) is malformed.
 * - More than one `Authorization` header is malformed (RFC 6750 §3.1 `invalid_request`: "uses
 *   more than one method"); so is a value longer than {@link MAX_AUTHORIZATION_LENGTH}.
 * The parsed token is handed on, never echoed in an answer or a log.
 */

/** Longest `Authorization` value looked at (characters); a JWT of ours is well below it. */
export const MAX_AUTHORIZATION_LENGTH = 8192;

/** The credentials of a request. */
export type Credentials =
  /** No `Authorization` header. */
  | { readonly kind: "none" }
  /** `Bearer <b64token>`. */
  | { readonly kind: "bearer"; readonly token: string }
  /** `Basic <base64(user:password)>`. */
  | { readonly kind: "basic"; readonly user: string; readonly password: string }
  /** Another scheme (`Digest`, `Negotiate`, ...): no credentials of ours. */
  | { readonly kind: "other" }
  /** Present but unusable; `why` is safe to show (it never quotes the header). */
  | {
      readonly kind: "malformed";
      readonly scheme: "bearer" | "basic" | "other";
      readonly why: string;
    };

const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const UTF8 = new TextDecoder();
const SCHEME = /^([A-Za-z0-9!#$%&'*+\-.^_`|~]+)(?:[ \t]+([^]*))?$/;

/** Parses every value of the `Authorization` header (as the platform reports them). */
export function parseAuthorization(values: readonly string[]): Credentials {
  if (values.length === 0) return { kind: "none" };
  if (values.length > 1) {
    return { kind: "malformed", scheme: "other", why: "more than one Authorization header" };
  }
  const value = (values[0] ?? "").trim();
  if (value.length === 0) return { kind: "none" };
  if (value.length > MAX_AUTHORIZATION_LENGTH) {
    return {
      kind: "malformed",
      scheme: "other",
      why: `Authorization header longer than ${MAX_AUTHORIZATION_LENGTH} characters`,
    };
  }
  const match = SCHEME.exec(value);
  if (!match) return { kind: "malformed", scheme: "other", why: "malformed Authorization header" };
  const scheme = (match[1] ?? "").toLowerCase();
  const rest = (match[2] ?? "").trim();
  if (scheme === "bearer") {
    if (rest.length === 0) {
      return { kind: "malformed", scheme: "bearer", why: "Bearer credentials are missing" };
    }
    if (!B64TOKEN.test(rest)) {
      // A Fetch platform joins repeated headers with ", ": that lands here too.
      return { kind: "malformed", scheme: "bearer", why: "malformed Bearer credentials" };
    }
    return { kind: "bearer", token: rest };
  }
  if (scheme === "basic") return parseBasic(rest);
  return { kind: "other" };
}

/**
 * `Basic` credentials: base64 of `user:password` (RFC 7617 §2). The password is taken as it is
 * after the first colon (no form-decoding), as @access-tokens/express does, so a standard-base64
 * token secret with `+` and `/` survives.
 */
function parseBasic(encoded: string): Credentials {
  if (!BASE64.test(encoded) || encoded.length % 4 === 1) {
    return { kind: "malformed", scheme: "basic", why: "Invalid Basic authentication format" };
  }
  // atob rather than Buffer: the core runs outside Node too (workers, Deno, browsers' tests).
  const binary = atob(encoded);
  const decoded = UTF8.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  const colon = decoded.indexOf(":");
  if (colon === -1) {
    return { kind: "malformed", scheme: "basic", why: "Invalid Basic authentication format" };
  }
  return { kind: "basic", user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * A `WWW-Authenticate` challenge (RFC 7235 §4.1) for `scheme` with a realm and, when given, an
 * RFC 6750 §3 error code. The realm was validated at construction (printable ASCII), and
 * quoted-string escaping is applied all the same.
 */
export function challenge(
  scheme: "Bearer" | "Basic",
  realm: string,
  error?: "invalid_request" | "invalid_token" | "insufficient_scope",
): string {
  const quoted = `"${realm.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return error === undefined
    ? `${scheme} realm=${quoted}`
    : `${scheme} realm=${quoted}, error="${error}"`;
}
