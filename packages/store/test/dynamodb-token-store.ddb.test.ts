import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createTokenTable, DynamoDBTokenStore } from "@pat/store";
import { describeTokenStoreConformance } from "@pat/store/testing";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { inject } from "vitest";

const client = testDynamoDBClient(inject("dynamodbEndpoint"));
const doc = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true },
});

// A fresh table per test, without TTL so no sweeper races a test.
describeTokenStoreConformance("DynamoDBTokenStore", async () => {
  const tableName = uniqueTableName("store-conformance");
  await createTokenTable({ client, tableName, ttl: false });
  return {
    store: new DynamoDBTokenStore({ tableName, ddbClient: client }),
    peek: async (tokenId) => {
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: { tokenId }, ConsistentRead: true }),
      );
      return out.Item ?? null;
    },
    putRaw: async (item) => {
      await doc.send(new PutCommand({ TableName: tableName, Item: item }));
    },
    cleanup: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
});
