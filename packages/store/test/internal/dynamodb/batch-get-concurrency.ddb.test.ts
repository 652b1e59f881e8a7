/**
 * `batchGet` against DynamoDB Local keeps at most `batchGetConcurrency` BatchGetItem requests in
 * flight (default 4), counted by a middleware on the SDK client the store sends through.
 */
import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoDBTokenStore, PatError, type TokenRecord } from "@pat/store";
import { testDynamoDBClient } from "@pat/tooling/dynamodb";
import { describe, expect, inject, it } from "vitest";
import { makeRecord } from "../../../src/internal/conformance/fixtures.js";
import { withTable } from "../../support/tables.js";

const endpoint = inject("dynamodbEndpoint");
const direct = testDynamoDBClient(endpoint);
const doc = DynamoDBDocumentClient.from(direct);

/** A client that counts the BatchGetItem requests in flight, and the most seen at once. */
function countingClient() {
  const client = testDynamoDBClient(endpoint);
  const counts = { inFlight: 0, most: 0, requests: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = (args as { input?: { RequestItems?: unknown; Keys?: unknown } }).input;
      if (input?.RequestItems === undefined) return next(args);
      counts.requests++;
      counts.most = Math.max(counts.most, ++counts.inFlight);
      try {
        return await next(args);
      } finally {
        counts.inFlight--;
      }
    },
    { step: "initialize", name: "countBatchGetInFlight" },
  );
  return { client, counts };
}

async function seed(tableName: string, count: number): Promise<TokenRecord[]> {
  const records = Array.from({ length: count }, () => makeRecord());
  for (let i = 0; i < records.length; i += 25) {
    const puts = records.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: puts } }));
  }
  return records;
}

describe("DynamoDBTokenStore.batchGet requests in flight", () => {
  it("keeps at most 4 BatchGetItem requests in flight by default, and reads every record", () =>
    withTable(direct, "batch-inflight", async (tableName) => {
      const records = await seed(tableName, 1000);
      const { client, counts } = countingClient();
      const store = new DynamoDBTokenStore({ tableName, ddbClient: client });
      const { found, notFound } = await store.batchGet(records.map((r) => r.tokenId));
      expect(found.map((r) => r.tokenId)).toEqual(records.map((r) => r.tokenId));
      expect(notFound).toEqual([]);
      expect(counts.requests).toBe(10);
      expect(counts.most).toBe(4);
    }));

  it("honours batchGetConcurrency", () =>
    withTable(direct, "batch-inflight", async (tableName) => {
      const records = await seed(tableName, 500);
      for (const batchGetConcurrency of [1, 2, 8]) {
        const { client, counts } = countingClient();
        const store = new DynamoDBTokenStore({ tableName, ddbClient: client, batchGetConcurrency });
        const { found } = await store.batchGet(records.map((r) => r.tokenId));
        expect(found).toHaveLength(500);
        expect(counts.requests).toBe(5);
        expect(counts.most).toBe(Math.min(batchGetConcurrency, 5));
      }
    }));

  it("refuses a batchGetConcurrency outside 1-64 with INVALID_CONFIG", () => {
    for (const batchGetConcurrency of [0, 65, 1.5, Number.NaN]) {
      let caught: unknown;
      try {
        new DynamoDBTokenStore({ tableName: "any-table", ddbClient: direct, batchGetConcurrency });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PatError);
      expect(caught).toMatchObject({
        code: "INVALID_CONFIG",
        message: "DynamoDBTokenStore: batchGetConcurrency must be an integer from 1 to 64",
      });
    }
  });
});
