/**
 * The rules of rotation that every adapter shares: the checked form of a rotate request, which
 * state of a token refuses a rotation (and with which code), and the successor record a rotation
 * creates. Rotation gives the new secret a new token id: the successor is an ordinary record
 * (`rotatedFrom` names its predecessor), and the predecessor an ordinary record with `rotatedTo`
 * and `graceEndsAt`, so a reader that knows nothing of rotation (@access-tokens/core) reads both.
 */
import { InvalidInputError, TokenStateError } from "../../errors.js";
import type { RotateRequest, TokenRecord } from "../../port.js";
import { checkBoolean, checkSecretPhc, checkTime, checkTokenId } from "./checks.js";
import { labelAttributes } from "./labels.js";

/**
 * Checks a {@link RotateRequest}: ids, hash, times (`graceEndsAt >= rotatedAt`), and that a
 * request without `graceEndsAt` is `untilFirstUse`.
 *
 * @throws InvalidInputError (`INVALID_INPUT`) naming the field.
 * @example
 * ```ts
 * checkRotateRequest({ successorId, secretPhc, rotatedAt: now, graceEndsAt: now + 3600, untilFirstUse: false });
 * ```
 */
export function checkRotateRequest(request: RotateRequest): RotateRequest {
  if (typeof request !== "object" || request === null) {
    throw new InvalidInputError("rotate request must be an object");
  }
  const { successorId, secretPhc, rotatedAt, graceEndsAt, untilFirstUse } = request;
  checkTokenId(successorId, "successorId");
  checkSecretPhc(secretPhc);
  checkTime(rotatedAt, "rotatedAt");
  checkBoolean(untilFirstUse, "untilFirstUse");
  if (graceEndsAt !== undefined) {
    checkTime(graceEndsAt, "graceEndsAt");
    if (graceEndsAt < rotatedAt) {
      throw new InvalidInputError("graceEndsAt must not be before rotatedAt");
    }
  } else if (untilFirstUse !== true) {
    throw new InvalidInputError("graceEndsAt is required unless untilFirstUse is true");
  }
  return {
    successorId,
    secretPhc,
    rotatedAt,
    ...(graceEndsAt === undefined ? {} : { graceEndsAt }),
    untilFirstUse: untilFirstUse === true,
  };
}

/**
 * Whether a rotated token's grace period is over at `now`: its successor has replaced it. Such a
 * token verifies as `revoked`.
 *
 * @example
 * ```ts
 * if (retiredByRotation(record, now)) return "revoked";
 * ```
 */
export function retiredByRotation(
  record: { readonly graceEndsAt?: number | undefined },
  now: number,
): boolean {
  return record.graceEndsAt !== undefined && record.graceEndsAt <= now;
}

/**
 * The error that refuses rotating `record` at `at`, or `undefined` when it may be rotated.
 * Checked in this order: rotated before (`TOKEN_ROTATED`, also once its grace ended), revoked
 * (`TOKEN_REVOKED`), expired (`TOKEN_EXPIRED`, expiry at or before `at`), a successor that has not
 * yet retired its predecessor (`ROTATION_PENDING`: rotating it now would leave the predecessor
 * alive with no successor left to retire it).
 *
 * @example
 * ```ts
 * const refusal = rotationRefusal(record, now);
 * if (refusal) throw refusal;
 * ```
 */
export function rotationRefusal(record: TokenRecord, at: number): TokenStateError | undefined {
  const { tokenId } = record;
  if (record.rotatedTo !== undefined) {
    return new TokenStateError("TOKEN_ROTATED", tokenId, { successorId: record.rotatedTo });
  }
  if (record.revokedAt !== undefined) return new TokenStateError("TOKEN_REVOKED", tokenId);
  if (typeof record.expiresAt === "number" && record.expiresAt <= at) {
    return new TokenStateError("TOKEN_EXPIRED", tokenId);
  }
  if (record.awaitingFirstUse === true && record.rotatedFrom !== undefined) {
    return new TokenStateError("ROTATION_PENDING", tokenId, { predecessorId: record.rotatedFrom });
  }
  return undefined;
}

/**
 * The successor a rotation of `record` creates: same owner, isAdmin, roles and expiry (a cleared
 * expiry stays cleared), the new id and hash, created at `rotatedAt`, `rotatedFrom` the old id,
 * `awaitingFirstUse` with `untilFirstUse`. Nothing of the old token's use or revocation carries over.
 *
 * @example
 * ```ts
 * const successor = successorRecord(record, checkRotateRequest(request));
 * ```
 */
export function successorRecord(record: TokenRecord, request: RotateRequest): TokenRecord {
  return {
    tokenId: request.successorId,
    secretPhc: request.secretPhc,
    owner: record.owner,
    isAdmin: record.isAdmin,
    ...(record.roles === undefined || record.roles.length === 0
      ? {}
      : { roles: [...record.roles] }),
    createdAt: request.rotatedAt,
    ...(record.expiresAt === undefined ? {} : { expiresAt: record.expiresAt }),
    ...labelAttributes(record),
    rotatedFrom: record.tokenId,
    ...(request.untilFirstUse ? { awaitingFirstUse: true } : {}),
  };
}

/**
 * The predecessor's expiry after a rotation or its confirmation ending the grace at `graceEndsAt`:
 * lowered to it when that is earlier (or when there was none), else unchanged. `undefined` means
 * "leave the stored expiry as it is".
 *
 * @example
 * ```ts
 * loweredExpiry(record.expiresAt, now + 3600); // now + 3600 when the token expired later
 * ```
 */
export function loweredExpiry(
  expiresAt: number | null | undefined,
  graceEndsAt: number | undefined,
): number | undefined {
  if (graceEndsAt === undefined) return undefined;
  return typeof expiresAt === "number" && expiresAt <= graceEndsAt ? undefined : graceEndsAt;
}
