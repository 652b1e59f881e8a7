/**
 * A fast hash for high-entropy secrets, stored as a PHC string
 * (https://github.com/P-H-C/phc-string-format) of its own id:
 * `$hmac-sha256$v=1$<salt B64>$<hash B64>`, where hash = HMAC-SHA-256(key = salt, message =
 * secret) (RFC 2104 with SHA-256, FIPS 180-4; the salted extract step of HKDF, RFC 5869 §2.2).
 *
 * Why it is safe only for secrets nobody chose: it costs one HMAC (microseconds), so a stolen
 * table can be searched at billions of guesses a second. Against 256 random bits that search is
 * hopeless whatever the hash; against a human-chosen password it is not, which is what scrypt
 * is for. The salt keeps equal secrets apart and defeats tables computed in advance.
 *
 * Parsing is strict and total: one grammar (`v=1`, no parameters, canonical B64 salt of 16–64
 * bytes, a 32-byte hash), stored strings bounded in length before they are parsed, and every
 * other input answered `invalid_phc`, `unsupported_algorithm` or `invalid_parameters` without
 * hashing and without throwing. Comparison is constant-time.
 */
import { toBytes } from "./bytes.js";
import { encodeBase64 } from "./base64.js";
import { invalidParameters } from "./errors.js";
import { readStoredPhc } from "./phc.js";
import { randomBytes } from "./random.js";
import { MAX_PHC_LENGTH, type VerifySecretFailure } from "./scrypt-phc.js";
import { timingSafeEqual } from "./timing-safe-equal.js";

/** The PHC id of the fast hash: HMAC-SHA-256 keyed with a random salt. */
export const HMAC_SHA256_ID = "hmac-sha256";

/** Bounds of the fast hash's PHC strings (what `hashSecretHmac` writes and verify accepts). */
export const HMAC_PHC_BOUNDS = Object.freeze({
  /** Salt length in bytes, default 16. */
  saltLength: Object.freeze({ min: 16, max: 64, default: 16 }),
  /** The hash is a whole HMAC-SHA-256 output. */
  hashLength: 32,
  /** The only version written and read (`v=1`). */
  version: 1,
});

/** HMAC-SHA-256 of `message` under `key`: a backend of an entry point (sync or async). */
export type HmacSha256 = (key: Uint8Array, message: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** The fast hash's platform code: the HMAC, and B64 (standard alphabet, no padding) encoding. */
export interface FastHashBackend {
  readonly mac: HmacSha256;
  readonly b64: (bytes: Uint8Array) => string;
}

/** The portable B64 encoder (the PHC codec's). */
export const portableB64 = (bytes: Uint8Array): string => encodeBase64(bytes, "standard");

/** What a fast-hash PHC string records besides its salt and hash. */
export interface HmacParams {
  /** Salt length in bytes. */
  readonly saltLength: number;
}

/** Options of {@link "@pat/crypto"!hashSecretHmac}. */
export interface HmacHashOptions {
  /** Salt length in bytes, 16–64 (default 16). */
  saltLength?: number;
}

/** Outcome of {@link "@pat/crypto"!verifySecretHmac}. */
export type VerifyHmacResult =
  { ok: true; params: HmacParams } | { ok: false; reason: VerifySecretFailure };

/** Outcome of {@link "@pat/crypto"!inspectHmacPhc}. */
export type InspectHmacPhcResult =
  | { ok: true; params: HmacParams }
  | { ok: false; reason: Exclude<VerifySecretFailure, "invalid_secret"> };

type Read =
  | { ok: true; salt: Uint8Array; hash: Uint8Array }
  | { ok: false; reason: Exclude<VerifySecretFailure, "invalid_secret"> };

function readHmacPhc(phc: unknown): Read {
  const parsed = readStoredPhc(phc, HMAC_SHA256_ID, MAX_PHC_LENGTH);
  if (typeof parsed === "string") return { ok: false, reason: parsed };
  const { version, params, salt, hash } = parsed;
  const { saltLength } = HMAC_PHC_BOUNDS;
  if (
    version !== HMAC_PHC_BOUNDS.version ||
    params !== undefined ||
    salt === undefined ||
    hash === undefined ||
    salt.length < saltLength.min ||
    salt.length > saltLength.max ||
    hash.length !== HMAC_PHC_BOUNDS.hashLength
  ) {
    return { ok: false, reason: "invalid_parameters" };
  }
  return { ok: true, salt, hash };
}

/**
 * Parses and bounds a stored fast-hash PHC string without hashing: the answer `verifySecretHmac`
 * would give before computing anything. Use it to validate a string before storing it. Never
 * throws, for any value.
 *
 * @example
 * ```ts
 * inspectHmacPhc("$scrypt$ln=4,r=8,p=1$AQID$BA"); // { ok: false, reason: "unsupported_algorithm" }
 * ```
 */
export function inspectHmacPhc(phc: string): InspectHmacPhcResult {
  const read = readHmacPhc(phc);
  return read.ok ? { ok: true, params: { saltLength: read.salt.length } } : read;
}

/** The salt length of `options`, checked. */
function checkHmacOptions(options: unknown): number {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("options must be an object");
  }
  const { saltLength = HMAC_PHC_BOUNDS.saltLength.default } = options as HmacHashOptions;
  if (typeof saltLength !== "number") throw new TypeError("saltLength must be a number");
  const { min, max } = HMAC_PHC_BOUNDS.saltLength;
  if (!Number.isInteger(saltLength) || saltLength < min || saltLength > max) {
    throw invalidParameters(`saltLength must be an integer from ${min} to ${max}`);
  }
  return saltLength;
}

/**
 * Length in characters of the PHC strings `hashSecretHmac` writes with a `saltLength`-byte salt.
 *
 * @example
 * ```ts
 * hmacPhcLength(16); // 83: "$hmac-sha256$v=1$" (17) + 22 + "$" + 43
 * ```
 */
export function hmacPhcLength(saltLength: number = HMAC_PHC_BOUNDS.saltLength.default): number {
  const b64 = (bytes: number) => Math.ceil((bytes * 4) / 3);
  return `$${HMAC_SHA256_ID}$v=1$$`.length + b64(saltLength) + b64(HMAC_PHC_BOUNDS.hashLength);
}

const PREFIX = `$${HMAC_SHA256_ID}$v=${HMAC_PHC_BOUNDS.version}$`;

/** Implementation of `hashSecretHmac`. */
export async function hashSecretHmacWith(
  backend: FastHashBackend,
  secret: unknown,
  options: HmacHashOptions = {},
): Promise<string> {
  const bytes = toBytes(secret, "secret");
  const salt = randomBytes(checkHmacOptions(options));
  const mac = backend.mac(salt, bytes);
  // A synchronous backend (node:crypto, noble) is not awaited: that would cost a microtask turn.
  const hash = mac instanceof Uint8Array ? mac : await mac;
  // Written directly (the grammar is fixed); `parsePhc` reads it back to the same object.
  return `${PREFIX}${backend.b64(salt)}$${backend.b64(hash)}`;
}

/** Implementation of `verifySecretHmac`. */
export async function verifySecretHmacWith(
  backend: FastHashBackend,
  secret: unknown,
  phc: unknown,
): Promise<VerifyHmacResult> {
  const bytes = toBytes(secret, "secret");
  const read = readHmacPhc(phc);
  if (!read.ok) return read;
  const mac = backend.mac(read.salt, bytes);
  const derived = mac instanceof Uint8Array ? mac : await mac;
  return timingSafeEqual(derived, read.hash)
    ? { ok: true, params: { saltLength: read.salt.length } }
    : { ok: false, reason: "invalid_secret" };
}
