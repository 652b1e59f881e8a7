/**
 * Translation of AWS SDK errors into @pat errors, at the adapter edge only.
 *
 * Errors are recognised by `name`, never by `instanceof`: the caller's client may come from
 * another copy of the AWS SDK, whose error classes are not ours. The original error is kept as
 * `cause`; our message names the operation, the table and the error name, and never repeats the
 * SDK's message (a validation message can quote request values).
 */
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { PatError, StorageError } from "../../errors.js";
import type { Item } from "../item.js";

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

const ATTRIBUTE_VALUE_KEYS = new Set(["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"]);

function isAttributeValue(value: unknown): boolean {
  if (typeof value !== "object" || value === null || value instanceof Set) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && ATTRIBUTE_VALUE_KEYS.has(keys[0] as string);
}

/**
 * The item image a refused conditional write returned (`ReturnValuesOnConditionCheckFailure:
 * "ALL_OLD"`), in lib-dynamodb's native form; `null` when the item did not exist. The SDK leaves
 * this image in wire form (lib-dynamodb unmarshalls outputs, not errors), so it is unmarshalled
 * here unless it is native already.
 */
export function conditionFailureItem(error: unknown): Item | null {
  const item = (error as { Item?: unknown }).Item;
  if (typeof item !== "object" || item === null) return null;
  const values = Object.values(item);
  if (values.length > 0 && values.every(isAttributeValue)) {
    return unmarshall(item as Parameters<typeof unmarshall>[0]) as Item;
  }
  return { ...(item as Item) };
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
 * Wraps anything a DynamoDB call threw into a {@link PatError}: a PatError passes unchanged,
 * everything else becomes a `StorageError` (`STORAGE_ERROR`) with the original as `cause`.
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
  return new StorageError(message, name, { cause: error });
}
