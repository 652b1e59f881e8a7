/**
 * Listings (`scan`, `queryByOwner`): lazy paging through Scan or Query on the owner index, each
 * page one request, sent only when the consumer asks past the current page. Invalid items are
 * skipped. The `hasRole`, `state` and `expiringBefore` filters run in DynamoDB (`scan-filter.ts`).
 * Without a `pageSize` no `Limit` is sent: DynamoDB sizes each page (up to 1 MB of
 * items), so a listing takes the fewest requests. `afterTokenId` becomes the exclusive start key
 * (with the owner on the index, whose key includes it).
 */
import { QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { ScanOptions, TokenRecord } from "../../port.js";
import { checkOwner, checkScanOptions, matchesScan, tryParseRecord } from "../token-model/index.js";
import { scanFilter } from "./scan-filter.js";
import type { TableClient } from "./table-client.js";

type Key = Record<string, unknown>;

interface Page {
  Items?: Record<string, unknown>[] | undefined;
  LastEvaluatedKey?: Key | undefined;
}

function limit(options: ScanOptions): { Limit?: number } {
  return options.pageSize === undefined ? {} : { Limit: options.pageSize };
}

async function* pages(
  send: (startKey: Key | undefined) => Promise<Page>,
  firstKey: Key | undefined,
  options: ScanOptions,
): AsyncGenerator<TokenRecord> {
  let startKey = firstKey;
  do {
    const out = await send(startKey);
    for (const item of out.Items ?? []) {
      const record = tryParseRecord(item);
      // The filter again, in JS: what DynamoDB's expression let through must also match here.
      if (record !== null && matchesScan(record, options)) yield record;
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey !== undefined);
}

/** Every valid record of the table, in scan order. */
export async function* scanRecords(
  table: TableClient,
  options: ScanOptions,
  consistentRead: boolean,
): AsyncGenerator<TokenRecord> {
  checkScanOptions(options);
  const filter = scanFilter(options);
  const first = options.afterTokenId === undefined ? undefined : { tokenId: options.afterTokenId };
  yield* pages(
    (startKey) =>
      table.send(
        "Scan",
        new ScanCommand({
          TableName: table.tableName,
          ConsistentRead: consistentRead,
          ...limit(options),
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          ...filter,
        }),
      ),
    first,
    options,
  );
}

/** Every valid record of `owner`, through the owner index (eventually consistent, as any GSI). */
export async function* ownerRecords(
  table: TableClient,
  indexName: string,
  owner: string,
  options: ScanOptions,
): AsyncGenerator<TokenRecord> {
  checkScanOptions(options);
  checkOwner(owner);
  const filter = scanFilter(options);
  const first =
    options.afterTokenId === undefined ? undefined : { tokenId: options.afterTokenId, owner };
  yield* pages(
    (startKey) =>
      table.send(
        "Query",
        new QueryCommand({
          TableName: table.tableName,
          IndexName: indexName,
          KeyConditionExpression: "#owner = :owner",
          ...filter,
          ExpressionAttributeNames: { ...filter.ExpressionAttributeNames, "#owner": "owner" },
          ExpressionAttributeValues: { ...filter.ExpressionAttributeValues, ":owner": owner },
          ...limit(options),
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      ),
    first,
    options,
  );
}
