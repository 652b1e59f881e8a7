import {
  BatchGetItemCommand,
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import {
  startFaultProxy,
  testDynamoDBClient,
  uniqueTableName,
  type FaultProxy,
} from "../src/dynamodb/index";

const endpoint = inject("dynamodbEndpoint");
const tableName = uniqueTableName("fault-proxy");
let direct: DynamoDBClient;

beforeAll(async () => {
  direct = testDynamoDBClient(endpoint);
  await direct.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
});

afterAll(() => direct.destroy());

async function withProxy<T>(
  seed: number,
  run: (proxy: FaultProxy, client: (maxAttempts: number) => DynamoDBClient) => Promise<T>,
): Promise<T> {
  const proxy = await startFaultProxy({ target: endpoint, seed });
  const clients: DynamoDBClient[] = [];
  const client = (maxAttempts: number): DynamoDBClient => {
    const created = testDynamoDBClient(proxy.endpoint, {
      maxAttempts,
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 },
    });
    clients.push(created);
    return created;
  };
  try {
    return await run(proxy, client);
  } finally {
    for (const created of clients) created.destroy();
    await proxy.close();
  }
}

function put(id: string, value = "v"): PutItemCommand {
  return new PutItemCommand({ TableName: tableName, Item: { id: { S: id }, value: { S: value } } });
}

async function storedValue(id: string): Promise<string | undefined> {
  const out = await direct.send(
    new GetItemCommand({ TableName: tableName, Key: { id: { S: id } }, ConsistentRead: true }),
  );
  return out.Item?.["value"]?.S;
}

async function settle(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("startFaultProxy", () => {
  it("answers a ValidationException quoting the request body, without forwarding", async () => {
    await withProxy(1, async (proxy, client) => {
      const ddb = client(1);
      proxy.setFaults({ echo: 1, operations: ["PutItem"] });
      const error = (await settle(ddb.send(put("echoed", "quoted-value-123")))) as Error;
      expect(error.name).toBe("ValidationException");
      expect(error.message).toContain("quoted-value-123");
      expect(
        (error as Error & { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode,
      ).toBe(400);
      expect(await storedValue("echoed")).toBeUndefined();
      expect(proxy.stats()).toMatchObject({ echo: 1, forwarded: 0 });
      expect(() => proxy.setFaults({ echo: 0.6, http500: 0.6 })).toThrow(RangeError);
    });
  });

  it("forwards requests unchanged when no fault is set", async () => {
    await withProxy(1, async (proxy, client) => {
      const ddb = client(1);
      await ddb.send(put("plain", "hello"));
      const out = await ddb.send(
        new GetItemCommand({ TableName: tableName, Key: { id: { S: "plain" } } }),
      );
      expect(out.Item?.["value"]?.S).toBe("hello");
      expect(proxy.stats()).toMatchObject({
        requests: 2,
        forwarded: 2,
        byOperation: { PutItem: 1, GetItem: 1 },
        http500: 0,
        throttle: 0,
        reset: 0,
      });
    });
  });

  it("answers InternalServerError before forwarding, so the write does not happen", async () => {
    await withProxy(2, async (proxy, client) => {
      proxy.setFaults({ http500: 1 });
      const error = await settle(client(1).send(put("before-500")));
      expect(error).toMatchObject({
        name: "InternalServerError",
        $metadata: { httpStatusCode: 500 },
      });
      expect(await storedValue("before-500")).toBeUndefined();
      expect(proxy.stats()).toMatchObject({ http500: 1, forwarded: 0, afterForward: 0 });
    });
  });

  it("answers ThrottlingException after forwarding, so the write happened unacknowledged", async () => {
    await withProxy(3, async (proxy, client) => {
      proxy.setFaults({ throttle: 1, phase: "after" });
      const error = await settle(client(1).send(put("after-throttle", "landed")));
      expect(error).toMatchObject({
        name: "ThrottlingException",
        message: "Injected throttling",
        $metadata: { httpStatusCode: 400 },
      });
      expect(await storedValue("after-throttle")).toBe("landed");
      expect(proxy.stats()).toMatchObject({ throttle: 1, forwarded: 1, afterForward: 1 });
    });
  });

  it("resets the connection, and the SDK retries it into a success", async () => {
    await withProxy(4, async (proxy, client) => {
      proxy.setFaults({ reset: 1 });
      const failure = await settle(client(1).send(put("reset-once")));
      expect(failure).toBeInstanceOf(Error);
      expect(await storedValue("reset-once")).toBeUndefined();

      proxy.setFaults({ reset: 0.5 });
      const ddb = client(20);
      for (let i = 0; i < 10; i++) await ddb.send(put(`reset-${i}`, String(i)));
      for (let i = 0; i < 10; i++) expect(await storedValue(`reset-${i}`)).toBe(String(i));
      expect(proxy.stats().reset).toBeGreaterThan(1);
    });
  });

  it("limits faults to the listed operations", async () => {
    await withProxy(5, async (proxy, client) => {
      proxy.setFaults({ http500: 1, operations: ["GetItem"] });
      const ddb = client(1);
      await ddb.send(put("only-get"));
      const error = await settle(
        ddb.send(new GetItemCommand({ TableName: tableName, Key: { id: { S: "only-get" } } })),
      );
      expect(error).toMatchObject({ name: "InternalServerError" });
      expect(proxy.stats()).toMatchObject({ http500: 1, byOperation: { PutItem: 1, GetItem: 1 } });
    });
  });

  it("trims BatchGetItem answers into UnprocessedKeys, every key exactly once", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `batch-${i}`);
    for (const id of ids) await direct.send(put(id, id));
    await withProxy(6, async (proxy, client) => {
      proxy.setFaults({ trimBatchGet: 0.5 });
      const out = await client(1).send(
        new BatchGetItemCommand({
          RequestItems: {
            [tableName]: {
              Keys: ids.map((id) => ({ id: { S: id } })),
              ProjectionExpression: "#id, #v",
              ExpressionAttributeNames: { "#id": "id", "#v": "value" },
            },
          },
        }),
      );
      const returned = (out.Responses?.[tableName] ?? []).map((item) => item["id"]?.S);
      const unprocessed = out.UnprocessedKeys?.[tableName];
      const pending = (unprocessed?.Keys ?? []).map((key) => key["id"]?.S);
      expect(returned.length).toBeGreaterThan(0);
      expect(pending.length).toBeGreaterThan(0);
      expect([...returned, ...pending].sort()).toEqual([...ids].sort());
      expect(unprocessed?.ProjectionExpression).toBe("#id, #v");
      expect(proxy.stats().trimmedKeys).toBe(pending.length);
    });
  });

  it("injects the same faults for the same seed", async () => {
    const outcomes = async (seed: number): Promise<string[]> =>
      withProxy(seed, async (proxy, client) => {
        proxy.setFaults({ http500: 0.3, throttle: 0.3 });
        const ddb = client(1);
        const seen: string[] = [];
        for (let i = 0; i < 12; i++) {
          const error = await settle(ddb.send(put(`seeded-${i}`)));
          seen.push(error === undefined ? "ok" : (error as Error).name);
        }
        return seen;
      });
    const first = await outcomes(42);
    expect(await outcomes(42)).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it("refuses shares outside [0, 1] and error shares above 1 in total", async () => {
    await withProxy(7, async (proxy) => {
      expect(() => proxy.setFaults({ http500: 1.5 })).toThrow(/http500 must be a share/);
      expect(() => proxy.setFaults({ throttle: -0.1 })).toThrow(RangeError);
      expect(() => proxy.setFaults({ http500: 0.6, reset: 0.6 })).toThrow(/at most 1/);
    });
  });
});
