/**
 * Translation of AWS SDK errors into @pat errors, at the adapter edge only.
 *
 * Errors are recognised by `name`, never by `instanceof`: the caller's client may come from
 * another copy of the AWS SDK, whose error classes are not ours. The original error is kept as
 * `cause`; our message names the operation, the table and the error name, and ends with the
 * error's own message (what @access-tokens/core's users see, since it lets SDK errors through),
 * taken through {@link causeMessage}, the one place that decides what of it may be shown.
 */
import { PatError, StorageError } from "../../errors.js";

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

/** Longest share of an underlying message that goes into ours. */
const MAX_CAUSE_MESSAGE = 300;
/** A PHC string (`$id$...`) anywhere in a message: replaced before the message is shown. */
const PHC_LIKE = /\$[a-z0-9-]{1,32}\$[^\s"'`]*/g;

/**
 * The underlying error's own message as it may appear in ours: whitespace collapsed, anything
 * shaped like a PHC string replaced by `[redacted]`, at most 300 characters; `undefined` when it
 * has none or it says nothing beyond its name. The only function that reads a foreign message:
 * what is shown of it is decided here. The store never holds a token secret, and DynamoDB's
 * messages name attributes and placeholders, not item values.
 */
export function causeMessage(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const raw = (error as { message?: unknown }).message;
  if (typeof raw !== "string") return undefined;
  let text = raw.replace(/\s+/g, " ").trim().replace(PHC_LIKE, "[redacted]");
  if (text.length > MAX_CAUSE_MESSAGE) text = `${text.slice(0, MAX_CAUSE_MESSAGE - 1)}…`;
  return text === "" || text === errorName(error) ? undefined : text;
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
 * everything else becomes a `StorageError` (`STORAGE_ERROR`) with the original as `cause`, whose
 * message ends with the original's own message (see {@link causeMessage}).
 */
export function translateError(
  error: unknown,
  context: { readonly operation: string; readonly tableName: string },
): PatError {
  if (error instanceof PatError) return error;
  const name = errorName(error) ?? "Error";
  const { operation, tableName } = context;
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
  const own = causeMessage(error);
  if (own !== undefined) message += `: ${own}`;
  return new StorageError(message, name, { cause: error });
}
