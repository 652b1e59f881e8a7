/**
 * The admin API's refusals of a rotation, as the library's errors: a 409 whose problem `code` is
 * a token state (`TOKEN_REVOKED`, `TOKEN_EXPIRED`, `TOKEN_ROTATED`, `ROTATION_PENDING`) becomes
 * the `TokenStateError` that `Pat.rotate` throws directly, so both modes fail alike.
 */
import { HttpError } from "@pat/client";
import { TokenStateError, type TokenStateCode } from "@pat/core";

const STATE_CODES: ReadonlySet<string> = new Set<TokenStateCode>([
  "TOKEN_REVOKED",
  "TOKEN_EXPIRED",
  "TOKEN_ROTATED",
  "ROTATION_PENDING",
]);

/** The `TokenStateError` a 409 answer about `tokenId` means, or undefined for anything else. */
export function stateErrorOf(error: unknown, tokenId: string): TokenStateError | undefined {
  if (!(error instanceof HttpError) || error.status !== 409) return undefined;
  const code = error.problem?.["code"];
  if (typeof code !== "string" || !STATE_CODES.has(code)) return undefined;
  return new TokenStateError(code as TokenStateCode, tokenId, {}, { cause: error });
}
