/**
 * The state filters of `list` and `listByOwner` (`state`, `expiringBefore`), checked at the call
 * and turned into the store's scan options with the instance's clock as `now`, so a listing
 * judges expiry exactly as verify does at that moment.
 */
import { InvalidInputError, checkTime, type ScanOptions } from "@pat/store";
import type { ListOptions } from "./types.js";

const STATES: readonly unknown[] = ["active", "revoked", "expired"];

/**
 * The scan options of `options.state` and `options.expiringBefore`, or undefined when neither is
 * given. Throws `INVALID_INPUT` naming the option.
 */
export function checkStateFilter(
  options: ListOptions,
  now: () => number,
): Pick<ScanOptions, "state" | "expiringBefore" | "now"> | undefined {
  const { state, expiringBefore } = options;
  if (state === undefined && expiringBefore === undefined) return undefined;
  if (state !== undefined && !STATES.includes(state)) {
    throw new InvalidInputError(
      `state must be "active", "revoked" or "expired" (got ${typeof state === "string" ? `a string of ${state.length} characters` : typeof state})`,
    );
  }
  if (expiringBefore !== undefined) checkTime(expiringBefore, "expiringBefore");
  return {
    ...(state === undefined ? {} : { state, now: now() }),
    ...(expiringBefore === undefined ? {} : { expiringBefore }),
  };
}
