/**
 * The hot read path (every verify reads one record): GetItem as a low-level command, its item
 * converted by the hand-written codec instead of the document client's generic marshalling.
 */
import { type AttributeValue, GetItemCommand } from "@aws-sdk/client-dynamodb";
import type { Item } from "../item.js";
import { unmarshallItem } from "./item-codec.js";
import type { TableClient } from "./table-client.js";

/** An item as read: decoded, and its attribute values as DynamoDB sent them. */
export interface ReadItem {
  readonly item: Item;
  readonly raw: Record<string, AttributeValue>;
}

/**
 * The item `tokenId` with its stored forms, or `null`: the item decoded, plus the attribute
 * values as stored, so a later write can be made conditional on exactly what was read.
 */
export async function getItemRead(
  table: TableClient,
  tokenId: string,
  consistentRead: boolean,
): Promise<ReadItem | null> {
  const out = await table.send(
    "GetItem",
    new GetItemCommand({
      TableName: table.tableName,
      Key: { tokenId: { S: tokenId } },
      ConsistentRead: consistentRead,
    }),
  );
  return out.Item === undefined ? null : { item: unmarshallItem(out.Item), raw: out.Item };
}

/** The item `tokenId`, or `null`, read through the low-level client (the hot read path). */
export async function getItem(
  table: TableClient,
  tokenId: string,
  consistentRead: boolean,
): Promise<Item | null> {
  return (await getItemRead(table, tokenId, consistentRead))?.item ?? null;
}
