/**
 * The verify hot path of the DynamoDB adapter: `get` then `touch` of one token, sequentially, vs
 * a bare low-level `GetItemCommand` + `UpdateItemCommand` loop on the same client and table (the
 * floor), one after another and 8 at a time. Prints medians of alternating rounds and the ratio
 * @pat/store / floor (time; 1.0 = no overhead). Run: `pnpm --filter @pat/store bench:hot-path`
 * (starts its own DynamoDB Local unless `DYNAMODB_ENDPOINT` is set).
 */
import { DeleteTableCommand, GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { startDynamoDBLocal, testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { compare, markdownHeader, markdownRow, pool } from "@pat/tooling/bench";
import { createTokenTable, DynamoDBTokenStore } from "../src/index.js";
import { placeholderPhc } from "../src/internal/conformance/fixtures.js";

const N = Number(process.env.HOT_PATH_N ?? 2000);
const ROUNDS = 5;

const local = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDBLocal();
const endpoint = process.env.DYNAMODB_ENDPOINT ?? (local?.endpoint as string);
const client = testDynamoDBClient(endpoint);
const tableName = uniqueTableName("store-hot-path");
try {
  await createTokenTable({ client, tableName, ttl: false });
  const store = new DynamoDBTokenStore({ tableName, ddbClient: client });
  const tokenId = "hotpath00000000000001";
  await store.create({
    tokenId,
    secretPhc: placeholderPhc(4),
    owner: "alice",
    isAdmin: false,
    roles: ["reader", "writer"],
    createdAt: 1_700_000_000,
    expiresAt: 2_000_000_000,
  });
  const bare = async (i: number): Promise<void> => {
    const out = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { tokenId: { S: tokenId } },
        ConsistentRead: true,
      }),
    );
    if (out.Item === undefined) throw new Error("missing");
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { tokenId: { S: tokenId } },
        UpdateExpression: "SET #l = :l",
        ConditionExpression: "attribute_exists(#t) AND NOT attribute_type(#r, :n)",
        ExpressionAttributeNames: { "#l": "lastUsedAt", "#t": "tokenId", "#r": "revokedAt" },
        ExpressionAttributeValues: { ":l": { N: String(1_700_000_000 + i) }, ":n": { S: "N" } },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
  };
  const adapter = async (i: number): Promise<void> => {
    if ((await store.get(tokenId)) === null) throw new Error("missing");
    await store.touch(tokenId, 1_700_000_000 + i);
  };
  await pool(8, N, bare);
  await pool(8, N, adapter);
  console.log(
    markdownHeader([
      `get+touch x ${N}, concurrency`,
      "bare GetItem+UpdateItem ms",
      "@pat/store ms",
      "ratio",
    ]),
  );
  for (const concurrency of [1, 8]) {
    const { floor, ours, ratioOfMedians } = await compare(
      ROUNDS,
      () => pool(concurrency, N, adapter),
      () => pool(concurrency, N, bare),
      { order: "floor-first" },
    );
    console.log(
      markdownRow([
        String(concurrency),
        floor.toFixed(0),
        ours.toFixed(0),
        ratioOfMedians.toFixed(2),
      ]),
    );
  }
} finally {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  await local?.stop();
}
