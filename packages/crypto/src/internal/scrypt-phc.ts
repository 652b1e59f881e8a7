/**
 * Password-style hashing of secrets with scrypt (RFC 7914) stored as PHC strings
 * (https://github.com/P-H-C/phc-string-format) in the form @access-tokens/core writes:
 * `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt B64>$<hash B64>`. Verification takes N, r, p and the
 * key length from the stored string, so a string written with other parameters (keyLength 32 by
 * @access-tokens/core, 64 by default here) verifies. Stored parameters are untrusted input: they
 * are bounded ({@link SCRYPT_PARAM_BOUNDS}: each parameter, the work N·r·p, plus the `maxmem`
 * budget) before any hashing, so a hostile string asking for ln=40, r=1e6 or ln=15,p=16 is
 * answered `invalid_parameters` in microseconds, without allocating.
 */
import { toBytes } from "./bytes.js";
import { invalidParameters } from "./errors.js";
import { parsePhc, serializePhc, type PhcObject } from "./phc.js";
import { randomBytes } from "./random.js";
import { checkBackend, pickBackend, type NativeScrypt, type ScryptBackend } from "./scrypt.js";
import { DEFAULT_MAXMEM, scryptMemory } from "./scrypt-params.js";
import { timingSafeEqual } from "./timing-safe-equal.js";

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

/**
 * Default parameters of {@link "@pat/crypto"!hashSecret} (the seed's defaults): N = 16384 (ln=14), r = 8, p = 1,
 * a 64-byte hash and a 16-byte salt. Frozen.
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

/** PHC strings longer than this are `invalid_phc` without being parsed. */
export const MAX_PHC_LENGTH = 512;

/** Why a stored PHC string cannot be used, or why a secret does not match it. */
export type VerifySecretFailure =
  "invalid_phc" | "unsupported_algorithm" | "invalid_parameters" | "invalid_secret";

/** Outcome of {@link "@pat/crypto"!verifySecret}. */
export type VerifySecretResult =
  { ok: true; params: ScryptParams } | { ok: false; reason: VerifySecretFailure };

/** Outcome of {@link inspectPhc}. */
export type InspectPhcResult =
  | { ok: true; params: ScryptParams }
  | { ok: false; reason: Exclude<VerifySecretFailure, "invalid_secret"> };

/** Options of {@link hashSecret}. Field names follow @access-tokens/core. */
export interface HashSecretOptions {
  /** N, a power of two from 2 to 2^24 (default 16384); N·r·p at most 2^21. */
  cost?: number;
  /** r, 1–32 (default 8). */
  blockSize?: number;
  /** p, 1–16 (default 1). */
  parallelization?: number;
  /** Hash length in bytes, 16–128 (default 64). */
  keyLength?: number;
  /** Salt length in bytes, 8–64 (default 16). */
  saltLength?: number;
  /** Memory budget in bytes (default 64 MiB). */
  maxmem?: number;
  /** scrypt implementation (default `"auto"`). */
  backend?: ScryptBackend;
}

/** Options of {@link verifySecret} and {@link inspectPhc}. */
export interface VerifySecretOptions {
  /** Memory budget in bytes (default 64 MiB); stored parameters needing more are refused. */
  maxmem?: number;
  /** scrypt implementation (default `"auto"`). */
  backend?: ScryptBackend;
}

interface Scheme {
  params: ScryptParams;
  salt: Uint8Array;
  hash: Uint8Array;
}

type Inspected =
  | { ok: true; scheme: Scheme }
  | { ok: false; reason: "invalid_phc" | "unsupported_algorithm" | "invalid_parameters" };

function inRange(value: unknown, bound: { min: number; max: number }): value is number {
  return (
    typeof value === "number" && Number.isInteger(value) && value >= bound.min && value <= bound.max
  );
}

function checkMaxmem(maxmem: unknown): number {
  if (maxmem === undefined) return DEFAULT_MAXMEM;
  if (typeof maxmem !== "number") throw new TypeError("maxmem must be a number");
  if (!Number.isSafeInteger(maxmem) || maxmem < 1) {
    throw invalidParameters(`maxmem must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}`);
  }
  return maxmem;
}

function readScheme(phc: unknown, maxmem: number): Inspected {
  if (typeof phc !== "string" || phc.length > MAX_PHC_LENGTH)
    return { ok: false, reason: "invalid_phc" };
  let parsed: PhcObject;
  try {
    parsed = parsePhc(phc);
  } catch {
    return { ok: false, reason: "invalid_phc" };
  }
  if (parsed.id !== "scrypt") return { ok: false, reason: "unsupported_algorithm" };
  const bad = { ok: false, reason: "invalid_parameters" } as const;
  const { version, params, salt, hash } = parsed;
  if (version !== undefined || params === undefined || salt === undefined || hash === undefined) {
    return bad;
  }
  const names = Object.keys(params);
  if (names.length !== 3 || !names.every((n) => n === "ln" || n === "r" || n === "p")) return bad;
  const { ln, r, p } = params;
  const b = SCRYPT_PARAM_BOUNDS;
  if (!inRange(ln, b.ln) || !inRange(r, b.r) || !inRange(p, b.p)) return bad;
  if (!inRange(salt.length, b.saltLength) || !inRange(hash.length, b.keyLength)) return bad;
  // RFC 7914 section 2: N < 2^(128 * r / 8).
  if (ln >= 16 * r) return bad;
  const cost = 2 ** ln;
  if (cost * r * p > b.work.max) return bad;
  if (scryptMemory(cost, r, p) > maxmem) return bad;
  return {
    ok: true,
    scheme: {
      params: {
        cost,
        blockSize: r,
        parallelization: p,
        keyLength: hash.length,
        saltLength: salt.length,
      },
      salt,
      hash,
    },
  };
}

/** Implementation of `inspectPhc` (see the entry points for the public documentation). */
export function inspectPhc(phc: string, options: VerifySecretOptions = {}): InspectPhcResult {
  const inspected = readScheme(phc, checkMaxmem(options.maxmem));
  return inspected.ok ? { ok: true, params: inspected.scheme.params } : inspected;
}

function option(
  value: unknown,
  name: "r" | "p" | "saltLength" | "keyLength",
  label: string,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") throw new TypeError(`${label} must be a number`);
  const bound = SCRYPT_PARAM_BOUNDS[name];
  if (!inRange(value, bound)) {
    throw invalidParameters(`${label} must be an integer from ${bound.min} to ${bound.max}`);
  }
  return value;
}

/** Validates {@link HashSecretOptions}; throws TypeError or CryptoError `INVALID_PARAMETERS`. */
function resolveHashOptions(options: HashSecretOptions): ScryptParams & { maxmem: number } {
  if (typeof options !== "object" || options === null)
    throw new TypeError("options must be an object");
  const d = DEFAULT_SCRYPT_PARAMS;
  let cost = d.cost;
  if (options.cost !== undefined) {
    if (typeof options.cost !== "number") throw new TypeError("cost must be a number");
    const ln = Math.log2(options.cost);
    if (!inRange(ln, SCRYPT_PARAM_BOUNDS.ln)) {
      const { min, max } = SCRYPT_PARAM_BOUNDS.ln;
      throw invalidParameters(`cost must be a power of two from ${2 ** min} to ${2 ** max}`);
    }
    cost = options.cost;
  }
  const blockSize = option(options.blockSize, "r", "blockSize", d.blockSize);
  const parallelization = option(
    options.parallelization,
    "p",
    "parallelization",
    d.parallelization,
  );
  const keyLength = option(options.keyLength, "keyLength", "keyLength", d.keyLength);
  const saltLength = option(options.saltLength, "saltLength", "saltLength", d.saltLength);
  const maxmem = checkMaxmem(options.maxmem);
  if (Math.log2(cost) >= 16 * blockSize) {
    throw invalidParameters("cost must be below 2^(16 * blockSize) (RFC 7914)");
  }
  const work = cost * blockSize * parallelization;
  if (work > SCRYPT_PARAM_BOUNDS.work.max) {
    throw invalidParameters(
      `scrypt work N * r * p = ${work} is above ${SCRYPT_PARAM_BOUNDS.work.max} (SCRYPT_PARAM_BOUNDS.work)`,
    );
  }
  const need = scryptMemory(cost, blockSize, parallelization);
  if (need > maxmem) {
    throw invalidParameters(
      `scrypt needs ${need} bytes (128 * r * (N + p + 2)) but maxmem is ${maxmem} bytes`,
    );
  }
  return { cost, blockSize, parallelization, keyLength, saltLength, maxmem };
}

/** Implementation of `hashSecret`. */
export async function hashSecretWith(
  native: NativeScrypt,
  secret: unknown,
  options: HashSecretOptions = {},
): Promise<string> {
  const bytes = toBytes(secret, "secret");
  const o = resolveHashOptions(options);
  const run = pickBackend(checkBackend(options.backend), native);
  const salt = randomBytes(o.saltLength);
  const hash = await run(
    bytes,
    salt,
    { N: o.cost, r: o.blockSize, p: o.parallelization, dkLen: o.keyLength },
    o.maxmem,
  );
  return serializePhc({
    id: "scrypt",
    params: { ln: Math.log2(o.cost), r: o.blockSize, p: o.parallelization },
    salt,
    hash,
  });
}

/** Implementation of `verifySecret`. */
export async function verifySecretWith(
  native: NativeScrypt,
  secret: unknown,
  phc: unknown,
  options: VerifySecretOptions = {},
): Promise<VerifySecretResult> {
  const bytes = toBytes(secret, "secret");
  if (typeof options !== "object" || options === null)
    throw new TypeError("options must be an object");
  const maxmem = checkMaxmem(options.maxmem);
  const run = pickBackend(checkBackend(options.backend), native);
  const inspected = readScheme(phc, maxmem);
  if (!inspected.ok) return inspected;
  const { params, salt, hash } = inspected.scheme;
  const derived = await run(
    bytes,
    salt,
    { N: params.cost, r: params.blockSize, p: params.parallelization, dkLen: params.keyLength },
    maxmem,
  );
  return timingSafeEqual(derived, hash)
    ? { ok: true, params }
    : { ok: false, reason: "invalid_secret" };
}
