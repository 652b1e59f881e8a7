/**
 * The public face of the checksummed token format (`checksummed-token.ts` has the grammar): a
 * writer, the regular expression a secret scanner needs, and a check that a string is a token
 * before anything is looked up. `parseToken` (`token.ts`) reads both formats.
 */
import { invalidInput } from "./errors.js";
import { checksummedTokenRegExp, writeChecksummedToken } from "./checksummed-token.js";
import { checkPrefix, parseToken } from "./token.js";
import { TOKEN_ID_LENGTH, TOKEN_ID_PATTERN } from "./token-id.js";

/** Which token format a token is written in (see the README, "Token formats"). */
export type TokenFormat = "default" | "checksummed";

/** The token formats, default first. */
export const TOKEN_FORMATS: readonly TokenFormat[] = Object.freeze(["default", "checksummed"]);

/**
 * Writes a checksummed token `{prefix}{tokenId}{secret}{checksum}`: the id, the 32 secret bytes
 * as 43 base62 chars (`0-9A-Za-z`, big-endian) and the CRC-32 of everything before it as 6
 * base62 chars. The secret bytes are the ones to hash (as `parseToken(...).secret` gives them
 * back).
 *
 * @throws TypeError for wrong argument types; CryptoError `INVALID_INPUT` for a bad prefix, a
 *   token id not matching `^[A-Za-z0-9]{21}$`, or a secret that is not 32 bytes.
 * @example
 * ```ts
 * const secret = randomBytes(32);
 * const token = formatChecksummedToken("pat_", generateTokenId(), secret);
 * isWellFormedToken(token); // true
 * ```
 */
export function formatChecksummedToken(
  prefix: string,
  tokenId: string,
  secret: Uint8Array,
): string {
  checkPrefix(prefix);
  if (typeof tokenId !== "string") throw new TypeError("tokenId must be a string");
  if (!TOKEN_ID_PATTERN.test(tokenId)) throw invalidInput("tokenId must match ^[A-Za-z0-9]{21}$");
  if (!(secret instanceof Uint8Array)) throw new TypeError("secret must be a Uint8Array");
  if (secret.length !== 32) throw invalidInput("secret must be 32 bytes");
  return writeChecksummedToken(prefix, tokenId, secret);
}

/**
 * The regular expression a secret scanner needs to find checksummed tokens of `prefix` in any
 * text: the prefix, then exactly 70 chars of `[0-9A-Za-z]`, neither preceded nor followed by a
 * token character (`[A-Za-z0-9_-]`), so a match is a whole token. For the default prefix it is
 * `(?<![A-Za-z0-9_-])pat_[0-9A-Za-z]{70}(?![A-Za-z0-9_-])` ({@link CHECKSUMMED_TOKEN_PATTERN}).
 * A match is a candidate: {@link isWellFormedToken} checks its checksum, which drops look-alikes
 * before a leak is reported.
 *
 * @param prefix - the token prefix (default `pat_`), 1–32 chars of `[A-Za-z0-9_-]`.
 * @param flags - RegExp flags, e.g. `"g"` to find every token of a text with `matchAll`.
 * @throws TypeError / CryptoError `INVALID_INPUT` for an invalid prefix.
 * @example
 * ```ts
 * const text = `deploy key: ${formatChecksummedToken("pat_", generateTokenId(), randomBytes(32))}`;
 * const leaks = [...text.matchAll(checksummedTokenPattern("pat_", "g"))]
 *   .map((match) => match[0])
 *   .filter((candidate) => isWellFormedToken(candidate));
 * ```
 */
export function checksummedTokenPattern(prefix = "pat_", flags = ""): RegExp {
  checkPrefix(prefix);
  if (typeof flags !== "string") throw new TypeError("flags must be a string");
  return checksummedTokenRegExp(prefix, flags);
}

/**
 * The scanner's regular expression for checksummed tokens of the default prefix `pat_`, without
 * flags: `/(?<![A-Za-z0-9_-])pat_[0-9A-Za-z]{70}(?![A-Za-z0-9_-])/`. Use
 * {@link checksummedTokenPattern} for another prefix or for the `g` flag.
 *
 * @example
 * ```ts
 * CHECKSUMMED_TOKEN_PATTERN.test("no token here"); // false
 * ```
 */
export const CHECKSUMMED_TOKEN_PATTERN: RegExp = /* @__PURE__ */ checksummedTokenRegExp("pat_", "");

/** Options of {@link isWellFormedToken}. */
export interface WellFormedTokenOptions {
  /** The token prefix (default `pat_`). */
  readonly prefix?: string | undefined;
  /** Accept only this format; absent: either. */
  readonly format?: TokenFormat | undefined;
}

/**
 * Tells whether `token` is a well-formed token of `prefix`, without any I/O: what `parseToken`
 * accepts (either format, or only `format`), including the checksum of a checksummed token. A
 * well-formed token may still be unknown, revoked or wrong; a malformed one can never verify.
 *
 * @throws TypeError / CryptoError `INVALID_INPUT` only for an invalid `prefix` or `format`.
 * @example
 * ```ts
 * isWellFormedToken("pat_not-a-token"); // false
 * isWellFormedToken(formatChecksummedToken("pat_", generateTokenId(), randomBytes(32)), {
 *   format: "checksummed",
 * }); // true
 * ```
 */
export function isWellFormedToken(token: unknown, options: WellFormedTokenOptions = {}): boolean {
  const prefix = options.prefix ?? "pat_";
  const { format } = options;
  if (format !== undefined && !TOKEN_FORMATS.includes(format)) {
    throw invalidInput('format must be "default" or "checksummed"');
  }
  const parsed = parseToken(prefix, token as string);
  if ("reason" in parsed) return false;
  // The two grammars differ at the char after the id: "." in the default format only.
  const written: TokenFormat =
    (token as string).charCodeAt(prefix.length + TOKEN_ID_LENGTH) === 0x2e
      ? "default"
      : "checksummed";
  return format === undefined || written === format;
}
