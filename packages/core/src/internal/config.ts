/**
 * Construction-time validation of `Pat` options. Every bad option throws `InvalidConfigError`
 * (`INVALID_CONFIG`) naming the option and the rule, so a misconfiguration fails at start-up and
 * not on the first request. The scrypt parameters are checked by @pat/crypto's own rule, the one
 * `verifySecret` applies to stored hashes (same bounds, same `maxmem`), so every hash this
 * instance makes is one it can verify; their PHC string must also fit a stored record.
 */
import {
  CryptoError,
  SCRYPT_PARAM_BOUNDS as B,
  checkHashOptions,
  isValidPrefix,
  scryptPhcLength,
  type ScryptParamLabels,
  type ScryptParams,
} from "@pat/crypto";
import {
  InvalidConfigError,
  MAX_SECRET_PHC_LENGTH as MAX_PHC,
  describeValue,
  type TokenStore,
} from "@pat/store";
import type { PatOptions } from "./types.js";
import {
  PAT_OPTIONS_KEYS,
  SCRYPT_OPTIONS_KEYS,
  VERIFY_CACHE_KEYS,
  ownKnownKeys,
} from "./known-keys.js";
import { resolvePolicies, type TokenPolicies } from "./policies.js";
import { phcProblem } from "./secret-phc.js";
import { resolveHashAlgorithm, type HashAlgorithm } from "./stored-hash.js";

/** The parameters of new hashes, and the memory budget of every hash and verify. */
export interface HashParams extends Readonly<ScryptParams> {
  /** undefined: @pat/crypto's default budget. */
  readonly maxmem: number | undefined;
}

/** Fully resolved configuration of one `Pat`. */
export interface PatConfig {
  readonly store: TokenStore;
  readonly tokenPrefix: string;
  readonly hash: HashParams;
  /** The algorithm of new hashes (`hashAlgorithm`). */
  readonly hashAlgorithm: HashAlgorithm;
  readonly bootstrapPhc: string | undefined;
  readonly lastUsedResolutionSeconds: number;
  readonly verifyCacheEntries: number;
  readonly rehash: boolean;
  readonly clock: () => number;
  readonly policies: TokenPolicies;
}

/** Default number of verified-secret memo entries. */
export const DEFAULT_VERIFY_CACHE_ENTRIES = 10_000;
/** Default token prefix. */
export const DEFAULT_TOKEN_PREFIX = "pat_";

const STORE_METHODS = [
  "create",
  "get",
  "update",
  "revoke",
  "restore",
  "touch",
  "scan",
  "queryByOwner",
  "batchGet",
  "approximateCount",
  "isEmpty",
  "createFirst",
] as const;

/** Smallest salt of a new hash, in bytes (a stored hash may have a shorter one). */
const MIN_SALT_LENGTH = 16;

/** The names of the hash parameters in `Pat`'s options, for messages. */
const SCRYPT_OPTION_NAMES: ScryptParamLabels = {
  cost: "scryptOptions.cost",
  blockSize: "scryptOptions.blockSize",
  parallelization: "scryptOptions.parallelization",
  maxmem: "scryptOptions.maxmem",
};

function fail(message: string, cause?: unknown): never {
  throw new InvalidConfigError(message, cause === undefined ? undefined : { cause });
}

/** `object` without its undefined properties (an explicit `undefined` means the default). */
function definedOnly<T extends object>(object: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

function integerIn(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max} (got ${describeValue(value)})`);
  }
  return value;
}

/**
 * The hash parameters of `options`, checked by @pat/crypto's rule for the parameters of a PHC hash
 * (the one `hashSecret` and `verifySecret` apply: each bound, the work N·r·p and the memory need
 * 128·r·(N+p+2) against `maxmem`, printed with both numbers), plus two rules of this package: a
 * new hash has a salt of at least 16 bytes, and its PHC string fits a stored record.
 */
function resolveHashParams(options: PatOptions): HashParams {
  const given = options.scryptOptions ?? {};
  if (typeof given !== "object" || given === null) fail("scryptOptions must be an object");
  const scrypt = ownKnownKeys(given, SCRYPT_OPTIONS_KEYS, "scryptOptions", "config");
  const { saltLength } = options;
  if (saltLength !== undefined) {
    integerIn(saltLength, "saltLength", MIN_SALT_LENGTH, B.saltLength.max);
  }
  let checked: ScryptParams & { maxmem: number };
  try {
    checked = checkHashOptions(
      {
        ...definedOnly(scrypt),
        ...definedOnly({ keyLength: options.keyLength, saltLength }),
      },
      SCRYPT_OPTION_NAMES,
    );
  } catch (error) {
    if (error instanceof TypeError || error instanceof CryptoError) fail(error.message, error);
    throw error;
  }
  const { maxmem, ...params } = checked;
  const length = scryptPhcLength(params);
  if (length > MAX_PHC) {
    fail(
      `keyLength ${params.keyLength} and saltLength ${params.saltLength} make PHC strings of ${length} characters; a stored record allows ${MAX_PHC}`,
    );
  }
  return { ...params, maxmem: scrypt.maxmem === undefined ? undefined : maxmem };
}

/**
 * Whether hashes made with `params` are ones this instance's verify accepts (the rule of
 * {@link resolveHashParams}, under `maxmem`; undefined: @pat/crypto's default budget) and that fit
 * a stored record.
 */
export function withinVerifyBounds(params: ScryptParams, maxmem: number | undefined): boolean {
  try {
    checkHashOptions({ ...params, ...(maxmem === undefined ? {} : { maxmem }) });
  } catch {
    return false;
  }
  return scryptPhcLength(params) <= MAX_PHC;
}

/** Validates `options` and fills in defaults. Throws `InvalidConfigError`. */
export function resolvePatConfig(input: PatOptions): PatConfig {
  if (typeof input !== "object" || input === null) fail("options must be an object");
  const options = ownKnownKeys(input, PAT_OPTIONS_KEYS, "options", "config");
  const { store } = options;
  if (typeof store !== "object" || store === null) {
    fail("store must be a TokenStore (e.g. new MemoryTokenStore())");
  }
  for (const method of STORE_METHODS) {
    if (typeof (store as unknown as Record<string, unknown>)[method] !== "function") {
      fail(`store must be a TokenStore: it has no ${method}() method`);
    }
  }

  const tokenPrefix = options.tokenPrefix ?? DEFAULT_TOKEN_PREFIX;
  if (typeof tokenPrefix !== "string" || !isValidPrefix(tokenPrefix)) {
    // Never the value itself: a token passed as the prefix by mistake must not be echoed.
    fail(
      `tokenPrefix must be 1-32 characters of [A-Za-z0-9_-] (got ${describeValue(tokenPrefix)})`,
    );
  }

  const hash = resolveHashParams(options);
  const { maxmem } = hash;
  const hashAlgorithm = resolveHashAlgorithm(options.hashAlgorithm, fail);

  const { bootstrapPhc } = options;
  if (bootstrapPhc !== undefined) {
    // @access-tokens/core's words, so code that matched them keeps working.
    const problem = phcProblem(bootstrapPhc, maxmem);
    if (problem !== undefined) fail(`Invalid bootstrap PHC string: ${problem}`);
  }

  const lastUsedResolutionSeconds = integerIn(
    options.lastUsedResolutionSeconds ?? 0,
    "lastUsedResolutionSeconds",
    0,
    Number.MAX_SAFE_INTEGER,
  );

  let verifyCacheEntries = DEFAULT_VERIFY_CACHE_ENTRIES;
  const { verifyCache } = options;
  if (verifyCache === false) {
    verifyCacheEntries = 0;
  } else if (verifyCache !== undefined) {
    if (typeof verifyCache !== "object" || verifyCache === null) {
      fail("verifyCache must be { maxEntries } or false");
    }
    const { maxEntries } = ownKnownKeys(verifyCache, VERIFY_CACHE_KEYS, "verifyCache", "config");
    verifyCacheEntries = integerIn(maxEntries, "verifyCache.maxEntries", 1, 10_000_000);
  }

  const rehash = options.rehash ?? false;
  if (typeof rehash !== "boolean") fail(`rehash must be a boolean (got ${typeof rehash})`);
  const clock = options.clock ?? Date.now;
  if (typeof clock !== "function") fail(`clock must be a function returning milliseconds`);

  return {
    store,
    tokenPrefix,
    hash,
    hashAlgorithm,
    bootstrapPhc,
    lastUsedResolutionSeconds,
    verifyCacheEntries,
    rehash,
    clock,
    policies: resolvePolicies(options),
  };
}
