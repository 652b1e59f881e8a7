/**
 * Error types of @pat/crypto. One base class, `CryptoError`, carries a stable `code` that callers
 * `switch` on; `PhcFormatError` is the subclass thrown by the PHC string codec (PHC string format,
 * https://github.com/P-H-C/phc-string-format). Wrong JavaScript types are plain `TypeError`s.
 * Messages name the parameter and the bound that was broken, and never contain a secret, a salt,
 * a hash or a PHC string.
 *
 * The errors of @pat form two families: `CryptoError` here, and `PatError` in @pat/store (the
 * token store and everything above it; @pat/core re-exports both). `CryptoError` has a base of its
 * own because this package knows nothing of storage and runs in browsers. A code means one thing
 * in both families: `INVALID_INPUT` is "a value the caller gave breaks its documented rule,
 * nothing was done" whichever class carries it; the other codes belong to one family only.
 */

/** Stable codes carried by {@link CryptoError} (`INVALID_INPUT` as on a `PatError`). */
export type CryptoErrorCode = "INVALID_INPUT" | "INVALID_PARAMETERS" | "INVALID_PHC";

/**
 * Base class of every error @pat/crypto throws on purpose (besides `TypeError` for wrong types).
 *
 * - `INVALID_INPUT`: a value is outside its documented range (a malformed token id, a bad
 *   prefix, `randomBytes(-1)`, an unavailable backend, ...).
 * - `INVALID_PARAMETERS`: scrypt parameters out of bounds, including a memory need above `maxmem`.
 * - `INVALID_PHC`: a string or object that is not valid PHC (see {@link PhcFormatError}).
 *
 * @example
 * ```ts
 * try { await scrypt("pw", "salt", { N: 3, r: 8, p: 1, dkLen: 32 }); }
 * catch (e) { if (e instanceof CryptoError && e.code === "INVALID_PARAMETERS") console.log(e.message); }
 * ```
 */
export class CryptoError extends Error {
  override readonly name: string = "CryptoError";
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Thrown by {@link "@pat/crypto"!parsePhc} and {@link "@pat/crypto"!serializePhc} when a string or object does not follow the
 * PHC string format. `code` is always `"INVALID_PHC"`; the message names the field at fault
 * (id, version, params, salt, hash) but never repeats the input.
 *
 * @example
 * ```ts
 * try { parsePhc("$scrypt$ln=14$$"); } catch (e) { if (e instanceof PhcFormatError) console.log(e.code); }
 * ```
 */
export class PhcFormatError extends CryptoError {
  override readonly name = "PhcFormatError";

  constructor(message: string) {
    super("INVALID_PHC", message);
  }
}

/** A CryptoError `INVALID_INPUT` with `message`. */
export function invalidInput(message: string): CryptoError {
  return new CryptoError("INVALID_INPUT", message);
}

/** A CryptoError `INVALID_PARAMETERS` with `message`. */
export function invalidParameters(message: string): CryptoError {
  return new CryptoError("INVALID_PARAMETERS", message);
}
