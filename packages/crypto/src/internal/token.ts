/**
 * The token format, compatible with @access-tokens/core: `{prefix}{tokenId}.{secret}`. The prefix
 * is 1–32 chars of `[A-Za-z0-9_-]`; the id is 21 chars of `[A-Za-z0-9]` (see `token-id.ts`); the
 * secret is 32 bytes when this library makes it, written base64url without padding (RFC 4648
 * section 5, 43 chars). Read back are secrets of 16 to 64 bytes (every length @access-tokens/core
 * issues with its `keyLength` option, above a floor that keeps a secret out of brute-force
 * reach), in base64url without padding or in standard base64 (section 4) with or without its `=`
 * padding, as @access-tokens/core writes it (`Buffer#toString("base64")`). One alphabet per
 * secret, canonical trailing bits (section 3.5), nothing else, so a byte string has exactly one
 * accepted spelling per alphabet and padding choice; a token over 200 chars is refused before any
 * other check.
 */
import { decodeBase64 } from "./base64.js";
import {
  CHECKSUMMED_BODY_LENGTH,
  isDotTypoOfChecksummed,
  readChecksummedBody,
} from "./checksummed-token.js";
import { invalidInput } from "./errors.js";
import { TOKEN_ID_LENGTH, TOKEN_ID_PATTERN } from "./token-id.js";

/** Tokens longer than this are `invalid_format` before any other check. */
export const MAX_TOKEN_LENGTH = 200;

/** Bytes of a token secret this library makes. */
export const SECRET_BYTES = 32;
/** Fewest secret bytes a token may carry (128 bits): shorter secrets are `invalid_format`. */
export const MIN_SECRET_BYTES = 16;
/** Most secret bytes a token may carry. */
export const MAX_SECRET_BYTES = 64;

const PREFIX = /^[A-Za-z0-9_-]{1,32}$/;
const URL_SECRET = /^[A-Za-z0-9_-]+$/;
const STANDARD_SECRET = /^[A-Za-z0-9+/]+={0,2}$/;

/** A token split into its id and secret by {@link parseToken}. */
export interface ParsedToken {
  /** The 21-char id. */
  tokenId: string;
  /**
   * The secret bytes (16 to 64; 32 in tokens this library makes): the input that is hashed (see
   * the README, "What is hashed").
   */
  secret: Uint8Array;
  /** The secret exactly as written in the token. */
  secretText: string;
}

/** Why {@link parseToken} refused a token. */
export interface TokenFormatFailure {
  reason: "invalid_prefix" | "invalid_format";
}

/**
 * Tells whether `prefix` is a valid token prefix: 1–32 chars of `[A-Za-z0-9_-]`.
 *
 * @example
 * ```ts
 * isValidPrefix("pat_"); // true
 * isValidPrefix("p.t");  // false
 * ```
 */
export function isValidPrefix(prefix: unknown): prefix is string {
  return typeof prefix === "string" && PREFIX.test(prefix);
}

/** Base64 characters of the longest accepted secret, padded: every longer text is refused unread. */
const MAX_SECRET_TEXT = 4 * Math.ceil(MAX_SECRET_BYTES / 3);

/**
 * Decodes a secret text to its bytes, or `null` when it is not an accepted spelling of 16 to 64
 * bytes: base64url without padding, or standard base64 with or without exact padding, canonical.
 */
function decodeSecret(text: string): Uint8Array | null {
  if (text.length > MAX_SECRET_TEXT) return null;
  let bytes: Uint8Array | null = null;
  if (URL_SECRET.test(text)) bytes = decodeBase64(text, "url", "forbidden");
  else if (STANDARD_SECRET.test(text)) bytes = decodeBase64(text, "standard", "optional");
  return bytes !== null && bytes.length >= MIN_SECRET_BYTES && bytes.length <= MAX_SECRET_BYTES
    ? bytes
    : null;
}

/** Throws unless `prefix` is a valid token prefix (TypeError, or CryptoError `INVALID_INPUT`). */
export function checkPrefix(prefix: unknown): string {
  if (typeof prefix !== "string") throw new TypeError("prefix must be a string");
  if (!PREFIX.test(prefix)) throw invalidInput("prefix must be 1-32 chars of [A-Za-z0-9_-]");
  return prefix;
}

/**
 * Writes a token `{prefix}{tokenId}.{secret}`.
 *
 * @param secret - the secret text: 43 chars of base64url (as {@link generateSecret} makes), or
 *   any spelling {@link parseToken} accepts (16 to 64 bytes).
 * @throws TypeError for non-string arguments; CryptoError `INVALID_INPUT` for a bad prefix, a
 *   token id not matching `^[A-Za-z0-9]{21}$`, a secret that is not 16 to 64 bytes in an
 *   accepted spelling, or a token that {@link parseToken} would refuse as a checksummed token
 *   typed with a `.` (one 48-character base62 secret in about a billion; the message never
 *   contains the secret).
 * @example
 * ```ts
 * const token = formatToken("pat_", generateTokenId(), generateSecret());
 * ```
 */
export function formatToken(prefix: string, tokenId: string, secret: string): string {
  checkPrefix(prefix);
  if (typeof tokenId !== "string") throw new TypeError("tokenId must be a string");
  if (!TOKEN_ID_PATTERN.test(tokenId)) throw invalidInput("tokenId must match ^[A-Za-z0-9]{21}$");
  if (typeof secret !== "string") throw new TypeError("secret must be a string");
  if (decodeSecret(secret) === null) {
    throw invalidInput(
      "secret must be 16-64 bytes as canonical base64url (unpadded) or standard base64 (padded or not)",
    );
  }
  const body = `${tokenId}.${secret}`;
  if (isDotTypoOfChecksummed(prefix, body)) {
    throw invalidInput(
      "secret and id together read as a checksummed token with a typo: the token would be refused",
    );
  }
  return `${prefix}${body}`;
}

/**
 * Splits a presented token into id and secret, checking in this order (the order decides which
 * reason a bad token gets): longer than 200 chars → `invalid_format`; not starting with `prefix` → `invalid_prefix`; not
 * `{21 base62}.{secret}` with a secret of 16 to 64 bytes in base64url (unpadded) or standard
 * base64 (padded or not), one alphabet, canonical → `invalid_format`. Never throws for a token
 * value of any type. A checksummed token (`formatChecksummedToken`: 70 base62 chars after the
 * prefix, no `.`) is read too; a wrong checksum or an out-of-range secret is `invalid_format`,
 * so a mistyped token is refused here, before any lookup. A body of that length that is base62
 * but for a `.` after the id, and that one base62 character in place of the `.` turns into a
 * valid checksummed token, is `invalid_format` too: it is that token with one character typed as
 * `.`, not a default-format token (a random 48-character secret is mistaken for one with odds of
 * about one in a billion).
 *
 * @throws TypeError / CryptoError `INVALID_INPUT` only for an invalid `prefix` (configuration).
 * @example
 * ```ts
 * const parsed = parseToken("pat_", token);
 * if ("reason" in parsed) console.log(parsed.reason);
 * else console.log(parsed.tokenId, parsed.secret.length); // id, 32 for a token of ours
 * ```
 */
export function parseToken(prefix: string, token: string): ParsedToken | TokenFormatFailure {
  checkPrefix(prefix);
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) {
    return { reason: "invalid_format" };
  }
  if (!token.startsWith(prefix)) return { reason: "invalid_prefix" };
  const rest = token.slice(prefix.length);
  if (rest.length === CHECKSUMMED_BODY_LENGTH) {
    if (!rest.includes("."))
      return readChecksummedBody(prefix, rest) ?? { reason: "invalid_format" };
    if (isDotTypoOfChecksummed(prefix, rest)) return { reason: "invalid_format" };
  }
  const tokenId = rest.slice(0, TOKEN_ID_LENGTH);
  if (rest.charCodeAt(TOKEN_ID_LENGTH) !== 0x2e /* "." */ || !TOKEN_ID_PATTERN.test(tokenId)) {
    return { reason: "invalid_format" };
  }
  const secretText = rest.slice(TOKEN_ID_LENGTH + 1);
  const secret = decodeSecret(secretText);
  if (secret === null) return { reason: "invalid_format" };
  return { tokenId, secret, secretText };
}
