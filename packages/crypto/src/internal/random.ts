/**
 * Randomness from the platform CSPRNG (`crypto.getRandomValues`, W3C Web Crypto, available in
 * Node 20+, browsers and workers). Token ids are 21 base62 characters drawn by rejection sampling:
 * a byte is used only when it is below 248 (= 4 x 62), so each of the 62 characters has
 * probability exactly 1/62 (no modulo bias). Secrets are 32 bytes written base64url without
 * padding (RFC 4648 section 5), 43 characters: the secret part of the token format.
 */
import { encodeBase64 } from "./base64.js";
import { invalidInput } from "./errors.js";
import { SECRET_BYTES } from "./token.js";
import { BASE62, TOKEN_ID_LENGTH } from "./token-id.js";

const ACCEPT_BELOW = 248; // largest multiple of 62 that fits in a byte
/** Upper bound of {@link randomBytes}: 1 MiB, far beyond any salt, secret or id. */
const MAX_RANDOM_BYTES = 1 << 20;
/** `getRandomValues` refuses more than 65 536 bytes per call (Web Crypto). */
const CHUNK = 65_536;

/**
 * Returns `n` bytes from the platform CSPRNG (`crypto.getRandomValues`).
 *
 * @param n - a whole number of bytes, 0 to 1 048 576.
 * @throws TypeError when `n` is not a number; CryptoError `INVALID_INPUT` when it is not an
 *   integer in range.
 * @example
 * ```ts
 * const salt = randomBytes(16);
 * ```
 */
export function randomBytes(n: number): Uint8Array {
  if (typeof n !== "number") throw new TypeError("n must be a number");
  if (!Number.isInteger(n) || n < 0 || n > MAX_RANDOM_BYTES) {
    throw invalidInput(`n must be an integer from 0 to ${MAX_RANDOM_BYTES}`);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += CHUNK) {
    globalThis.crypto.getRandomValues(out.subarray(i, Math.min(n, i + CHUNK)));
  }
  return out;
}

/**
 * Generates a token id: 21 characters of `[A-Za-z0-9]`, each uniform over the 62 symbols
 * (rejection sampling, about 124 bits of entropy).
 *
 * @example
 * ```ts
 * generateTokenId(); // e.g. "34NwRzvnBbgI3uedkrQ3Q"
 * ```
 */
export function generateTokenId(): string {
  let id = "";
  while (id.length < TOKEN_ID_LENGTH) {
    // 32 bytes give 21 accepted symbols with probability > 99.9 %; loop otherwise.
    const pool = randomBytes(32);
    for (let i = 0; i < pool.length && id.length < TOKEN_ID_LENGTH; i++) {
      const b = pool[i] ?? ACCEPT_BELOW;
      if (b < ACCEPT_BELOW) id += BASE62.charAt(b % 62);
    }
  }
  return id;
}

/**
 * Generates a token secret: 32 random bytes as 43 characters of base64url without padding.
 *
 * @example
 * ```ts
 * const secret = generateSecret(); // 43 chars of [A-Za-z0-9_-]
 * const token = formatToken("pat_", generateTokenId(), secret);
 * ```
 */
export function generateSecret(): string {
  return encodeBase64(randomBytes(SECRET_BYTES), "url");
}
