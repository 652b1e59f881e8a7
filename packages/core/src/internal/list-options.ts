/**
 * The options of `list` and `listByOwner`: checked when the method is called (before the first
 * page is read), turned into the store's scan options, and applied to the records the store
 * yields (the `limit`, and the view: with or without `secretPhc`).
 */
import {
  checkBoolean,
  checkRole,
  checkTokenId,
  copyRecord,
  toPublicRecord,
  type PublicTokenRecord,
  type ScanOptions,
  type TokenRecord,
} from "@pat/store";
import { checkCount } from "./arguments.js";
import { LIST_KEYS, ownKnownKeys } from "./known-keys.js";
import { checkStateFilter } from "./list-state.js";
import type { ListOptions } from "./types.js";

/** {@link ListOptions} after checking. */
export interface CheckedListOptions {
  /** What to ask of the store. */
  readonly scan: ScanOptions;
  /** Most records to yield; undefined: all. */
  readonly limit: number | undefined;
  readonly includeSecretPhc: boolean;
}

/**
 * Checks `options` and derives the store's page size. Throws `INVALID_INPUT` naming the option.
 * With no `batchLimit`, DynamoDB sizes its own pages (up to 1 MB, the fewest requests); without a
 * `hasRole` or state filter a page never needs more than the records still wanted, so `limit`
 * caps it. `now` (Unix seconds, the instance's clock) is the time a `state` filter is judged at.
 */
export function checkListOptions(
  input: ListOptions,
  now: () => number = () => Math.floor(Date.now() / 1000),
): CheckedListOptions {
  const options = ownKnownKeys(input, LIST_KEYS, "list options", "input");
  const { afterTokenId, limit, includeSecretPhc, hasRole, batchLimit } = options;
  if (afterTokenId !== undefined) checkTokenId(afterTokenId, "afterTokenId");
  if (hasRole !== undefined) checkRole(hasRole, "hasRole");
  const stateFilter = checkStateFilter(options, now);
  checkBoolean(includeSecretPhc, "includeSecretPhc");
  if (limit !== undefined) checkCount(limit, "limit", 0);
  if (batchLimit !== undefined) checkCount(batchLimit, "batchLimit", 1);
  let pageSize = batchLimit;
  if (limit !== undefined && limit > 0 && hasRole === undefined && stateFilter === undefined) {
    pageSize = Math.min(limit, pageSize ?? limit);
  }
  return {
    scan: {
      ...(afterTokenId === undefined ? {} : { afterTokenId }),
      ...(hasRole === undefined ? {} : { hasRole }),
      ...stateFilter,
      ...(pageSize === undefined ? {} : { pageSize }),
    },
    limit,
    includeSecretPhc: includeSecretPhc === true,
  };
}

/** The records of `source` as `list` yields them: at most `limit`, each a fresh view. */
export async function* listedRecords(
  source: AsyncIterable<TokenRecord>,
  options: CheckedListOptions,
): AsyncGenerator<PublicTokenRecord, void, undefined> {
  if (options.limit === 0) return;
  const view = options.includeSecretPhc ? copyRecord : toPublicRecord;
  let yielded = 0;
  for await (const record of source) {
    yield view(record);
    yielded += 1;
    if (options.limit !== undefined && yielded >= options.limit) return;
  }
}
