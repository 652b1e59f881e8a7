/**
 * The parameters of scrypt (RFC 7914): their three spellings, defaults, bounds and the memory a
 * derivation needs. This is the one place that maps the spellings:
 *
 * | RFC 7914, `scrypt()`   | `hashSecret`, {@link ScryptParams}, @access-tokens/core, Node | PHC string |
 * | ---------------------- | ------------------------------------------------------------- | ---------- |
 * | `N` (a power of two)   | `cost`                                                        | `ln` = log2 N |
 * | `r`                    | `blockSize`                                                   | `r`        |
 * | `p`                    | `parallelization`                                             | `p`        |
 * | `dkLen`                | `keyLength`                                                   | length of the hash field |
 * | (the salt argument)    | `saltLength`                                                  | length of the salt field |
 *
 * (Node's `crypto.scrypt` takes both `N`/`r`/`p` and the long names as aliases.) Memory: one
 * derivation needs 128·r·(N+p+2) bytes, which covers both OpenSSL's count (V = 128·r·(N+2),
 * B = 128·r·p) used by Node and @noble/hashes' 128·r·(N+p+1), so a call that passes the check
 * against `maxmem` never trips either backend's own check.
 */

/** Memory budget of one derivation unless `maxmem` says otherwise: 64 MiB. */
export const DEFAULT_MAXMEM = 64 * 1024 * 1024;

/** scrypt parameters in RFC 7914's spelling, as `scrypt()` takes them. */
export interface RawScryptParams {
  N: number;
  r: number;
  p: number;
  dkLen: number;
}

/** scrypt parameters as named by @access-tokens/core and Node's `crypto.scrypt`. */
export interface ScryptParams {
  /** N, a power of two (PHC `ln` = log2 N). */
  cost: number;
  /** r (PHC `r`). */
  blockSize: number;
  /** p (PHC `p`). */
  parallelization: number;
  /** Derived key (hash) length in bytes. */
  keyLength: number;
  /** Salt length in bytes. */
  saltLength: number;
}

/** scrypt parameters as a PHC string writes them: `ln` (log2 N), `r`, `p`. */
export interface PhcScryptParams {
  ln: number;
  r: number;
  p: number;
}

/**
 * Default parameters of {@link "@pat/crypto"!hashSecret}, those of @access-tokens/core: N = 16384
 * (ln=14), r = 8, p = 1, a 64-byte hash and a 16-byte salt. Frozen.
 *
 * @example
 * ```ts
 * DEFAULT_SCRYPT_PARAMS.cost; // 16384
 * ```
 */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({
  cost: 16384,
  blockSize: 8,
  parallelization: 1,
  keyLength: 64,
  saltLength: 16,
});

/**
 * Inclusive bounds every hashed or stored scrypt PHC string must respect (in addition to the
 * `maxmem` budget, default 64 MiB). `work` bounds the CPU cost N·r·p (memory is `maxmem`'s
 * business): at most 2^21, 16 times the default 2^14·8·1, so a stored string cannot make one
 * wrong-secret verify cost more than 16 default derivations (e.g. `ln=15,r=8,p=16` is refused).
 * Frozen.
 *
 * @example
 * ```ts
 * SCRYPT_PARAM_BOUNDS.ln; // { min: 1, max: 24 }
 * SCRYPT_PARAM_BOUNDS.work.max; // 2097152 (N * r * p)
 * ```
 */
export const SCRYPT_PARAM_BOUNDS = Object.freeze({
  ln: Object.freeze({ min: 1, max: 24 }),
  r: Object.freeze({ min: 1, max: 32 }),
  p: Object.freeze({ min: 1, max: 16 }),
  saltLength: Object.freeze({ min: 8, max: 64 }),
  keyLength: Object.freeze({ min: 16, max: 128 }),
  work: Object.freeze({ min: 2, max: 2 ** 21 }),
});

/**
 * Bytes one scrypt derivation needs: 128·r·(N+p+2) (see the module comment for why this count).
 *
 * @example
 * ```ts
 * scryptMemory(16384, 8, 1); // 16780288
 * ```
 */
export function scryptMemory(N: number, r: number, p: number): number {
  return 128 * r * (N + p + 2);
}

/** The RFC 7914 spelling of `params`, as the backends take them. */
export function toRawParams(params: ScryptParams): RawScryptParams {
  return {
    N: params.cost,
    r: params.blockSize,
    p: params.parallelization,
    dkLen: params.keyLength,
  };
}

/** The PHC spelling of `params` (`ln`, `r`, `p`, in the order @access-tokens/core writes them). */
export function toPhcParams(params: ScryptParams): PhcScryptParams {
  return { ln: Math.log2(params.cost), r: params.blockSize, p: params.parallelization };
}

/** {@link ScryptParams} of a PHC string's parameters and the lengths of its salt and hash. */
export function fromPhcParams(
  phc: PhcScryptParams,
  saltLength: number,
  keyLength: number,
): ScryptParams {
  return { cost: 2 ** phc.ln, blockSize: phc.r, parallelization: phc.p, keyLength, saltLength };
}
