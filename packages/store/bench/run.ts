/**
 * Benchmarks of the DynamoDB adapter against DynamoDB Local, each as a ratio to a floor measured
 * in the same run on the same table:
 * - paging through 10,000 records with `store.scan` vs a bare `ScanCommand` loop (same page size,
 *   same consistency, same document client): the adapter's overhead is validation and the async
 *   generator; the target is a ratio of at most 1.2;
 * - the default scan, what `Pat.list()` asks of the store when given no `limit` or `batchLimit`
 *   (no `Limit`: DynamoDB's own pages of up to 1 MB), vs the bare loop with the fewest requests
 *   (no `Limit` either); the target is a ratio of at most 1.1;
 * - `store.batchGet` of 1,000 ids vs the same ten BatchGetItem requests sent one after another by
 *   a bare loop: the adapter sends them in parallel, so the ratio should be below 1.
 * Medians of several alternating rounds after a warm-up. Run: `pnpm --filter @pat/store bench`.
 */
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  ScanCommand,
} from "@aws-sdk/lib-dynamodb";
import {
  resolveDynamoDBEndpoint,
  testDynamoDBClient,
  uniqueTableName,
} from "@pat/tooling/dynamodb";
import { compare, markdownTable, verdict } from "@pat/tooling/bench";
import { createTokenTable, DynamoDBTokenStore, type TokenRecord } from "../src/index.js";
import { placeholderPhc } from "../src/internal/conformance/fixtures.js";

const RECORDS = 10_000;
const BATCH_IDS = 1_000;
const ROUNDS = 7;

function tokenId(i: number): string {
  return `bench${String(i).padStart(16, "0")}`;
}

async function main(): Promise<void> {
  const dynamo = await resolveDynamoDBEndpoint();
  const client = testDynamoDBClient(dynamo.endpoint);
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const tableName = uniqueTableName("store-bench");
  try {
    await createTokenTable({ client, tableName, ttl: false });
    const records: TokenRecord[] = Array.from({ length: RECORDS }, (_, i) => ({
      tokenId: tokenId(i),
      secretPhc: placeholderPhc(14),
      owner: `owner${i % 100}`,
      isAdmin: i % 10 === 0,
      roles: i % 3 === 0 ? ["reader", "writer"] : [],
      createdAt: 1_700_000_000 + i,
    }));
    const items = records.map(({ roles, ...rest }) =>
      roles !== undefined && roles.length > 0 ? { ...rest, roles: new Set(roles) } : rest,
    );
    for (let i = 0; i < items.length; i += 25 * 8) {
      await Promise.all(
        Array.from({ length: 8 }, async (_, j) => {
          let batch = items.slice(i + j * 25, i + (j + 1) * 25).map((Item) => ({
            PutRequest: { Item },
          }));
          while (batch.length > 0) {
            const out = await doc.send(
              new BatchWriteCommand({ RequestItems: { [tableName]: batch } }),
            );
            batch = (out.UnprocessedItems?.[tableName] ?? []) as typeof batch;
          }
        }),
      );
    }

    const store = new DynamoDBTokenStore({ tableName, docClient: doc });
    const rows: string[][] = [];

    for (const pageSize of [100, 1000, undefined]) {
      const bareScan = async (): Promise<number> => {
        let count = 0;
        let startKey: Record<string, unknown> | undefined;
        do {
          const out = await doc.send(
            new ScanCommand({
              TableName: tableName,
              ConsistentRead: true,
              ...(pageSize === undefined ? {} : { Limit: pageSize }),
              ...(startKey ? { ExclusiveStartKey: startKey } : {}),
            }),
          );
          count += out.Items?.length ?? 0;
          startKey = out.LastEvaluatedKey;
        } while (startKey);
        return count;
      };
      const storeScan = async (): Promise<number> => {
        let count = 0;
        for await (const _ of store.scan(pageSize === undefined ? {} : { pageSize })) count++;
        return count;
      };
      if ((await bareScan()) !== RECORDS || (await storeScan()) !== RECORDS) {
        throw new Error("scan did not see every record");
      }
      // Alternate which goes first, so neither always pays for the other's garbage.
      const scan = await compare(ROUNDS, storeScan, bareScan, { order: "alternate" });
      const ratio = scan.ratioOfMedians;
      const target = pageSize === undefined ? 1.1 : 1.2;
      rows.push([
        pageSize === undefined
          ? "scan 10,000 records, default pages (list())"
          : `scan 10,000 records, page ${pageSize}`,
        pageSize === undefined ? "bare ScanCommand loop, no Limit" : "bare ScanCommand loop",
        scan.floor.toFixed(0),
        scan.ours.toFixed(0),
        ratio.toFixed(2),
        `≤ ${target}`,
        verdict(ratio <= target),
      ]);
    }

    const ids = Array.from({ length: BATCH_IDS }, (_, i) => tokenId((i * 7) % RECORDS));
    const bareBatch = async (): Promise<number> => {
      let count = 0;
      for (let i = 0; i < ids.length; i += 100) {
        let keys: Record<string, unknown>[] = ids.slice(i, i + 100).map((id) => ({ tokenId: id }));
        while (keys.length > 0) {
          const out = await doc.send(
            new BatchGetCommand({
              RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } },
            }),
          );
          count += out.Responses?.[tableName]?.length ?? 0;
          keys = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
        }
      }
      return count;
    };
    const storeBatch = async (): Promise<number> => (await store.batchGet(ids)).found.length;
    if ((await bareBatch()) !== BATCH_IDS || (await storeBatch()) !== BATCH_IDS) {
      throw new Error("batch get did not find every record");
    }
    const batch = await compare(ROUNDS * 2, storeBatch, bareBatch, { order: "alternate" });
    const batchRatio = batch.ratioOfMedians;
    rows.push([
      "batchGet 1,000 ids",
      "same 10 BatchGetItem requests, sequential",
      batch.floor.toFixed(0),
      batch.ours.toFixed(0),
      batchRatio.toFixed(2),
      "< 1 (faster)",
      verdict(batchRatio < 1),
    ]);

    console.log(
      `DynamoDB (${dynamo.provider}), Node ${process.version}, medians of ${ROUNDS}+ rounds\n`,
    );
    console.log(
      markdownTable(
        ["benchmark", "floor", "floor ms", "@pat/store ms", "ratio", "target", "met"],
        rows,
        ["left", "left", "right", "right", "right"],
      ),
    );
  } finally {
    await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    await dynamo.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
