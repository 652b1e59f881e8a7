/**
 * Construction-time validation of `Pat` options. Every bad option throws `InvalidConfigError`
 * (`INVALID_CONFIG`) naming the option and the rule, so a misconfiguration fails at start-up and
 * not on the first request. Besides each option's own range, the scrypt parameters are checked as
 * a whole: the PHC string they produce must fit the 200-character limit of a stored record, and
 * must be accepted by `verifySecret` (same bounds, same `maxmem`), or every issued token would be
 * unverifiable.
 */
import {
  DEFAULT_MAXMEM,
  DEFAULT_SCRYPT_PARAMS,
  SCRYPT_PARAM_BOUNDS as B,
  inspectPhc,
  isValidPrefix,
  type ScryptParams,
} from "@pat/crypto";
import { InvalidConfigError, MAX_SECRET_PHC_LENGTH as MAX_PHC, type TokenStore } from "@pat/store";
import type { PatOptions } from "./types.js";
import { phcProblem } from "./validate.js";

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
  readonly bootstrapPhc: string | undefined;
  readonly lastUsedResolutionSeconds: number;
  readonly verifyCacheEntries: number;
  readonly rehash: boolean;
  readonly clock: () => number;
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

function fail(message: string): never {
  throw new InvalidConfigError(message);
}

function integerIn(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}

/** Unpadded base64 length of `n` bytes (PHC B64). */
function b64Length(n: number): number {
  return Math.ceil((n * 4) / 3);
}

/** Length of the PHC strings that scrypt parameters produce (`$scrypt$ln=…,r=…,p=…$salt$hash`). */
export function phcLength(params: {
  cost: number;
  blockSize: number;
  parallelization: number;
  keyLength: number;
  saltLength: number;
}): number {
  const head = `$scrypt$ln=${Math.log2(params.cost)},r=${params.blockSize},p=${params.parallelization}`;
  return head.length + 1 + b64Length(params.saltLength) + 1 + b64Length(params.keyLength);
}

/**
 * Whether hashes made with `params` are within what verify accepts under `maxmem` (memory, the
 * work bound) and fit a stored record.
 */
export function withinVerifyBounds(params: ScryptParams, maxmem: number | undefined): boolean {
  const { cost: n, blockSize: r, parallelization: p } = params;
  if (128 * r * (n + p + 2) > (maxmem ?? DEFAULT_MAXMEM)) return false;
  if (n * r * p > B.work.max) return false;
  return phcLength(params) <= MAX_PHC;
}

/** Validates `options` and fills in defaults. Throws `InvalidConfigError`. */
export function resolvePatConfig(options: PatOptions): PatConfig {
  if (typeof options !== "object" || options === null) fail("options must be an object");
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
    fail(
      `tokenPrefix must be 1-32 characters of [A-Za-z0-9_-] (got ${
        typeof tokenPrefix === "string" ? JSON.stringify(tokenPrefix) : typeof tokenPrefix
      })`,
    );
  }

  const scrypt = options.scryptOptions ?? {};
  if (typeof scrypt !== "object" || scrypt === null) fail("scryptOptions must be an object");
  const cost = integerIn(
    scrypt.cost ?? DEFAULT_SCRYPT_PARAMS.cost,
    "scryptOptions.cost",
    2 ** B.ln.min,
    2 ** B.ln.max,
  );
  if (!Number.isInteger(Math.log2(cost))) {
    fail(`scryptOptions.cost must be a power of two (got ${cost})`);
  }
  const blockSize = integerIn(
    scrypt.blockSize ?? DEFAULT_SCRYPT_PARAMS.blockSize,
    "scryptOptions.blockSize",
    B.r.min,
    B.r.max,
  );
  const parallelization = integerIn(
    scrypt.parallelization ?? DEFAULT_SCRYPT_PARAMS.parallelization,
    "scryptOptions.parallelization",
    B.p.min,
    B.p.max,
  );
  const work = cost * blockSize * parallelization;
  if (work > B.work.max) {
    fail(
      `scryptOptions: cost ${cost} × blockSize ${blockSize} × parallelization ${parallelization} = ${work}, above the work bound ${B.work.max} (SCRYPT_PARAM_BOUNDS.work) that verify enforces`,
    );
  }
  const maxmem =
    scrypt.maxmem === undefined
      ? undefined
      : integerIn(scrypt.maxmem, "scryptOptions.maxmem", 1024, Number.MAX_SAFE_INTEGER);
  if (maxmem !== undefined && 128 * cost * blockSize > maxmem) {
    fail(
      `scryptOptions: cost ${cost} and blockSize ${blockSize} need ${
        128 * cost * blockSize
      } bytes, more than maxmem ${maxmem}`,
    );
  }

  const keyLength = integerIn(
    options.keyLength ?? DEFAULT_SCRYPT_PARAMS.keyLength,
    "keyLength",
    Math.max(16, B.keyLength.min),
    B.keyLength.max,
  );
  const saltLength = integerIn(
    options.saltLength ?? DEFAULT_SCRYPT_PARAMS.saltLength,
    "saltLength",
    Math.max(16, B.saltLength.min),
    B.saltLength.max,
  );

  // The PHC string these parameters produce must fit a stored record and be verifiable.
  const head = `$scrypt$ln=${Math.log2(cost)},r=${blockSize},p=${parallelization}`;
  const sample = `${head}$${"A".repeat(b64Length(saltLength))}$${"A".repeat(b64Length(keyLength))}`;
  const length = phcLength({ cost, blockSize, parallelization, keyLength, saltLength });
  if (length > MAX_PHC) {
    fail(
      `keyLength ${keyLength} and saltLength ${saltLength} make PHC strings of ${length} characters; a stored record allows ${MAX_PHC}`,
    );
  }
  const inspected = inspectPhc(sample, maxmem === undefined ? {} : { maxmem });
  if (!inspected.ok) {
    fail(
      `scryptOptions/keyLength/saltLength describe hashes that verify would refuse (${inspected.reason})`,
    );
  }

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
    verifyCacheEntries = integerIn(verifyCache.maxEntries, "verifyCache.maxEntries", 1, 10_000_000);
  }

  const rehash = options.rehash ?? false;
  if (typeof rehash !== "boolean") fail(`rehash must be a boolean (got ${typeof rehash})`);
  const clock = options.clock ?? Date.now;
  if (typeof clock !== "function") fail(`clock must be a function returning milliseconds`);

  return {
    store,
    tokenPrefix,
    hash: { cost, blockSize, parallelization, keyLength, saltLength, maxmem },
    bootstrapPhc,
    lastUsedResolutionSeconds,
    verifyCacheEntries,
    rehash,
    clock,
  };
}
