/**
 * Whether a `secretPhc` is one this instance can store and verify: a string that fits a stored
 * record (@pat/store's `MAX_SECRET_PHC_LENGTH`) and that @pat/crypto's `inspectPhc` accepts under
 * the configured `maxmem` (a scrypt PHC string, parameters within bounds and budget). Checked
 * before `register`, `update` or a configured `bootstrapPhc` is used, so nothing is stored that
 * verify would refuse. The answer is verify's reason, never the string itself.
 */
import { inspectPhc } from "@pat/crypto";
import { InvalidInputError, MAX_SECRET_PHC_LENGTH } from "@pat/store";

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
  const inspected = inspectPhc(value, maxmem === undefined ? {} : { maxmem });
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
