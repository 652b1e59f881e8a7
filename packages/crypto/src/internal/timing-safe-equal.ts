/**
 * Constant-time comparison of two byte strings, the check that closes a password-hash
 * verification (the PHC string format's verify step; the same idea as Node's
 * `crypto.timingSafeEqual`, written without `node:crypto` so it runs in browsers and workers).
 * The time taken depends only on the lengths, never on where the first difference is.
 */

/**
 * Compares two byte arrays in time that depends only on their lengths.
 *
 * Arrays of different lengths are unequal, and that answer comes at once: lengths of hashes are
 * public (they are written in the PHC string), their contents are not.
 *
 * @throws TypeError when an argument is not a Uint8Array.
 * @example
 * ```ts
 * timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])); // true
 * ```
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (!(a instanceof Uint8Array)) throw new TypeError("a must be a Uint8Array");
  if (!(b instanceof Uint8Array)) throw new TypeError("b must be a Uint8Array");
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
