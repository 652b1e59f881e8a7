/**
 * Checks {@link ScanOptions} the same way in every adapter, before any storage work.
 */
import { InvalidInputError } from "../errors.js";
import type { ScanOptions } from "../port.js";

/** Page size of the memory adapter when the caller gives none (DynamoDB sizes its own pages). */
export const DEFAULT_PAGE_SIZE = 100;

/** Throws `INVALID_INPUT` naming the option that is wrong. */
export function checkScanOptions(options: ScanOptions): void {
  const { pageSize, afterTokenId, hasRole } = options;
  if (pageSize !== undefined && (!Number.isSafeInteger(pageSize) || pageSize < 1)) {
    throw new InvalidInputError("pageSize must be a positive integer");
  }
  if (afterTokenId !== undefined && (typeof afterTokenId !== "string" || afterTokenId === "")) {
    throw new InvalidInputError("afterTokenId must be a non-empty string");
  }
  if (hasRole !== undefined && (typeof hasRole !== "string" || hasRole === "")) {
    throw new InvalidInputError("hasRole must be a non-empty string");
  }
}
