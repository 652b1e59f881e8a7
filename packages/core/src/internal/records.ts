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

/**
 * The record without `secretPhc` and `revokedAt`, as verify and issue answer it, in one copy;
 * `lastUsedAt` replaces the stored value when given (verify's fresh write).
 */
export function toValidRecord(
  record: TokenRecord,
  lastUsedAt: number | undefined = record.lastUsedAt,
): ValidTokenRecord {
  const {
    secretPhc: _secretPhc,
    revokedAt: _revokedAt,
    lastUsedAt: _stored,
    roles,
    ...rest
  } = record;
  // `rest` is already a fresh object: complete it in place rather than copying it again.
  const valid: { -readonly [K in keyof ValidTokenRecord]: ValidTokenRecord[K] } = Object.assign(
    rest,
    { roles: [...roles] },
  );
  if (lastUsedAt !== undefined) valid.lastUsedAt = lastUsedAt;
  return valid;
}

/** A copy of the full record. */
export function copyRecord(record: TokenRecord): TokenRecord {
  return { ...record, roles: [...record.roles] };
}
