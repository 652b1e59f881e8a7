/**
 * Emptiness, the bootstrap marker and the bootstrap transaction. `createFirst` checks `isEmpty`
 * (a consistent scan for any valid token), then writes one transaction: a marker item
 * `tokenId = "#bootstrap"` (a key no token id can take) and the record, both
 * `attribute_not_exists(tokenId)`. The marker stays, so at most one `createFirst` ever succeeds
 * per table. It carries the call's write nonce, so that an SDK retry of our committed transaction
 * (cancelled by its own conditions) is told apart from a concurrent bootstrap with the very same
 * record. A conflict with a concurrent transaction decides nothing yet: the transaction is sent
 * again, with backoff, within `retry.maxAttempts`. The marker has no `owner`, so it is not in the
 * owner index; scans skip it as invalid and `approximateCount` leaves it out.
 */
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { ScanCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { TokenRecord } from "../../port.js";
import { BOOTSTRAP_MARKER_ID } from "../item.js";
import { tryParseRecord } from "../token-model/index.js";
import { backoffDelay, type RetryPolicy, sleep } from "./backoff.js";
import { getItem } from "./get-item.js";
import { storedItem } from "./item-codec.js";
import type { TableClient } from "./table-client.js";
import { carriesNonce, newNonce, WRITE_NONCE } from "./write-nonce.js";

/** Whether the table holds no valid token: a consistent scan, never the approximate count. */
export async function holdsNoToken(table: TableClient): Promise<boolean> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await table.send(
      "Scan",
      new ScanCommand({
        TableName: table.tableName,
        ConsistentRead: true,
        Limit: 25,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    if ((out.Items ?? []).some((item) => tryParseRecord(item) !== null)) return false;
    startKey = out.LastEvaluatedKey;
  } while (startKey !== undefined);
  return true;
}

/** DescribeTable's ItemCount (refreshed about every six hours), without the marker. */
export async function countItems(table: TableClient): Promise<number> {
  const out = await table.send(
    "DescribeTable",
    new DescribeTableCommand({ TableName: table.tableName }),
  );
  const items = out.Table?.ItemCount ?? 0;
  if (items === 0) return 0;
  // The bootstrap marker is an item, not a token: one consistent read tells whether to leave it
  // out.
  const marker = await getItem(table, BOOTSTRAP_MARKER_ID, true);
  return marker === null ? items : Math.max(0, items - 1);
}

/** Stores `record` (valid already) as the first token of the table; see the module comment. */
export async function writeFirst(
  table: TableClient,
  record: TokenRecord,
  retry: RetryPolicy,
): Promise<boolean> {
  if (!(await holdsNoToken(table))) return false;
  const absent = {
    ConditionExpression: "attribute_not_exists(#tokenId)",
    ExpressionAttributeNames: { "#tokenId": "tokenId" },
  };
  const nonce = newNonce();
  const marker = {
    tokenId: BOOTSTRAP_MARKER_ID,
    bootstrapTokenId: record.tokenId,
    createdAt: record.createdAt,
    [WRITE_NONCE]: nonce,
  };
  const item = { ...storedItem(record), [WRITE_NONCE]: nonce };
  for (let attempt = 0; ; attempt++) {
    const answer = await table.transact(
      "TransactWriteItems",
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table.tableName, Item: marker, ...absent } },
          { Put: { TableName: table.tableName, Item: item, ...absent } },
        ],
      }),
    );
    if (answer.ok) return true;
    const { codes, error } = answer.refusal;
    if (codes.includes("ConditionalCheckFailed")) {
      return carriesNonce(await getItem(table, BOOTSTRAP_MARKER_ID, true), nonce);
    }
    if (!codes.includes("TransactionConflict") || attempt + 1 >= retry.maxAttempts) throw error;
    await sleep(backoffDelay(retry, attempt));
  }
}
