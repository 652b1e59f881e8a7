/**
 * The checks of scrypt parameters, each rule written once: RFC 7914's own limits for the raw
 * `scrypt()` (N a power of two above 1 and below 2^(16·r), section 2; r ≥ 1, p ≥ 1 with
 * p·r < 2^30; dkLen ≥ 1), the tighter {@link SCRYPT_PARAM_BOUNDS} for PHC hashing (options of
 * `hashSecret` and parameters read from a stored PHC string alike), and the memory need
 * ({@link scryptMemory}) against the `maxmem` budget, whose message always gives both numbers.
 * Everything is checked before anything is allocated. Wrong JavaScript types are `TypeError`s;
 * values out of range are CryptoError `INVALID_PARAMETERS` naming the parameter and the bound.
 */
import { invalidParameters } from "./errors.js";
import {
  DEFAULT_MAXMEM,
  DEFAULT_SCRYPT_PARAMS,
  SCRYPT_PARAM_BOUNDS,
  scryptMemory,
  type RawScryptParams,
  type ScryptParams,
} from "./scrypt-params.js";

/**
 * Names under which a caller knows the parameters of {@link checkHashOptions}, for its messages
 * (e.g. `{ cost: "scryptOptions.cost" }`); a name not given is the option's own.
 */
export type ScryptParamLabels = {
  readonly [K in keyof ScryptParams | "maxmem"]?: string;
};

/** {@link ScryptParams} (each optional, defaults {@link DEFAULT_SCRYPT_PARAMS}) and a budget. */
export interface HashParamsOptions {
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
}

const OWN_NAMES: Required<ScryptParamLabels> = {
  cost: "cost",
  blockSize: "blockSize",
  parallelization: "parallelization",
  keyLength: "keyLength",
  saltLength: "saltLength",
  maxmem: "maxmem",
};

function inRange(value: unknown, bound: { min: number; max: number }): value is number {
  return (
    typeof value === "number" && Number.isInteger(value) && value >= bound.min && value <= bound.max
  );
}

/** `maxmem` or its default; throws TypeError or `INVALID_PARAMETERS` unless a positive integer. */
export function checkMaxmem(maxmem: unknown, label = "maxmem"): number {
  if (maxmem === undefined) return DEFAULT_MAXMEM;
  if (typeof maxmem !== "number") throw new TypeError(`${label} must be a number`);
  if (!Number.isSafeInteger(maxmem) || maxmem < 1) {
    throw invalidParameters(`${label} must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}`);
  }
  return maxmem;
}

/** Why N, r, p do not fit in `maxmem` (both numbers given), or `undefined` when they do. */
function memoryProblem(N: number, r: number, p: number, maxmem: number): string | undefined {
  const need = scryptMemory(N, r, p);
  return need > maxmem
    ? `scrypt needs ${need} bytes (128 * r * (N + p + 2)) but maxmem is ${maxmem} bytes`
    : undefined;
}

function checkInteger(value: unknown, name: string, min: number, max: number): void {
  if (typeof value !== "number") throw new TypeError(`${name} must be a number`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidParameters(`${name} must be an integer from ${min} to ${max}`);
  }
}

/** Upper bound on dkLen accepted by this library (RFC 7914 allows up to (2^32-1)·32). */
const MAX_DK_LEN = 1 << 20;

/**
 * Checks the parameters of the raw `scrypt()` against RFC 7914 and the memory budget (the PHC
 * bounds do not apply there); throws TypeError or CryptoError `INVALID_PARAMETERS`.
 */
export function checkRawScryptParams(params: RawScryptParams, maxmem: unknown): number {
  const budget = checkMaxmem(maxmem);
  checkInteger(params.r, "r", 1, 2 ** 30 - 1);
  checkInteger(params.p, "p", 1, 2 ** 30 - 1);
  checkInteger(params.dkLen, "dkLen", 1, MAX_DK_LEN);
  checkInteger(params.N, "N", 2, 2 ** 32);
  const { N, r, p } = params;
  if (!Number.isInteger(Math.log2(N))) {
    throw invalidParameters("N must be a power of two greater than 1");
  }
  if (r * p >= 2 ** 30) throw invalidParameters("r * p must be below 2^30 (RFC 7914)");
  if (16 * r < 53 && N >= 2 ** (16 * r)) {
    throw invalidParameters(`N must be below 2^(16 * r) = ${2 ** (16 * r)} (RFC 7914)`);
  }
  const memory = memoryProblem(N, r, p, budget);
  if (memory !== undefined) throw invalidParameters(memory);
  return budget;
}

/**
 * Why `params` break {@link SCRYPT_PARAM_BOUNDS} or the memory budget, or `undefined` when they
 * are fine: the one rule for the parameters of a PHC hash, whether given to `hashSecret` or read
 * from a stored string. Checked in this order: each parameter's bound, N < 2^(16·r) (RFC 7914
 * section 2), the work N·r·p, the memory need.
 */
export function hashParamsProblem(
  params: ScryptParams,
  maxmem: number,
  labels: Required<ScryptParamLabels> = OWN_NAMES,
): string | undefined {
  const b = SCRYPT_PARAM_BOUNDS;
  const { cost, blockSize, parallelization } = params;
  const ln = Math.log2(cost);
  if (!inRange(ln, b.ln)) {
    return `${labels.cost} must be a power of two from ${2 ** b.ln.min} to ${2 ** b.ln.max}`;
  }
  const integers = [
    ["blockSize", b.r],
    ["parallelization", b.p],
    ["keyLength", b.keyLength],
    ["saltLength", b.saltLength],
  ] as const;
  for (const [name, bound] of integers) {
    if (!inRange(params[name], bound)) {
      return `${labels[name]} must be an integer from ${bound.min} to ${bound.max}`;
    }
  }
  if (ln >= 16 * blockSize) {
    return `${labels.cost} must be below 2^(16 * ${labels.blockSize}) (RFC 7914)`;
  }
  const work = cost * blockSize * parallelization;
  if (work > b.work.max) {
    return `scrypt work N * r * p = ${work} is above ${b.work.max} (SCRYPT_PARAM_BOUNDS.work)`;
  }
  return memoryProblem(cost, blockSize, parallelization, maxmem);
}

function numberOr(value: unknown, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") throw new TypeError(`${label} must be a number`);
  return value;
}

/**
 * Checks the parameters of a PHC hash and fills in the defaults: the rule `hashSecret` applies
 * to its options and `verifySecret` / `inspectPhc` apply to a stored string, so parameters that
 * pass are exactly those whose hashes verify under the same `maxmem`. Each parameter within
 * {@link SCRYPT_PARAM_BOUNDS}, N < 2^(16·r) (RFC 7914), the work N·r·p at most
 * `SCRYPT_PARAM_BOUNDS.work.max`, and the memory 128·r·(N+p+2) within `maxmem`. `labels` renames
 * the parameters in messages.
 *
 * @throws TypeError when `options` is not an object or a given parameter is not a number;
 *   CryptoError `INVALID_PARAMETERS` naming the parameter and the bound (for memory, both the
 *   need and the budget in bytes).
 * @example
 * ```ts
 * checkHashOptions({ cost: 2 ** 15 }); // { cost: 32768, blockSize: 8, ..., maxmem: 67108864 }
 * checkHashOptions({ cost: 2 ** 16, maxmem: 2 ** 26 });
 * // throws INVALID_PARAMETERS "scrypt needs 67111936 bytes (128 * r * (N + p + 2)) but maxmem is 67108864 bytes"
 * ```
 */
export function checkHashOptions(
  options: HashParamsOptions,
  labels: ScryptParamLabels = {},
): ScryptParams & { maxmem: number } {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("options must be an object");
  }
  const names = { ...OWN_NAMES, ...labels };
  const d = DEFAULT_SCRYPT_PARAMS;
  const params: ScryptParams = {
    cost: numberOr(options.cost, d.cost, names.cost),
    blockSize: numberOr(options.blockSize, d.blockSize, names.blockSize),
    parallelization: numberOr(options.parallelization, d.parallelization, names.parallelization),
    keyLength: numberOr(options.keyLength, d.keyLength, names.keyLength),
    saltLength: numberOr(options.saltLength, d.saltLength, names.saltLength),
  };
  const maxmem = checkMaxmem(options.maxmem, names.maxmem);
  const problem = hashParamsProblem(params, maxmem, names);
  if (problem !== undefined) throw invalidParameters(problem);
  return { ...params, maxmem };
}
