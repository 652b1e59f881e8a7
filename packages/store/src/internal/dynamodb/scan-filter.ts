/**
 * The FilterExpression of a listing: `hasRole`, `state` and `expiringBefore` of `ScanOptions`
 * written for DynamoDB, so that records that do not match are dropped by DynamoDB and never
 * sent back (a filtered Scan still reads, and bills, every item it passes over). The records
 * that come back are checked once more by `matchesScan`, the memory adapter's predicate, so the
 * two adapters yield the same records.
 *
 * A revoked item has a numeric `revokedAt` (a NULL one, which nothing writes but
 * @access-tokens/core may, reads as not revoked) or is a rotated token whose `graceEndsAt` is at
 * or before `now` (as `tokenStatus` judges it); an expired one has a numeric `expiresAt` at or
 * before `now` (a comparison with a NULL or absent attribute is false in DynamoDB).
 */
import type { ScanOptions } from "../../port.js";

/** The filter parameters of a Scan or Query; empty when nothing is filtered. */
export interface ScanFilter {
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** The FilterExpression of `options` (already checked by `checkScanOptions`). */
export function scanFilter(options: ScanOptions): ScanFilter {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (options.hasRole !== undefined) {
    names["#roles"] = "roles";
    values[":role"] = options.hasRole;
    clauses.push("contains(#roles, :role)");
  }
  const revoked = "(attribute_type(#revokedAt, :number) OR #graceEndsAt <= :now)";
  const expiredAt = "(#expiresAt <= :now)";
  if (options.state !== undefined) {
    names["#revokedAt"] = "revokedAt";
    names["#graceEndsAt"] = "graceEndsAt";
    values[":number"] = "N";
    values[":now"] = options.now ?? 0;
    if (options.state === "revoked") clauses.push(revoked);
    else {
      names["#expiresAt"] = "expiresAt";
      clauses.push(`NOT ${revoked}`);
      clauses.push(options.state === "expired" ? expiredAt : `NOT ${expiredAt}`);
    }
  }
  if (options.expiringBefore !== undefined) {
    names["#expiresAt"] = "expiresAt";
    values[":before"] = options.expiringBefore;
    clauses.push("#expiresAt < :before");
  }
  if (clauses.length === 0) return {};
  return {
    FilterExpression: clauses.join(" AND "),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
