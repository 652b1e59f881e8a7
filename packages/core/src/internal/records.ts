/**
 * Views of a stored record for callers: without the hash (`list`, `batchLoad` by default), and
 * without the hash and the revoke time (`verify`, `bootstrap`). Fresh objects, never the store's.
 */
import type { TokenRecord } from "@pat/store";
import type { PublicTokenRecord, ValidTokenRecord } from "./types.js";

/** The record without `secretPhc`. */
export function toPublicRecord(record: TokenRecord): PublicTokenRecord {
  const { secretPhc: _secretPhc, roles, ...rest } = record;
  return { ...rest, roles: [...roles] };
}

/** The record without `secretPhc` and `revokedAt`, as verify answers it. */
export function toValidRecord(record: TokenRecord): ValidTokenRecord {
  const { secretPhc: _secretPhc, revokedAt: _revokedAt, roles, ...rest } = record;
  return { ...rest, roles: [...roles] };
}

/** A copy of the full record. */
export function copyRecord(record: TokenRecord): TokenRecord {
  return { ...record, roles: [...record.roles] };
}
