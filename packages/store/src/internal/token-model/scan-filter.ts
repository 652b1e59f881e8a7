/**
 * The record filters of a listing beyond the role (`ScanOptions.state`, `expiringBefore`), as one
 * predicate: the memory adapter filters with it, and the DynamoDB adapter applies it to what its
 * FilterExpression let through, so both yield exactly the same records whatever the storage
 * could express. A state is judged by `tokenStatus` at the caller's `now`.
 */
import type { ScanOptions, TokenRecord } from "../../port.js";
import { tokenStatus } from "./views.js";

/**
 * Whether `record` passes the `hasRole`, `state` and `expiringBefore` filters of `options`
 * (already checked by `checkScanOptions`).
 *
 * @example
 * ```ts
 * matchesScan(record, { state: "active", now: 1767225600 });
 * ```
 */
export function matchesScan(record: TokenRecord, options: ScanOptions): boolean {
  if (options.hasRole !== undefined && !record.roles?.includes(options.hasRole)) return false;
  if (options.state !== undefined && tokenStatus(record, options.now ?? 0) !== options.state) {
    return false;
  }
  if (options.expiringBefore !== undefined) {
    if (typeof record.expiresAt !== "number" || record.expiresAt >= options.expiringBefore) {
      return false;
    }
  }
  return true;
}
