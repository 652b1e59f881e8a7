/**
 * The DynamoDB adapter against a real endpoint: the conformance suite, then what is particular to
 * DynamoDB (the stored attribute types, consistency flags, lazy paging, the document client
 * option, storage errors, options, the write nonce under lost answers, the bootstrap marker).
 * Every test has a table of its own.
 */
import {
  DeleteTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createTokenTable, DynamoDBTokenStore, type TokenRecord } from "@pat/store";
import { describeTokenStoreConformance } from "@pat/store/testing";
import { testDynamoDBClient, uniqueTableName } from "@pat/tooling/dynamodb";
import { describe, expect, it, inject } from "vitest";
import {
  makeRecord,
  NEXT_YEAR,
  placeholderPhc,
} from "../../../src/internal/conformance/fixtures.js";
import { withTable } from "../../support/tables.js";

const endpoint = inject("dynamodbEndpoint");
const client = testDynamoDBClient(endpoint);
const doc = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true },
});
const PHC = placeholderPhc(4);

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

/** A valid record with a fresh id, created a while ago. */
function record(overrides: Partial<TokenRecord> = {}): TokenRecord {
  return makeRecord({ secretPhc: PHC, createdAt: 1_700_000_000, ...overrides });
}

/**
 * A client whose first request of each listed operation reaches DynamoDB and takes effect, but
 * whose answer is replaced by a retryable server error, so the SDK sends the request again.
 */
function lostAnswerClient(operations: string[]): { client: DynamoDBClient; lost: string[] } {
  const lossy = testDynamoDBClient(endpoint, { maxAttempts: 3 });
  const lost: string[] = [];
  lossy.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, "");
      const result = await next(args);
      if (operations.includes(name) && !lost.includes(name)) {
        lost.push(name);
        throw Object.assign(new Error("answer lost"), {
          name: "InternalServerError",
          $fault: "server",
          $metadata: { httpStatusCode: 500 },
        });
      }
      return result;
    },
    { step: "deserialize", name: "patLoseAnswer" },
  );
  return { client: lossy, lost };
}

/** A client that records every command's name and input as the store sent them. */
function spyingClient(): {
  client: DynamoDBClient;
  sent: { name: string; input: Record<string, unknown> }[];
} {
  const spy = testDynamoDBClient(endpoint);
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  spy.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({
        name: String(context.commandName),
        input: args.input as Record<string, unknown>,
      });
      return next(args);
    },
    { step: "initialize", name: "patSpy" },
  );
  return { client: spy, sent };
}

describe("DynamoDBTokenStore on DynamoDB", () => {
  it("stores roles as a String Set and omits them when empty", () =>
    withTable(client, "store-adapter", async (tableName) => {
      const store = new DynamoDBTokenStore({ tableName, ddbClient: client });
      const withRoles = record({ roles: ["reader", "writer"] });
      const without = record();
      await store.create(withRoles);
      await store.create(without);
      const raw = await client.send(
        new GetItemCommand({ TableName: tableName, Key: { tokenId: { S: withRoles.tokenId } } }),
      );
      expect([...(raw.Item?.roles?.SS ?? [])].sort()).toEqual(["reader", "writer"]);
      const bare = await client.send(
        new GetItemCommand({ TableName: tableName, Key: { tokenId: { S: without.tokenId } } }),
      );
      expect(bare.Item?.roles).toBeUndefined();
      expect(bare.Item?.isAdmin).toEqual({ BOOL: false });
    }));

  it("reads an item written in the @access-tokens/core layout", () =>
    withTable(client, "store-adapter", async (tableName) => {
      const tokenId = "legacy000000000000001";
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            tokenId: { S: tokenId },
            secretPhc: { S: PHC },
            owner: { S: "legacy" },
            isAdmin: { BOOL: true },
            roles: { SS: ["admin"] },
            isRevoked: { BOOL: false },
            createdAt: { N: "1700000000" },
            updatedAt: { N: "1700000001" },
            expiresAt: { N: String(NEXT_YEAR) },
          },
        }),
      );
      const store = new DynamoDBTokenStore({ tableName, ddbClient: client });
      expect(await store.get(tokenId)).toEqual({
        tokenId,
        secretPhc: PHC,
        owner: "legacy",
        isAdmin: true,
        roles: ["admin"],
        createdAt: 1_700_000_000,
        expiresAt: NEXT_YEAR,
      });
    }));

  it("reads strongly consistently by default, and eventually when configured", () =>
    withTable(client, "store-adapter", async (tableName) => {
      const r = record();
      const strong = spyingClient();
      const store = new DynamoDBTokenStore({ tableName, ddbClient: strong.client });
      await store.create(r);
      await store.get(r.tokenId);
      await store.batchGet([r.tokenId]);
      for await (const _ of store.scan({ pageSize: 1 })) break;
      for await (const _ of store.queryByOwner("alice", { pageSize: 1 })) break;
      const byName = (sent: typeof strong.sent, name: string) =>
        sent.find((s) => s.name === name)?.input;
      expect(byName(strong.sent, "GetItemCommand")?.ConsistentRead).toBe(true);
      expect(byName(strong.sent, "ScanCommand")?.ConsistentRead).toBe(true);
      const batch = byName(strong.sent, "BatchGetItemCommand") as {
        RequestItems: Record<string, { ConsistentRead?: boolean }>;
      };
      expect(batch.RequestItems[tableName]?.ConsistentRead).toBe(true);
      // A GSI cannot be read consistently: the query never asks for it.
      expect(byName(strong.sent, "QueryCommand")?.ConsistentRead).toBeUndefined();

      const weak = spyingClient();
      const eventual = new DynamoDBTokenStore({
        tableName,
        ddbClient: weak.client,
        consistentRead: false,
      });
      await eventual.get(r.tokenId);
      await eventual.isEmpty();
      expect(byName(weak.sent, "GetItemCommand")?.ConsistentRead).toBe(false);
      // Emptiness decides bootstrap: always a consistent read.
      expect(byName(weak.sent, "ScanCommand")?.ConsistentRead).toBe(true);
    }));

  it("pages lazily: the next Scan is sent only when the consumer asks for more", () =>
    withTable(client, "store-adapter", async (tableName) => {
      const spy = spyingClient();
      const store = new DynamoDBTokenStore({ tableName, ddbClient: spy.client });
      await Promise.all(Array.from({ length: 12 }, () => store.create(record())));
      const before = spy.sent.filter((s) => s.name === "ScanCommand").length;
      const iterator = store.scan({ pageSize: 5 })[Symbol.asyncIterator]();
      for (let i = 0; i < 5; i++) await iterator.next();
      expect(spy.sent.filter((s) => s.name === "ScanCommand").length - before).toBe(1);
      await iterator.next();
      expect(spy.sent.filter((s) => s.name === "ScanCommand").length - before).toBe(2);
      await iterator.return?.();
    }));

  it("works with a document client given as docClient", () =>
    withTable(client, "store-adapter", async (tableName) => {
      const docClient = DynamoDBDocumentClient.from(client);
      const store = new DynamoDBTokenStore({ tableName, docClient });
      const r = record({ roles: ["x"] });
      await store.create(r);
      expect(await store.get(r.tokenId)).toEqual(r);
    }));

  it("throws STORAGE_ERROR naming a missing table, with the SDK error as cause", async () => {
    const store = new DynamoDBTokenStore({ tableName: "no-such-table-here", ddbClient: client });
    const error = await store.get("34NwRzvnBbgI3uedkrQ3Q").catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "STORAGE_ERROR",
      storageErrorName: "ResourceNotFoundException",
      // Ours, then DynamoDB's own words.
      message: expect.stringMatching(
        /^DynamoDB table not found: no-such-table-here \(GetItem\): \S/,
      ) as unknown,
    });
    expect((error as Error).cause).toMatchObject({ name: "ResourceNotFoundException" });
    await expect(store.isEmpty()).rejects.toMatchObject({ code: "STORAGE_ERROR" });
    await expect(store.approximateCount()).rejects.toMatchObject({ code: "STORAGE_ERROR" });
  });

  it("refuses bad options with INVALID_CONFIG", () => {
    const tableName = "tokens";
    const cases: unknown[] = [
      { tableName },
      { tableName, ddbClient: client, docClient: DynamoDBDocumentClient.from(client) },
      { tableName: "", ddbClient: client },
      { tableName, ddbClient: client, consistentRead: "yes" },
      { tableName, ddbClient: client, ownerIndexName: "" },
      { tableName, ddbClient: client, retry: { maxAttempts: 0 } },
    ];
    for (const options of cases) {
      expect(
        () =>
          new DynamoDBTokenStore(options as ConstructorParameters<typeof DynamoDBTokenStore>[0]),
      ).toThrow(expect.objectContaining({ code: "INVALID_CONFIG" }));
    }
  });

  it("counts items approximately through DescribeTable", () =>
    withTable(client, "store-adapter", async (tableName) => {
      const store = new DynamoDBTokenStore({ tableName, ddbClient: client });
      const count = await store.approximateCount();
      expect(Number.isSafeInteger(count) && count >= 0).toBe(true);
    }));

  it("recognises its own committed write when the SDK retries after a lost answer", () =>
    withTable(client, "store-adapter", async (tableName) => {
      const { client: lossy, lost } = lostAnswerClient(["PutItem", "UpdateItem"]);
      const store = new DynamoDBTokenStore({ tableName, ddbClient: lossy });
      const r = record({ roles: ["reader"] });
      await store.create(r);
      const rotated = await store.update(
        r.tokenId,
        { secretPhc: `${PHC}x` },
        { expectedSecretPhc: PHC },
      );
      expect(lost).toEqual(["PutItem", "UpdateItem"]);
      expect(rotated).toEqual({ ...r, secretPhc: `${PHC}x` });
      // The nonce stays in the item but never reaches a record.
      expect(await store.get(r.tokenId)).toEqual({ ...r, secretPhc: `${PHC}x` });
      // A genuine duplicate is still refused.
      await expect(store.create(r)).rejects.toMatchObject({ code: "TOKEN_EXISTS" });
    }));

  it("bootstraps once even when the transaction's answer was lost", () =>
    withTable(client, "store-adapter", async (tableName) => {
      const { client: lossy, lost } = lostAnswerClient(["TransactWriteItems"]);
      const store = new DynamoDBTokenStore({ tableName, ddbClient: lossy });
      const admin = record({ isAdmin: true });
      expect(await store.createFirst(admin)).toBe(true);
      expect(lost).toEqual(["TransactWriteItems"]);
      expect(await store.createFirst(admin)).toBe(false);
      expect(await store.get(admin.tokenId)).toEqual(admin);
    }));

  it("leaves the bootstrap marker out of approximateCount", () =>
    withTable(client, "store-adapter", async (tableName) => {
      const store = new DynamoDBTokenStore({ tableName, ddbClient: client });
      expect(await store.approximateCount()).toBe(0);
      expect(await store.createFirst(record({ isAdmin: true }))).toBe(true);
      await store.create(record());
      expect(await store.approximateCount()).toBe(2);
    }));
});
