/**
 * The checker of a list of token ids given as any iterable (an array, a Set, a generator). It
 * reads the iterable lazily and checks each id as it comes, so a malformed id is refused before
 * the rest is read, and it stops at {@link MAX_BATCH_IDS}: an endless generator is refused after
 * that many reads instead of filling the heap. Messages name the position (`tokenIds[7]`) and the
 * bound, never an id beyond the one at fault (and that one by its length only).
 */
import { InvalidInputError } from "../../errors.js";
import { checkTokenId, describeValue, type CheckErrorClass } from "./checks.js";
import { MAX_BATCH_IDS } from "./limits.js";

/**
 * Reads `value`, an iterable (not a string) of token ids, into a fresh array: each id checked as
 * it is read, at most {@link MAX_BATCH_IDS} of them. Stops reading (closing the iterator) at the
 * first id that fails.
 *
 * @throws `Err` (default InvalidInputError, `INVALID_INPUT`): `tokenIds must be an iterable of
 *   token ids`, `tokenIds[3] must be 21 characters of [A-Za-z0-9] (...)`, or
 *   `tokenIds must hold at most 10000 token ids (got more)`.
 * @example
 * ```ts
 * checkTokenIdList(new Set([idA, idB])); // [idA, idB]
 * checkTokenIdList((function* () { for (;;) yield idA; })()); // throws after 10 000 reads
 * ```
 */
export function checkTokenIdList(
  value: unknown,
  name = "tokenIds",
  Err: CheckErrorClass = InvalidInputError,
): string[] {
  if (
    typeof value !== "object" ||
    value === null ||
    typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] !== "function"
  ) {
    throw new Err(
      `${name} must be an iterable of token ids, such as an array or a Set (got ${describeValue(value)})`,
    );
  }
  const ids: string[] = [];
  for (const id of value as Iterable<unknown>) {
    if (ids.length === MAX_BATCH_IDS) {
      throw new Err(`${name} must hold at most ${MAX_BATCH_IDS} token ids (got more)`);
    }
    checkTokenId(id, `${name}[${ids.length}]`, Err);
    ids.push(id);
  }
  return ids;
}
