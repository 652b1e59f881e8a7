/**
 * The options of a listing (`scan`, `queryByOwner`), checked the same way in every adapter
 * before any storage work, with the checkers of the token model.
 */
import { InvalidInputError } from "../../errors.js";
import type { ScanOptions } from "../../port.js";
import { checkRole, checkTime, checkTokenId, describeValue } from "./checks.js";

/** The states a listing filters on. */
export const TOKEN_STATES = Object.freeze(["active", "revoked", "expired"] as const);

/**
 * Throws `INVALID_INPUT` naming the option that is wrong: `afterTokenId` must be a token id,
 * `hasRole` a role, `pageSize` a positive integer, `state` one of {@link TOKEN_STATES} (with
 * `now` for `active` and `expired`), `now` and `expiringBefore` Unix seconds.
 */
export function checkScanOptions(options: ScanOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new InvalidInputError(`scan options must be an object (got ${describeValue(options)})`);
  }
  const { pageSize, afterTokenId, hasRole } = options;
  if (pageSize !== undefined && (!Number.isSafeInteger(pageSize) || pageSize < 1)) {
    throw new InvalidInputError(
      `pageSize must be a positive integer (got ${describeValue(pageSize)})`,
    );
  }
  if (afterTokenId !== undefined) checkTokenId(afterTokenId, "afterTokenId");
  if (hasRole !== undefined) checkRole(hasRole, "hasRole");
  const { state, now, expiringBefore } = options;
  if (state !== undefined && !(TOKEN_STATES as readonly unknown[]).includes(state)) {
    throw new InvalidInputError(
      `state must be "active", "revoked" or "expired" (got ${describeValue(state)})`,
    );
  }
  if (now !== undefined) checkTime(now, "now");
  if ((state === "active" || state === "expired") && now === undefined) {
    throw new InvalidInputError(`state "${state}" needs now (the time to judge expiry at)`);
  }
  if (expiringBefore !== undefined) checkTime(expiringBefore, "expiringBefore");
}
