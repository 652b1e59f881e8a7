/**
 * The request of `touch`, the write of every successful verify: set `lastUsedAt` only on an
 * existing item that is not revoked, nor rotated with its grace over (a revoked token stays
 * unused; a deleted one is never recreated as a stub). Its expression, names and constant values are built once; only the key
 * and the time change per call, and it goes out as a low-level UpdateItem (no document
 * marshalling), with `ALL_OLD` on refusal so that the answer tells "revoked" from "not found"
 * from "changed".
 *
 * With the record the verify read, the condition also requires every field a verify answer
 * depends on to hold what was read, in every stored form that reads back as that value (so items
 * written by @access-tokens/core are confirmed as well as ours): `roles` compared as a String Set
 * (DynamoDB compares sets by their elements, in any order) or as a List in the order read,
 * absent / NULL / empty list for no roles; `isAdmin` false also when absent or NULL; `expiresAt`
 * absent, NULL or the number read. Comparing the fields themselves, rather than a version
 * attribute that only our writes would bump, also catches writes by the reference library.
 */
import { type AttributeValue, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { TokenRecord } from "../../port.js";
import type { Item } from "../item.js";

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
const ANSWER_NAMES = Object.freeze({
  ...NAMES,
  "#secretPhc": "secretPhc",
  "#owner": "owner",
  "#isAdmin": "isAdmin",
  "#roles": "roles",
  "#expiresAt": "expiresAt",
});
const TYPE_N: AttributeValue = Object.freeze({ S: "N" }) as AttributeValue;
const TYPE_NULL: AttributeValue = Object.freeze({ S: "NULL" }) as AttributeValue;

/** A touch's condition, with exactly the names and values it uses. */
interface TouchCondition {
  readonly condition: string;
  readonly names: Readonly<Record<string, string>>;
  readonly values: Record<string, AttributeValue>;
}

/** The condition of a touch without a record to confirm: live, and not past a rotation grace. */
const PLAIN: TouchCondition = Object.freeze({
  condition: CONDITION,
  names: NAMES,
  values: { ":N": TYPE_N },
});

/** The condition and values that pin the fields a verify answer depends on to `expected`. */
function answerCondition(expected: TokenRecord): TouchCondition {
  const values: Record<string, AttributeValue> = {
    ":N": TYPE_N,
    ":secretPhc": { S: expected.secretPhc },
    ":owner": { S: expected.owner },
    ":isAdmin": { BOOL: expected.isAdmin },
  };
  const parts = [CONDITION, "#secretPhc = :secretPhc", "#owner = :owner"];
  parts.push(
    expected.isAdmin
      ? "#isAdmin = :isAdmin"
      : "(attribute_not_exists(#isAdmin) OR attribute_type(#isAdmin, :NULL) OR #isAdmin = :isAdmin)",
  );
  const roles = expected.roles ?? [];
  // DynamoDB refuses a value the expression does not use: :NULL only where a clause needs it.
  if (!expected.isAdmin || roles.length === 0 || expected.expiresAt === null) {
    values[":NULL"] = TYPE_NULL;
  }
  if (roles.length === 0) {
    values[":noRoles"] = { L: [] };
    parts.push(
      "(attribute_not_exists(#roles) OR attribute_type(#roles, :NULL) OR #roles = :noRoles)",
    );
  } else {
    values[":rolesSet"] = { SS: [...roles] };
    values[":rolesList"] = { L: roles.map((role) => ({ S: role })) };
    parts.push("(#roles = :rolesSet OR #roles = :rolesList)");
  }
  if (expected.expiresAt === undefined) parts.push("attribute_not_exists(#expiresAt)");
  else if (expected.expiresAt === null) parts.push("attribute_type(#expiresAt, :NULL)");
  else {
    values[":expiresAt"] = { N: String(expected.expiresAt) };
    parts.push("#expiresAt = :expiresAt");
  }
  return { condition: parts.join(" AND "), names: ANSWER_NAMES, values };
}

/** The attributes a verify answer depends on, pinned by {@link readCondition}. */
const ANSWER_ATTRIBUTES = ["secretPhc", "owner", "isAdmin", "roles", "expiresAt"] as const;
/** The names of {@link readCondition}'s expression: exactly those it uses. */
const READ_NAMES = Object.freeze({
  "#lastUsedAt": "lastUsedAt",
  "#revokedAt": "revokedAt",
  "#graceEndsAt": "graceEndsAt",
  ...Object.fromEntries(ANSWER_ATTRIBUTES.map((name) => [`#${name}`, name])),
});

/**
 * The condition of a touch of a live record whose stored values `raw` a read just returned (no
 * numeric `revokedAt`, no `graceEndsAt`): each answer attribute pinned in the very form it was
 * stored, `revokedAt` and `graceEndsAt` still as read. Only equality and existence tests, no
 * alternatives. (The item exists: an equality holds only on a stored attribute. A set compares
 * as a set.) Any other record gets `undefined`.
 */
function readCondition(raw: Readonly<Record<string, AttributeValue>>): TouchCondition | undefined {
  const revoked = raw["revokedAt"];
  if ((revoked !== undefined && revoked.NULL !== true) || raw["graceEndsAt"] !== undefined) {
    return undefined;
  }
  const values: Record<string, AttributeValue> = {};
  const parts = [
    revoked === undefined
      ? "attribute_not_exists(#revokedAt)"
      : "attribute_type(#revokedAt, :NULL)",
    "attribute_not_exists(#graceEndsAt)",
  ];
  if (revoked !== undefined) values[":NULL"] = TYPE_NULL;
  for (const name of ANSWER_ATTRIBUTES) {
    const value = raw[name];
    if (value === undefined) parts.push(`attribute_not_exists(#${name})`);
    else if (value.NULL === true) {
      values[":NULL"] = TYPE_NULL;
      parts.push(`attribute_type(#${name}, :NULL)`);
    } else {
      values[`:${name}`] = value;
      parts.push(`#${name} = :${name}`);
    }
  }
  return { condition: parts.join(" AND "), names: READ_NAMES, values };
}

/**
 * The UpdateItem of `touch(tokenId, lastUsedAt, expected?)` on `tableName`. With `read`, the
 * stored values the read of `expected` returned, the condition pins those exact forms
 * ({@link readCondition}); with `expected` alone, every form that reads back as it
 * ({@link answerCondition}).
 */
export function touchCommand(
  tableName: string,
  tokenId: string,
  lastUsedAt: number,
  expected?: TokenRecord,
  read?: Readonly<Record<string, AttributeValue>>,
): UpdateItemCommand {
  const pinned =
    expected === undefined
      ? PLAIN
      : ((read !== undefined ? readCondition(read) : undefined) ?? answerCondition(expected));
  return new UpdateItemCommand({
    TableName: tableName,
    Key: { tokenId: { S: tokenId } },
    UpdateExpression: UPDATE,
    ConditionExpression: pinned.condition,
    ExpressionAttributeNames: pinned.names,
    ExpressionAttributeValues: { ":lastUsedAt": { N: String(lastUsedAt) }, ...pinned.values },
    ReturnValues: "NONE",
    ReturnValuesOnConditionCheckFailure: "ALL_OLD",
  });
}

/**
 * Why a touch at `lastUsedAt` was refused, from the item image DynamoDB returned (`null`: no
 * item): revoked, or rotated with its grace over by then, is `revoked`; anything else `changed`.
 */
export function touchRefusal(
  old: Item | null,
  lastUsedAt: number,
): "not_found" | "revoked" | "changed" {
  if (old === null) return "not_found";
  if (typeof old.revokedAt === "number") return "revoked";
  if (typeof old.graceEndsAt === "number" && old.graceEndsAt <= lastUsedAt) return "revoked";
  return "changed";
}
