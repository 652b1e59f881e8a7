/**
 * The floor of a verify on DynamoDB, shared by the benchmarks: the two requests a first-time
 * verify cannot do without, sent bare (a consistent GetItem of the token, then the conditional
 * UpdateItem of `lastUsedAt`), with no parsing, hashing or validation.
 */
import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";

/** Sends the bare GetItem + UpdateItem of a verify of `tokenId` on `tableName`. */
export async function bareVerifyRequests(
  client: DynamoDBClient,
  tableName: string,
  tokenId: string,
): Promise<void> {
  await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { tokenId: { S: tokenId } },
      ConsistentRead: true,
    }),
  );
  await client.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: { tokenId: { S: tokenId } },
      UpdateExpression: "SET #l = :now",
      ConditionExpression: "attribute_exists(#t) AND attribute_not_exists(#r)",
      ExpressionAttributeNames: { "#l": "lastUsedAt", "#t": "tokenId", "#r": "revokedAt" },
      ExpressionAttributeValues: { ":now": { N: String(Math.floor(Date.now() / 1000)) } },
    }),
  );
}
