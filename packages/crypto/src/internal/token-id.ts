/**
 * The token id grammar, written once for every @pat package: 21 characters of base62
 * (`[A-Za-z0-9]`), the format of @access-tokens/core's ids. The id is the part of a token before
 * the `.` and the key of its stored record. `generateTokenId` draws from {@link BASE62},
 * `parseToken` and `formatToken` accept {@link TOKEN_ID_PATTERN}, and @pat/store checks record
 * keys against the same pattern (it imports it from here).
 */

/** The 62 symbols of a token id, in the order `generateTokenId` maps random values to them. */
export const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Characters in a token id. */
export const TOKEN_ID_LENGTH = 21;

/**
 * A whole token id: exactly {@link TOKEN_ID_LENGTH} characters of {@link BASE62}.
 *
 * @example
 * ```ts
 * TOKEN_ID_PATTERN.test("34NwRzvnBbgI3uedkrQ3Q"); // true
 * ```
 */
export const TOKEN_ID_PATTERN = /^[A-Za-z0-9]{21}$/;

/**
 * Tells whether `tokenId` is a valid token id: exactly 21 chars of `[A-Za-z0-9]`.
 *
 * @example
 * ```ts
 * isValidTokenId("34NwRzvnBbgI3uedkrQ3Q"); // true
 * ```
 */
export function isValidTokenId(tokenId: unknown): tokenId is string {
  return typeof tokenId === "string" && TOKEN_ID_PATTERN.test(tokenId);
}
