/**
 * The options of a listing (`scan`, `queryByOwner`), checked the same way in every adapter
 * before any storage work, with the checkers of the token model.
 */
import { InvalidInputError } from "../../errors.js";
import type { ScanOptions } from "../../port.js";
import { checkRole, checkTokenId, describeValue } from "./checks.js";

/**
 * Throws `INVALID_INPUT` naming the option that is wrong: `afterTokenId` must be a token id,
 * `hasRole` a role, `pageSize` a positive integer.
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
}
