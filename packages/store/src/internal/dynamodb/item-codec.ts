/**
 * The wire codec of a token item: DynamoDB's attribute values (`{ S }`, `{ N }`, `{ BOOL }`,
 * `{ NULL }`, `{ SS }`) to the native item lib-dynamodb would give, and a record to the item the
 * store writes (roles as a String Set). The hot read path converts the attribute types of a token
 * item by hand, exactly as lib-dynamodb's `unmarshall` converts them; any other type, or a number
 * beyond the safe integer range, hands the whole item to `unmarshall`.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { TokenRecord } from "../../port.js";
import { type Item, recordToItem } from "../item.js";

/** An item in wire form, as a low-level command returns it. */
export type WireItem = Record<string, AttributeValue>;

/** The native item of a wire item (see the module comment). */
export function unmarshallItem(wire: WireItem): Item {
  const item: Item = {};
  for (const key in wire) {
    const value = wire[key] as AttributeValue;
    if (value.S !== undefined) item[key] = value.S;
    else if (value.N !== undefined) {
      const n = Number(value.N);
      if (!(n <= Number.MAX_SAFE_INTEGER && n >= Number.MIN_SAFE_INTEGER)) return unmarshall(wire);
      item[key] = n;
    } else if (value.BOOL !== undefined) item[key] = value.BOOL;
    else if (value.NULL !== undefined) item[key] = null;
    else if (value.SS !== undefined) item[key] = new Set(value.SS);
    else return unmarshall(wire);
  }
  return item;
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
    return unmarshall(item as WireItem) as Item;
  }
  return { ...(item as Item) };
}

/** The item that stores `record`, in the native form lib-dynamodb writes (roles as a `Set`). */
export function storedItem(record: TokenRecord): Item {
  const item = recordToItem(record);
  if (Array.isArray(item.roles)) item.roles = new Set(item.roles as string[]);
  return item;
}
