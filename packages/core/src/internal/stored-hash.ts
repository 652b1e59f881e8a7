/**
 * The two hash algorithms a stored `secretPhc` may use, told apart by the id of its PHC string
 * (https://github.com/P-H-C/phc-string-format): `scrypt` (RFC 7914, the default, the format
 * @access-tokens/core reads and writes) and `hmac-sha256` (@pat/crypto's fast hash: one
 * HMAC-SHA-256 keyed with a random salt, for random secrets only). Verification reads the
 * algorithm from the stored string, never from configuration, so one table may hold both.
 */
import {
  HMAC_SHA256_ID,
  hashSecret,
  hashSecretHmac,
  inspectHmacPhc,
  inspectPhc,
  verifySecret,
  verifySecretHmac,
  type HashSecretOptions,
  type HmacParams,
  type InspectPhcResult,
  type ScryptParams,
  type VerifySecretFailure,
  type VerifySecretOptions,
} from "@pat/crypto";

/** The algorithms of new hashes (`hashAlgorithm`), each the id of its PHC strings. */
export type HashAlgorithm = "scrypt" | "hmac-sha256";

/** Every {@link HashAlgorithm}; the first is the default. */
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = Object.freeze(["scrypt", HMAC_SHA256_ID]);

/**
 * The `hashAlgorithm` option, checked (undefined: scrypt); `fail` throws the caller's
 * configuration error with the message.
 */
export function resolveHashAlgorithm(
  value: unknown,
  fail: (message: string) => never,
): HashAlgorithm {
  if (value === undefined) return "scrypt";
  if (!HASH_ALGORITHMS.includes(value as HashAlgorithm)) {
    fail(
      `hashAlgorithm must be one of ${HASH_ALGORITHMS.map((a) => JSON.stringify(a)).join(", ")} (got ${
        typeof value === "string" ? JSON.stringify(value) : typeof value
      })`,
    );
  }
  return value as HashAlgorithm;
}

/** What a stored hash that verified was made with (drives rehash). */
export type StoredHash =
  | { readonly algorithm: "scrypt"; readonly params: ScryptParams }
  | { readonly algorithm: "hmac-sha256"; readonly params: HmacParams };

/** Outcome of checking a secret against a stored hash. */
export type StoredSecretCheck =
  { ok: true; hash: StoredHash } | { ok: false; reason: VerifySecretFailure };

const FAST_PREFIX = `$${HMAC_SHA256_ID}$`;

/**
 * Whether `phc` names the fast hash. Only a prefix test: the string is still parsed strictly
 * when it is used, and anything else goes to the scrypt parser, which answers
 * `unsupported_algorithm` for ids it does not know.
 */
export function isFastHash(phc: string): boolean {
  return phc.startsWith(FAST_PREFIX);
}

/** The answer verify would give a stored string before hashing, under `maxmem`. Never throws. */
export function inspectStoredPhc(
  phc: string,
  options: VerifySecretOptions,
): { ok: true } | Extract<InspectPhcResult, { ok: false }> {
  return isFastHash(phc) ? inspectHmacPhc(phc) : inspectPhc(phc, options);
}

/** Checks `secret` against a stored hash of either algorithm. Never throws for any `phc`. */
export async function checkStoredSecret(
  secret: Uint8Array,
  phc: string,
  options: VerifySecretOptions,
): Promise<StoredSecretCheck> {
  if (isFastHash(phc)) {
    const checked = await verifySecretHmac(secret, phc);
    return checked.ok
      ? { ok: true, hash: { algorithm: "hmac-sha256", params: checked.params } }
      : checked;
  }
  const checked = await verifySecret(secret, phc, options);
  return checked.ok ? { ok: true, hash: { algorithm: "scrypt", params: checked.params } } : checked;
}

/** A new hash of `secret` with `algorithm` (scrypt: all of `options`; fast hash: the salt length). */
export function hashNewSecret(
  secret: Uint8Array,
  algorithm: HashAlgorithm,
  options: HashSecretOptions,
): Promise<string> {
  return algorithm === "scrypt"
    ? hashSecret(secret, options)
    : hashSecretHmac(secret, { saltLength: options.saltLength ?? 16 });
}
