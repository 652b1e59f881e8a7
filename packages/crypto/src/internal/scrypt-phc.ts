/**
 * Password-style hashing of secrets with scrypt (RFC 7914) stored as PHC strings
 * (https://github.com/P-H-C/phc-string-format) in the form @access-tokens/core writes:
 * `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt B64>$<hash B64>`. Verification takes N, r, p and the
 * key length from the stored string, so a string written with other parameters (keyLength 32 by
 * @access-tokens/core, 64 by default here) verifies. Stored parameters are untrusted input: they
 * pass the same check as `hashSecret`'s options (`scrypt-checks.ts`: each parameter, the work
 * N·r·p, plus the `maxmem` budget) before any hashing, so a hostile string asking for ln=40,
 * r=1e6 or ln=15,p=16 is answered `invalid_parameters` in microseconds, without allocating.
 */
import { toBytes } from "./bytes.js";
import { readStoredPhc, serializePhc } from "./phc.js";
import { randomBytes } from "./random.js";
import { checkBackend, pickBackend, type NativeScrypt, type ScryptBackend } from "./scrypt.js";
import {
  checkHashOptions,
  checkMaxmem,
  hashParamsProblem,
  type HashParamsOptions,
} from "./scrypt-checks.js";
import {
  fromPhcParams,
  toPhcParams,
  toRawParams,
  type PhcScryptParams,
  type ScryptParams,
} from "./scrypt-params.js";
import { timingSafeEqual } from "./timing-safe-equal.js";

/** PHC strings longer than this are `invalid_phc` without being parsed. */
export const MAX_PHC_LENGTH = 512;

/** Why a stored PHC string cannot be used, or why a secret does not match it. */
export type VerifySecretFailure =
  "invalid_phc" | "unsupported_algorithm" | "invalid_parameters" | "invalid_secret";

/** Outcome of {@link "@pat/crypto"!verifySecret}. */
export type VerifySecretResult =
  { ok: true; params: ScryptParams } | { ok: false; reason: VerifySecretFailure };

/** Outcome of {@link "@pat/crypto"!inspectPhc}. */
export type InspectPhcResult =
  | { ok: true; params: ScryptParams }
  | { ok: false; reason: Exclude<VerifySecretFailure, "invalid_secret"> };

/** Options of {@link "@pat/crypto"!hashSecret}. Field names follow @access-tokens/core. */
export interface HashSecretOptions extends HashParamsOptions {
  /** scrypt implementation (default `"auto"`). */
  backend?: ScryptBackend;
}

/** Options of {@link "@pat/crypto"!verifySecret} and {@link "@pat/crypto"!inspectPhc}. */
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

function readScheme(phc: unknown, maxmem: number): Inspected {
  const parsed = readStoredPhc(phc, "scrypt", MAX_PHC_LENGTH);
  if (typeof parsed === "string") return { ok: false, reason: parsed };
  const bad = { ok: false, reason: "invalid_parameters" } as const;
  const { version, params, salt, hash } = parsed;
  if (version !== undefined || params === undefined || salt === undefined || hash === undefined) {
    return bad;
  }
  const names = Object.keys(params);
  if (names.length !== 3 || !names.every((n) => n === "ln" || n === "r" || n === "p")) return bad;
  const { ln, r, p } = params;
  if (typeof ln !== "number" || typeof r !== "number" || typeof p !== "number") return bad;
  const scheme = fromPhcParams({ ln, r, p }, salt.length, hash.length);
  if (hashParamsProblem(scheme, maxmem) !== undefined) return bad;
  return { ok: true, scheme: { params: scheme, salt, hash } };
}

/** Implementation of `inspectPhc` (see `api.ts` for the public documentation). */
export function inspectPhc(phc: string, options: VerifySecretOptions = {}): InspectPhcResult {
  const inspected = readScheme(phc, checkMaxmem(options.maxmem));
  return inspected.ok ? { ok: true, params: inspected.scheme.params } : inspected;
}

function writePhc(params: PhcScryptParams, salt: Uint8Array, hash: Uint8Array): string {
  return serializePhc({
    id: "scrypt",
    params: { ln: params.ln, r: params.r, p: params.p },
    salt,
    hash,
  });
}

/**
 * Length in characters of the PHC strings `hashSecret` writes with `params` (they depend only on
 * the parameters and the salt and hash lengths), e.g. to check that they fit a storage limit.
 *
 * @example
 * ```ts
 * scryptPhcLength(DEFAULT_SCRYPT_PARAMS); // 131: "$scrypt$ln=14,r=8,p=1$" + 22 + "$" + 86
 * ```
 */
export function scryptPhcLength(params: ScryptParams): number {
  const phc = toPhcParams(params);
  return writePhc(phc, new Uint8Array(params.saltLength), new Uint8Array(params.keyLength)).length;
}

/** Implementation of `hashSecret`. */
export async function hashSecretWith(
  native: NativeScrypt,
  secret: unknown,
  options: HashSecretOptions = {},
): Promise<string> {
  const bytes = toBytes(secret, "secret");
  const { maxmem, ...params } = checkHashOptions(options);
  const run = pickBackend(checkBackend(options.backend), native);
  const salt = randomBytes(params.saltLength);
  const hash = await run(bytes, salt, toRawParams(params), maxmem);
  return writePhc(toPhcParams(params), salt, hash);
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
  const derived = await run(bytes, salt, toRawParams(params), maxmem);
  return timingSafeEqual(derived, hash)
    ? { ok: true, params }
    : { ok: false, reason: "invalid_secret" };
}
