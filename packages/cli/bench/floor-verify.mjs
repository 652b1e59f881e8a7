// Floor of `pat verify` for the CLI benchmark: what any one-shot process verifying a token must
// do at least: start Node, load the DynamoDB client, one GetItem (consistent), one scrypt at the
// default cost, one conditional UpdateItem. Usage: node floor-verify.mjs <endpoint> <table> <id>
import { randomBytes, scrypt } from "node:crypto";
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";

const [endpoint, table, tokenId] = process.argv.slice(2);
const client = new DynamoDBClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
const key = { tokenId: { S: tokenId } };
await client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }));
await new Promise((resolve, reject) =>
  scrypt(
    randomBytes(32),
    randomBytes(16),
    64,
    { N: 16384, r: 8, p: 1, maxmem: 64 << 20 },
    (e, k) => (e ? reject(e) : resolve(k)),
  ),
);
await client.send(
  new UpdateItemCommand({
    TableName: table,
    Key: key,
    UpdateExpression: "SET lastUsedAt = :now",
    ConditionExpression: "attribute_exists(tokenId)",
    ExpressionAttributeValues: { ":now": { N: String(Math.floor(Date.now() / 1000)) } },
  }),
);
client.destroy();
