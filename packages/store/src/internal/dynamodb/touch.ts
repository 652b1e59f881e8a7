/**
 * The request of `touch`, the write of every successful verify: set `lastUsedAt` only on an
 * existing item that is not revoked, nor rotated with its grace over (a revoked token stays unused; a deleted one is never
 * recreated as a stub). Its expression, names and constant values are built once; only the key
 * and the time change per call, and it goes out as a low-level UpdateItem (no document
 * marshalling), with `ALL_OLD` on refusal so that the answer tells "revoked" from "not found".
 */
import { type AttributeValue, UpdateItemCommand } from "@aws-sdk/client-dynamodb";

const UPDATE = "SET #lastUsedAt = :lastUsedAt";
// NULL is "not revoked" in items written by @access-tokens/core: only a number means revoked.
// A rotated token whose grace has ended (`graceEndsAt` <= now) is revoked for every purpose.
const CONDITION =
  "attribute_exists(#tokenId) AND NOT attribute_type(#revokedAt, :N) AND " +
  "(attribute_not_exists(#graceEndsAt) OR #graceEndsAt > :lastUsedAt)";
const NAMES = Object.freeze({
  "#tokenId": "tokenId",
  "#revokedAt": "revokedAt",
  "#lastUsedAt": "lastUsedAt",
  "#graceEndsAt": "graceEndsAt",
});
const TYPE_N: AttributeValue = Object.freeze({ S: "N" }) as AttributeValue;

/** The UpdateItem of `touch(tokenId, lastUsedAt)` on `tableName`. */
export function touchCommand(
  tableName: string,
  tokenId: string,
  lastUsedAt: number,
): UpdateItemCommand {
  return new UpdateItemCommand({
    TableName: tableName,
    Key: { tokenId: { S: tokenId } },
    UpdateExpression: UPDATE,
    ConditionExpression: CONDITION,
    ExpressionAttributeNames: NAMES,
    ExpressionAttributeValues: { ":lastUsedAt": { N: String(lastUsedAt) }, ":N": TYPE_N },
    ReturnValues: "NONE",
    ReturnValuesOnConditionCheckFailure: "ALL_OLD",
  });
}
