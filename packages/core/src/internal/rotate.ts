/**
 * Rotation with a grace period: replace a token's secret by a new token for the same owner,
 * admin flag, roles and expiry, while the old secret keeps working for a while.
 *
 * The new secret gets a new token id (a successor record, `rotatedFrom` the old id), rather than a
 * second hash on the same id: each secret keeps a record of its own, so `lastUsedAt` tells whether
 * the old secret is still in use, logs and audits name the secret that was presented, revoke acts
 * on one secret, and a reader that knows nothing of rotation (@access-tokens/core sharing the
 * table) verifies both secrets by their ordinary attributes. The old record gets `rotatedTo` and
 * `graceEndsAt`, and its expiry is lowered to the grace end, so every reader stops accepting it
 * then (Pat answers `revoked`, a reader without rotation `expired`) and DynamoDB TTL removes it.
 *
 * With `untilFirstUse`, the old secret works until the successor's first successful verify, which
 * ends the grace before it answers (`TokenStore.confirmRotation`), so no verify of the old secret
 * that starts after that answer succeeds. With a grace too, the old secret stops at whichever comes
 * first. The default grace is 0: a rotation without options retires the old secret at once, the
 * safe choice after a leak.
 */
import {
  InvalidInputError,
  type TokenRecord,
  type TokenStore,
  type ValidTokenRecord,
} from "@pat/store";
import { ownKnownKeys, ROTATE_KEYS } from "./known-keys.js";

/** Longest grace period: a year. A longer overlap is two tokens, not a rotation. */
export const MAX_GRACE_SECONDS = 366 * 24 * 3600;

/** Options of {@link Pat.rotate}. */
export interface RotateOptions {
  /**
   * Seconds the old secret keeps working after the rotation, a non-negative integer of at most
   * {@link MAX_GRACE_SECONDS}. Default 0 (retired at once), or, with `untilFirstUse`, no time
   * bound.
   */
  readonly graceSeconds?: number | undefined;
  /**
   * Keep the old secret working until the new token is first verified successfully
   * (usage-confirmed rotation); with `graceSeconds` too, until whichever comes first. Default false.
   */
  readonly untilFirstUse?: boolean | undefined;
}

/** Result of {@link Pat.rotate}. */
export interface RotateResult {
  /** The new token; it is not stored anywhere, show it once. */
  readonly token: string;
  /** The new token's record as stored, without `secretPhc` (`rotatedFrom` names the old id). */
  readonly record: ValidTokenRecord;
}

/** {@link RotateOptions} after checking: the grace in seconds, absent for "until first use only". */
export interface CheckedRotateOptions {
  readonly graceSeconds: number | undefined;
  readonly untilFirstUse: boolean;
}

/**
 * Checks the options of `rotate`; throws `INVALID_INPUT` naming the option.
 *
 * @example
 * ```ts
 * checkRotateOptions({ graceSeconds: 3600 }); // { graceSeconds: 3600, untilFirstUse: false }
 * ```
 */
export function checkRotateOptions(input: RotateOptions): CheckedRotateOptions {
  const options = ownKnownKeys(input, ROTATE_KEYS, "rotate options", "input");
  const { graceSeconds, untilFirstUse } = options;
  if (untilFirstUse !== undefined && typeof untilFirstUse !== "boolean") {
    throw new InvalidInputError(`untilFirstUse must be a boolean (got ${typeof untilFirstUse})`);
  }
  if (graceSeconds !== undefined) {
    if (
      typeof graceSeconds !== "number" ||
      !Number.isSafeInteger(graceSeconds) ||
      graceSeconds < 0 ||
      graceSeconds > MAX_GRACE_SECONDS
    ) {
      throw new InvalidInputError(
        `graceSeconds must be an integer from 0 to ${MAX_GRACE_SECONDS} (got ${String(graceSeconds)})`,
      );
    }
  }
  const first = untilFirstUse === true;
  return { graceSeconds: graceSeconds ?? (first ? undefined : 0), untilFirstUse: first };
}

/**
 * At a successful verify of a successor that awaits its first use, retires its predecessor
 * (before the verify answers) and resolves the record to answer, without `awaitingFirstUse`.
 * Any other record is answered as it is, with no storage call.
 */
export async function completeRotationOnFirstUse(
  store: TokenStore,
  record: TokenRecord,
  now: number,
): Promise<TokenRecord> {
  if (record.awaitingFirstUse !== true || record.rotatedFrom === undefined) return record;
  await store.confirmRotation(record.tokenId, record.rotatedFrom, now);
  const { awaitingFirstUse: _done, ...answered } = record;
  return answered;
}
