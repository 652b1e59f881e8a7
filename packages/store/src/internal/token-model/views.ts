/**
 * Views of a stored record for callers, and its status. Each view is a fresh object, never the
 * store's, in the store's shape (which is @access-tokens/core's): `roles` absent when there are
 * none (a fresh array otherwise), a cleared expiry `null`. The public view drops the hash (what a
 * listing shows); the valid view drops the hash and the revoke time (what verify and issue
 * answer, as @access-tokens/core does).
 */
import type { TokenRecord } from "../../port.js";

/** A record without its secret hash, as listings show it. */
export type PublicTokenRecord = Omit<TokenRecord, "secretPhc">;

/** A record as verify and issue answer it: no `secretPhc`, no `revokedAt`. */
export type ValidTokenRecord = Omit<TokenRecord, "secretPhc" | "revokedAt">;

/** Where a token stands at a given time: `revoked` wins over `expired`, as in verify. */
export type TokenStatus = "active" | "revoked" | "expired";

/** A fresh copy of `roles` to add to a record: nothing when there are none. */
function rolesOf(roles: readonly string[] | undefined): { roles?: string[] } {
  return roles === undefined || roles.length === 0 ? {} : { roles: [...roles] };
}

/** A fresh copy of `metadata` to add to a record: nothing when there is none. */
function metadataOf(metadata: Readonly<Record<string, string>> | undefined): {
  metadata?: Record<string, string>;
} {
  return metadata === undefined ? {} : { metadata: { ...metadata } };
}

/**
 * A copy of the record without `secretPhc`.
 *
 * @example
 * ```ts
 * const shown = toPublicRecord(record); // no secretPhc
 * ```
 */
export function toPublicRecord(record: TokenRecord): PublicTokenRecord {
  const { secretPhc: _secretPhc, roles, metadata, ...rest } = record;
  return Object.assign(rest, rolesOf(roles), metadataOf(metadata));
}

/**
 * A copy of the record without `secretPhc` and `revokedAt`; `lastUsedAt` replaces the stored
 * value when given (verify's fresh write).
 *
 * @example
 * ```ts
 * const answered = toValidRecord(record, nowSeconds);
 * ```
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
    metadata,
    ...rest
  } = record;
  // `rest` is already a fresh object: complete it in place rather than copying it again.
  const valid: { -readonly [K in keyof ValidTokenRecord]: ValidTokenRecord[K] } = Object.assign(
    rest,
    rolesOf(roles),
    metadataOf(metadata),
  );
  if (lastUsedAt !== undefined) valid.lastUsedAt = lastUsedAt;
  return valid;
}

/**
 * A copy of the full record (its `roles` a fresh array, its `metadata` a fresh object), so that the caller can never change
 * stored state through it.
 *
 * @example
 * ```ts
 * const mine = copyRecord(record);
 * ```
 */
export function copyRecord(record: TokenRecord): TokenRecord {
  const { roles, metadata, ...rest } = record;
  return Object.assign(rest, rolesOf(roles), metadataOf(metadata));
}

/**
 * The status of a record at `now` (Unix seconds): `revoked` while `revokedAt` is set or once the
 * grace period of a rotated token has ended (`graceEndsAt` at or before `now`: its successor
 * replaced it), else `expired` once `expiresAt` is a time at or before `now` (a `null` or absent
 * expiry never expires), else `active`.
 *
 * @example
 * ```ts
 * tokenStatus({ expiresAt: 100 }, 100); // "expired"
 * ```
 */
export function tokenStatus(
  record: {
    readonly revokedAt?: number | undefined;
    readonly expiresAt?: number | null | undefined;
    readonly graceEndsAt?: number | undefined;
  },
  now: number,
): TokenStatus {
  if (record.revokedAt !== undefined) return "revoked";
  if (record.graceEndsAt !== undefined && record.graceEndsAt <= now) return "revoked";
  if (typeof record.expiresAt === "number" && record.expiresAt <= now) return "expired";
  return "active";
}
