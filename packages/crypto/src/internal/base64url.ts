/**
 * Public base64url helpers (RFC 4648 section 5, URL- and filename-safe alphabet, no padding), the
 * encoding of token secrets. Decoding is strict (see `base64.ts`): one alphabet, no `=`, canonical
 * trailing bits.
 */
import { decodeBase64, encodeBase64 } from "./base64.js";
import { invalidInput } from "./errors.js";

/**
 * Encodes bytes as base64url without padding (RFC 4648 section 5).
 *
 * @throws TypeError when `bytes` is not a Uint8Array.
 * @example
 * ```ts
 * base64UrlEncode(new Uint8Array([251, 255])); // "-_8"
 * ```
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("bytes must be a Uint8Array");
  return encodeBase64(bytes, "url");
}

/**
 * Decodes unpadded base64url (RFC 4648 section 5) strictly.
 *
 * @throws TypeError when `text` is not a string; CryptoError `INVALID_INPUT` for characters
 *   outside `[A-Za-z0-9_-]`, padding, an impossible length or non-zero trailing bits.
 * @example
 * ```ts
 * base64UrlDecode("-_8"); // Uint8Array [251, 255]
 * ```
 */
export function base64UrlDecode(text: string): Uint8Array {
  if (typeof text !== "string") throw new TypeError("text must be a string");
  const bytes = decodeBase64(text, "url", "forbidden");
  if (bytes === null) {
    throw invalidInput("text must be canonical unpadded base64url ([A-Za-z0-9_-])");
  }
  return bytes;
}
