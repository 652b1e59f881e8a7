/**
 * Views of a stored record for callers: without the hash (`list`, `batchLoad` by default), and
 * without the hash and the revoke time (`verify`, `bootstrap`, `issue`). Fresh objects, never the
 * store's, in the store's shape (which is @access-tokens/core's): `roles` absent when there are
 * none, a cleared expiry `null`.
 */
import type { TokenRecord } from "@pat/store";
import type { PublicTokenRecord, ValidTokenRecord } from "./types.js";

/** A fresh copy of `roles` to add to a record: nothing when there are none. */
function rolesOf(roles: readonly string[] | undefined): { roles?: string[] } {
  return roles === undefined || roles.length === 0 ? {} : { roles: [...roles] };
}

/** The record without `secretPhc`. */
export function toPublicRecord(record: TokenRecord): PublicTokenRecord {
  const { secretPhc: _secretPhc, roles, ...rest } = record;
  return Object.assign(rest, rolesOf(roles));
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
    rolesOf(roles),
  );
  if (lastUsedAt !== undefined) valid.lastUsedAt = lastUsedAt;
  return valid;
}

/** A copy of the full record. */
export function copyRecord(record: TokenRecord): TokenRecord {
  const { roles, ...rest } = record;
  return Object.assign(rest, rolesOf(roles));
}
