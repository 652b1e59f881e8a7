/**
 * The keys each argument object and options object accepts, and the one check that refuses any
 * other. A misspelt or invented key (`issue({ owner, admin: true })`, `update(id, { expiresAT })`)
 * would otherwise be ignored silently and the call would do something else than asked (a
 * non-admin token, an update that changes nothing), so an unknown key is `INVALID_INPUT` (method
 * arguments) or `INVALID_CONFIG` (constructor options), naming the key, never a value.
 *
 * Only own enumerable properties count, and the checked object handed on holds only those: a key
 * inherited through the prototype (an `owner` on `Object.prototype`, or on an object made with
 * `Object.create`) is not read, so it is refused as missing before any hashing or storage call.
 *
 * Each list holds every key `@access-tokens/core` 1.x accepts for the same call (so code written
 * for it keeps working unchanged) plus this library's own additions. A new option is one more
 * name in one list here.
 */
import { InvalidConfigError, InvalidInputError } from "@pat/store";

/** `generate(params)`: as in `@access-tokens/core`. */
export const GENERATE_KEYS = ["tokenId"] as const;
/** The optional labels of a token (this library's): accepted by `issue`, `register`, `update`. */
export const LABEL_KEYS = ["name", "description", "metadata"] as const;
/** `issue(params)`: `@access-tokens/core`'s keys, then the labels. */
export const ISSUE_KEYS = [
  "owner",
  "isAdmin",
  "roles",
  "expiresAt",
  "tokenId",
  ...LABEL_KEYS,
] as const;
/** `register(params)`: `@access-tokens/core`'s keys, then the labels. */
export const REGISTER_KEYS = [
  "tokenId",
  "secretPhc",
  "owner",
  "isAdmin",
  "roles",
  "expiresAt",
  ...LABEL_KEYS,
] as const;
/**
 * `update(tokenId, updates)`: `@access-tokens/core`'s keys (`expiresAt: null` clears), then the
 * labels (`null` clears one).
 */
export const UPDATE_KEYS = [
  "owner",
  "isAdmin",
  "roles",
  "secretPhc",
  "expiresAt",
  ...LABEL_KEYS,
] as const;
/** `update`'s `roles` when it is an object: `{ add }` or `{ remove }`, as in `@access-tokens/core`. */
export const ROLES_UPDATE_KEYS = ["add", "remove"] as const;
/** `revoke(tokenId, options)`: as in `@access-tokens/core`. */
export const REVOKE_KEYS = ["expiresAt"] as const;
/**
 * `list(options)` and `listByOwner(owner, options)`: `@access-tokens/core`'s keys, then the
 * state filters.
 */
export const LIST_KEYS = [
  "afterTokenId",
  "limit",
  "includeSecretPhc",
  "hasRole",
  "batchLimit",
  "state",
  "expiringBefore",
] as const;
/** `rotate(tokenId, options)` (this library's). */
export const ROTATE_KEYS = ["graceSeconds", "untilFirstUse"] as const;
/** `batchLoad(ids, options)`: as in `@access-tokens/core`. */
export const BATCH_LOAD_KEYS = ["includeSecretPhc"] as const;
/** `bootstrap(token, params)`: as in `@access-tokens/core`. */
export const BOOTSTRAP_KEYS = ["owner"] as const;

/** `scryptOptions` of the constructors: `@access-tokens/core`'s `CanonicalScryptOptions`. */
export const SCRYPT_OPTIONS_KEYS = ["cost", "blockSize", "parallelization", "maxmem"] as const;
/** `verifyCache` of the constructors (this library's). */
export const VERIFY_CACHE_KEYS = ["maxEntries"] as const;
/**
 * `new Pat(options)`: `@access-tokens/core`'s hashing options (`tokenPrefix`, `keyLength`,
 * `saltLength`, `scryptOptions`, `bootstrapPhc`), then this library's.
 */
export const PAT_OPTIONS_KEYS = [
  "tokenPrefix",
  "keyLength",
  "saltLength",
  "scryptOptions",
  "bootstrapPhc",
  "store",
  "lastUsedResolutionSeconds",
  "verifyCache",
  "rehash",
  "clock",
  "hashAlgorithm",
  "tokenFormat",
  "maxLifetimeSeconds",
  "requireExpiry",
  "onEvent",
  "onEventError",
  "telemetry",
] as const;
/**
 * `new DynamoDBPat(options)`: `@access-tokens/core`'s `DynamoDBPatConfig` (`tableName`,
 * `ddbClient`, `docClient` and the hashing options), then this library's, less `store` (the
 * façade builds it).
 */
export const DYNAMODB_PAT_OPTIONS_KEYS = [
  "tableName",
  "ddbClient",
  "docClient",
  ...PAT_OPTIONS_KEYS.filter((key) => key !== "store"),
  "ownerIndexName",
  "consistentRead",
  "batchGetConcurrency",
] as const;

/** A key as a message may show it: short and plain, else only its length. */
function keyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]{0,39}$/.test(key)
    ? `"${key}"`
    : `(a key of ${key.length} characters, not shown)`;
}

/**
 * The own enumerable properties of `value` whose keys are in `allowed`, as a new object without
 * a prototype; throws if `value` is not an object or has any other own key (see the module
 * comment). `kind` chooses the error: `"input"` → `INVALID_INPUT`, `"config"` →
 * `INVALID_CONFIG`.
 *
 * @example
 * ```ts
 * const params = ownKnownKeys(input, ISSUE_KEYS, "issue params", "input");
 * // issue({ owner: "a", admin: true }) → INVALID_INPUT: issue params has an unknown key "admin" (…)
 * ```
 */
export function ownKnownKeys<T extends object>(
  value: T,
  allowed: readonly string[],
  name: string,
  kind: "input" | "config",
): T {
  const Err = kind === "input" ? InvalidInputError : InvalidConfigError;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    throw new Err(`${name} must be an object (got ${got})`);
  }
  const own: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new Err(`${name} has an unknown key ${keyName(key)} (accepted: ${allowed.join(", ")})`);
    }
    own[key] = (value as Record<string, unknown>)[key];
  }
  return own as T;
}
