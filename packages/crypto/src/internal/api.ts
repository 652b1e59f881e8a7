/**
 * The functions of @pat/crypto whose work depends on the platform, documented once and bound to
 * backends by each entry point: the Node entry passes Node's native `crypto.scrypt` (backend
 * `"auto"` = `"node"`) and `node:crypto`'s HMAC, the browser/worker entry passes no scrypt
 * (`"auto"` = `"noble"`, `"node"` refused) and Web Crypto's HMAC (else @noble/hashes'), so that
 * entry's module graph never reaches `node:crypto`.
 */
import {
  hashSecretHmacWith,
  verifySecretHmacWith,
  type FastHashBackend,
  type HmacHashOptions,
  type VerifyHmacResult,
} from "./hmac-phc.js";
import {
  hashSecretWith,
  inspectPhc,
  verifySecretWith,
  type HashSecretOptions,
  type InspectPhcResult,
  type VerifySecretOptions,
  type VerifySecretResult,
} from "./scrypt-phc.js";
import { scryptWith, type NativeScrypt, type ScryptOptions } from "./scrypt.js";

/** The backend-dependent functions of @pat/crypto, as each entry point exports them. */
export interface CryptoFunctions {
  /**
   * Derives a key with scrypt (RFC 7914). Backend `"auto"` is Node's native `crypto.scrypt` in
   * the Node entry (thread pool, never blocks the event loop) and @noble/hashes in the browser
   * and worker entry; `"noble"` is the portable @noble/hashes implementation, at most 2
   * derivations at a time, yielding to the event loop; `"node"` is refused in the browser entry.
   *
   * Strings are hashed as their UTF-8 bytes. Parameters and the memory need, 128·r·(N+p+2) bytes,
   * are checked against `maxmem` (default 64 MiB) before anything is allocated.
   *
   * @throws TypeError for wrong argument types; CryptoError `INVALID_PARAMETERS` for N, r, p,
   *   dkLen out of RFC 7914 range or a memory need above `maxmem` (the message gives both
   *   numbers); CryptoError `INVALID_INPUT` for an unavailable backend.
   * @example
   * ```ts
   * const key = await scrypt("password", "NaCl", { N: 1024, r: 8, p: 16, dkLen: 64 });
   * ```
   */
  scrypt(
    password: Uint8Array | string,
    salt: Uint8Array | string,
    options: ScryptOptions,
  ): Promise<Uint8Array>;

  /**
   * Hashes a secret with scrypt and a fresh random salt, returning a PHC string
   * `$scrypt$ln=14,r=8,p=1$<salt>$<hash>` (B64: standard alphabet, no padding). Defaults:
   * {@link DEFAULT_SCRYPT_PARAMS}; options are checked by {@link checkHashOptions}. A string
   * secret is hashed as its UTF-8 bytes; @pat/core hashes the 32 decoded bytes of a token secret
   * (`parseToken(...).secret`).
   *
   * @throws TypeError for wrong types; CryptoError `INVALID_PARAMETERS` for options outside
   *   {@link SCRYPT_PARAM_BOUNDS} or a memory need above `maxmem`; CryptoError `INVALID_INPUT`
   *   for an unavailable backend.
   * @example
   * ```ts
   * const phc = await hashSecret("correct horse", { cost: 1024 });
   * (await verifySecret("correct horse", phc)).ok; // true
   * ```
   */
  hashSecret(secret: string | Uint8Array, options?: HashSecretOptions): Promise<string>;

  /**
   * Checks a secret against a stored scrypt PHC string in constant time. Parameters and hash
   * length come from the string (so 32-byte hashes of @access-tokens/core verify); they are
   * bounded before any hashing, so a hostile string answers `invalid_parameters` at once. Never
   * throws for any `phc` value: `invalid_phc` (not PHC), `unsupported_algorithm` (not scrypt),
   * `invalid_parameters` (out of bounds or over `maxmem`), `invalid_secret` (no match).
   *
   * @throws TypeError only for a secret that is neither string nor Uint8Array or bad options.
   * @example
   * ```ts
   * const result = await verifySecret("correct horse", phc);
   * if (result.ok) console.log(result.params.cost);
   * ```
   */
  verifySecret(
    secret: string | Uint8Array,
    phc: string,
    options?: VerifySecretOptions,
  ): Promise<VerifySecretResult>;

  /**
   * Parses and bounds a stored scrypt PHC string without hashing: the answer `verifySecret` would
   * give before deriving anything. Use it to validate a PHC string before storing it and to read
   * its parameters (e.g. to decide on a rehash). Never throws for any `phc` value.
   *
   * @throws TypeError / CryptoError `INVALID_PARAMETERS` only for an invalid `maxmem` option.
   * @example
   * ```ts
   * const info = inspectPhc(phc);
   * if (info.ok && info.params.cost < DEFAULT_SCRYPT_PARAMS.cost) console.log("rehash");
   * ```
   */
  inspectPhc(phc: string, options?: VerifySecretOptions): InspectPhcResult;

  /**
   * Hashes a secret with the fast hash: HMAC-SHA-256 keyed with a fresh random salt, as the PHC
   * string `$hmac-sha256$v=1$<salt>$<hash>` (B64: standard alphabet, no padding). Microseconds,
   * not scrypt's tens of milliseconds: use it only for secrets generated at random (such as the
   * 256-bit token secrets), never for anything a person chose. @access-tokens/core cannot verify
   * these strings. A string secret is hashed as its UTF-8 bytes.
   *
   * @throws TypeError for wrong types; CryptoError `INVALID_PARAMETERS` for a `saltLength`
   *   outside {@link HMAC_PHC_BOUNDS}.
   * @example
   * ```ts
   * const phc = await hashSecretHmac(randomBytes(32));
   * phc.startsWith("$hmac-sha256$v=1$"); // true
   * ```
   */
  hashSecretHmac(secret: string | Uint8Array, options?: HmacHashOptions): Promise<string>;

  /**
   * Checks a secret against a stored fast-hash PHC string in constant time. Never throws for any
   * `phc` value: `invalid_phc` (not PHC, or longer than {@link MAX_PHC_LENGTH}),
   * `unsupported_algorithm` (another id, e.g. scrypt: use {@link CryptoFunctions.verifySecret}),
   * `invalid_parameters` (not `v=1`, parameters present, salt or hash length out of
   * {@link HMAC_PHC_BOUNDS}), `invalid_secret` (no match).
   *
   * @throws TypeError only for a secret that is neither string nor Uint8Array.
   * @example
   * ```ts
   * const secret = randomBytes(32);
   * const phc = await hashSecretHmac(secret);
   * (await verifySecretHmac(secret, phc)).ok; // true
   * ```
   */
  verifySecretHmac(secret: string | Uint8Array, phc: string): Promise<VerifyHmacResult>;
}

/**
 * The functions of {@link CryptoFunctions} on `native` scrypt (`undefined`: no native backend)
 * and the fast hash's `fast` platform code.
 */
export function cryptoFunctions(native: NativeScrypt, fast: FastHashBackend): CryptoFunctions {
  return {
    hashSecretHmac: (secret, options = {}) => hashSecretHmacWith(fast, secret, options),
    verifySecretHmac: (secret, phc) => verifySecretHmacWith(fast, secret, phc),
    scrypt: (password, salt, options) => scryptWith(native, password, salt, options),
    hashSecret: (secret, options = {}) => hashSecretWith(native, secret, options),
    verifySecret: (secret, phc, options = {}) => verifySecretWith(native, secret, phc, options),
    inspectPhc,
  };
}
