/**
 * Whether a `secretPhc` is one this instance can store and verify: a string that fits a stored
 * record (@pat/store's `MAX_SECRET_PHC_LENGTH`) and that @pat/crypto accepts: a scrypt PHC string
 * whose parameters are within bounds and the configured `maxmem` (`inspectPhc`), or a fast-hash
 * string (`inspectHmacPhc`), whatever the configured `hashAlgorithm` (verify reads the
 * algorithm from the string). Checked
 * before `register`, `update` or a configured `bootstrapPhc` is used, so nothing is stored that
 * verify would refuse. The answer is verify's reason, never the string itself.
 */

import { InvalidInputError, MAX_SECRET_PHC_LENGTH } from "@pat/store";
import { inspectStoredPhc } from "./stored-hash.js";

/**
 * Why `value` is not a PHC string verify can use with this `maxmem` (undefined: @pat/crypto's
 * default budget), or `undefined` when it is one: `invalid_phc`, `unsupported_algorithm` or
 * `invalid_parameters`, with a detail for a non-string or a string over the record's limit.
 */
export function phcProblem(value: unknown, maxmem: number | undefined): string | undefined {
  if (typeof value !== "string") return `invalid_phc (expected a string, got ${typeof value})`;
  if (value.length > MAX_SECRET_PHC_LENGTH) {
    return `invalid_phc (at most ${MAX_SECRET_PHC_LENGTH} characters, got ${value.length})`;
  }
  const inspected = inspectStoredPhc(value, maxmem === undefined ? {} : { maxmem });
  return inspected.ok ? undefined : inspected.reason;
}

/**
 * Throws `INVALID_INPUT` unless `value` is a PHC string verify can use (see {@link phcProblem}),
 * with @access-tokens/core's message `Invalid secret PHC string: <reason>`.
 */
export function checkPhc(value: unknown, maxmem: number | undefined): asserts value is string {
  const problem = phcProblem(value, maxmem);
  if (problem !== undefined) throw new InvalidInputError(`Invalid secret PHC string: ${problem}`);
}
