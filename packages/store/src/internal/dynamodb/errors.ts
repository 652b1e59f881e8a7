/**
 * Translation of AWS SDK errors into @pat errors, at the adapter edge only.
 *
 * Errors are recognised by `name`, never by `instanceof`: the caller's client may come from
 * another copy of the AWS SDK, whose error classes are not ours. The original error is kept as
 * `cause` only as a {@link StorageErrorCause} (name, code, HTTP status, request id; its message with
 * every request value redacted): the SDK error itself may quote the request or carry whole items.
 * Our message names the operation, the table and the error name, and ends with the error's own
 * message (what @access-tokens/core's users see, since it lets SDK errors through), redacted the
 * same way by `safeCauseMessage`, the one place that decides what of it may be shown.
 */
import { PatError, StorageError } from "../../errors.js";
import { requestValues, safeCause, safeCauseMessage } from "./safe-cause.js";

/** The `name` of anything thrown, when it has one. */
export function errorName(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === "string" ? name : undefined;
}

/** A conditional write was refused because its condition was false. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return errorName(error) === "ConditionalCheckFailedException";
}

/** The cancellation reason codes of a `TransactionCanceledException` (`"None"` for a passing item). */
export function cancellationCodes(error: unknown): string[] {
  const reasons = (error as { CancellationReasons?: unknown }).CancellationReasons;
  if (!Array.isArray(reasons)) return [];
  return reasons.map((reason: unknown) => {
    const code = (reason as { Code?: unknown } | null)?.Code;
    return typeof code === "string" ? code : "None";
  });
}

const THROTTLED = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "LimitExceededException",
]);

/**
 * Whether a request that failed with `error` (as translated by {@link translateError}) is worth
 * sending again after the SDK's own retries: not for errors the SDK marks as the caller's fault (a
 * missing table, a validation or access error), except throttling; yes for server faults, network
 * errors and anything unclassified; never for a PatError that was not a storage failure.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof StorageError)) return false;
  if (THROTTLED.has(error.storageErrorName)) return true;
  return (error.cause as { $fault?: unknown } | null | undefined)?.$fault !== "client";
}

/**
 * Wraps anything a DynamoDB call threw into a {@link PatError}: a PatError passes unchanged,
 * everything else becomes a `StorageError` (`STORAGE_ERROR`) whose `cause` is the safe summary of
 * the original and whose message ends with the original's own message, every string value of
 * `context.request` (the command's input) redacted from both.
 */
export function translateError(
  error: unknown,
  context: { readonly operation: string; readonly tableName: string; readonly request?: unknown },
): PatError {
  if (error instanceof PatError) return error;
  const name = errorName(error) ?? "Error";
  const { operation, tableName } = context;
  const values = requestValues(context.request);
  let message: string;
  if (name === "ResourceNotFoundException") {
    message = `DynamoDB table not found: ${tableName} (${operation})`;
  } else if (THROTTLED.has(name)) {
    message = `DynamoDB throttled ${operation} on table ${tableName} after the SDK's retries (${name})`;
  } else if (name === "TransactionCanceledException") {
    const codes = cancellationCodes(error);
    message = `DynamoDB cancelled the ${operation} transaction on table ${tableName} (${codes.join(", ") || "no reasons"})`;
  } else {
    message = `DynamoDB ${operation} on table ${tableName} failed: ${name}`;
  }
  const own = safeCauseMessage(error, values);
  if (own !== undefined) message += `: ${own}`;
  return new StorageError(message, name, { cause: safeCause(error, values) });
}
