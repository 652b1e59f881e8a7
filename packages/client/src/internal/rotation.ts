/**
 * Rotation through the admin API (`POST {adminPath}/tokens/:tokenId/rotate`): what the method
 * takes, its checks before anything is sent, and the schema of the answer (the new token, shown
 * once, and its record, whose `rotatedFrom` names the old id).
 */
import type * as z from "zod";
import { invalidInput } from "./errors.js";
import { checkObject } from "./arguments.js";
import { issueResultSchema } from "./schemas.js";

/** Longest grace period the server accepts: a year (366 days) in seconds. */
export const MAX_GRACE_SECONDS = 366 * 24 * 3600;

/** Options of {@link AccessTokensClient.rotate} (`@pat` addition, `@pat/http` only). */
export type RotateOptions = {
  /**
   * Seconds the old secret keeps working, an integer from 0 to a year. Default 0 (retired at
   * once), or with `untilFirstUse`, no time bound.
   */
  graceSeconds?: number;
  /** Keep the old secret working until the new token's first successful verify. */
  untilFirstUse?: boolean;
};

/** `POST {adminPath}/tokens/:tokenId/rotate`: `{ token, record }`, as `issue` answers. */
export const rotateResultSchema = issueResultSchema;

/** Answer of {@link AccessTokensClient.rotate}: the new token (show it once) and its record. */
export type RotateResult = z.infer<typeof rotateResultSchema>;

/** Checks the options of `rotate` and resolves the body to send. */
export function rotateBody(options: RotateOptions): RotateOptions {
  checkObject(options, "options");
  const { graceSeconds, untilFirstUse } = options;
  if (graceSeconds !== undefined) {
    if (typeof graceSeconds !== "number") throw new TypeError("graceSeconds must be a number");
    if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
      throw invalidInput(`graceSeconds must be an integer from 0 to ${MAX_GRACE_SECONDS}`);
    }
  }
  if (untilFirstUse !== undefined && typeof untilFirstUse !== "boolean") {
    throw new TypeError("untilFirstUse must be a boolean");
  }
  return {
    ...(graceSeconds === undefined ? {} : { graceSeconds }),
    ...(untilFirstUse === undefined ? {} : { untilFirstUse }),
  };
}
