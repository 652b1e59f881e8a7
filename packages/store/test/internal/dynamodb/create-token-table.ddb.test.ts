import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { createTokenTable } from "@pat/store";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { describe, expect, inject, it } from "vitest";

const client = testDynamoDBClient(inject("dynamodbEndpoint"));

async function drop(tableName: string): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
}

describe("createTokenTable", () => {
  it("creates an ACTIVE table with the owner index and TTL on expiresAt", async () => {
    const tableName = uniqueTableName("create-table");
    try {
      expect(await createTokenTable({ client, tableName })).toEqual({ tableName, created: true });
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      expect(Table?.TableStatus).toBe("ACTIVE");
      expect(Table?.KeySchema).toEqual([{ AttributeName: "tokenId", KeyType: "HASH" }]);
      const index = Table?.GlobalSecondaryIndexes?.[0];
      expect(index?.IndexName).toBe("owner-index");
      expect(index?.KeySchema).toEqual([{ AttributeName: "owner", KeyType: "HASH" }]);
      expect(index?.Projection?.ProjectionType).toBe("ALL");
      const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
      expect(ttl.TimeToLiveDescription).toMatchObject({
        TimeToLiveStatus: "ENABLED",
        AttributeName: "expiresAt",
      });
    } finally {
      await drop(tableName);
    }
  });

  it("is safe on an existing table, and completes one without index or TTL", async () => {
    const tableName = uniqueTableName("create-table-existing");
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: "tokenId", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "tokenId", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    try {
      expect(await createTokenTable({ client, tableName })).toEqual({ tableName, created: false });
      expect(await createTokenTable({ client, tableName })).toEqual({ tableName, created: false });
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(["owner-index"]);
      const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
      expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe("ENABLED");
    } finally {
      await drop(tableName);
    }
  });

  it("creates provisioned tables, without index or TTL when asked", async () => {
    const tableName = uniqueTableName("create-table-provisioned");
    try {
      await createTokenTable({
        client,
        tableName,
        ownerIndex: false,
        ttl: false,
        billing: { read: 5, write: 5 },
      });
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      expect(Table?.GlobalSecondaryIndexes).toBeUndefined();
      expect(Table?.ProvisionedThroughput?.ReadCapacityUnits).toBe(5);
      const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
      expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe("DISABLED");
    } finally {
      await drop(tableName);
    }
  });

  it("refuses bad options with INVALID_CONFIG", async () => {
    await expect(
      createTokenTable({ client, tableName: "ok-name", billing: { read: 0, write: 1 } }),
    ).rejects.toMatchObject({ code: "INVALID_CONFIG" });
    await expect(createTokenTable({ client, tableName: "x" })).rejects.toMatchObject({
      code: "INVALID_CONFIG",
    });
  });
});
