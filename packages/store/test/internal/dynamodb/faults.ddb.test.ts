/**
 * The DynamoDB adapter through a fault-injecting proxy: 500s, throttling and reset connections,
 * before and after the request reached DynamoDB Local, and BatchGetItem answers trimmed into
 * UnprocessedKeys. What is checked is read through a direct client, not through the proxy. Each
 * test has a table and a proxy of its own, so its seeded fault draws are its own.
 */
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { DynamoDBTokenStore, PatError, type TokenRecord, validateRecord } from "@pat/store";
import {
  type FaultProxy,
  startFaultProxy,
  testDynamoDBClient,
  uniqueTableName,
} from "@pat/tooling/dynamodb";
import { describe, expect, inject, it } from "vitest";
import { placeholderPhc } from "../../../src/internal/conformance/fixtures.js";
import { withTable } from "../../support/tables.js";

const endpoint = inject("dynamodbEndpoint");
const direct = testDynamoDBClient(endpoint);
const doc = DynamoDBDocumentClient.from(direct);
const PHC = placeholderPhc(4);
const FUTURE = Math.floor(Date.now() / 1000) + 365 * 24 * 3600;

function record(i: number, prefix: string): TokenRecord {
  return {
    tokenId: `${prefix}${String(i).padStart(21 - prefix.length, "0")}`,
    secretPhc: `${PHC}${i}`,
    owner: "before",
    isAdmin: false,
    roles: ["base"],
    createdAt: 1_700_000_000 + i,
    expiresAt: FUTURE,
  };
}

async function peek(tableName: string, tokenId: string): Promise<Record<string, unknown> | null> {
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: { tokenId }, ConsistentRead: true }),
  );
  return out.Item ?? null;
}

/** Runs `fn` and reports whether it resolved; a rejection must be a typed PatError. */
async function outcome<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    expect(error).toBeInstanceOf(PatError);
    return { ok: false };
  }
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/**
 * The SDK's own retry loop with short fixed delays (the standard strategy waits up to seconds
 * after a throttle): up to four attempts for throttling, transient and server errors.
 */
function quickRetries(maxAttempts: number) {
  const token = (count: number) => ({
    getRetryCount: () => count,
    getRetryDelay: () => (count === 0 ? 0 : 5 * count),
  });
  return {
    mode: "standard",
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (
      previous: ReturnType<typeof token>,
      info: { errorType: string },
    ) => {
      const next = previous.getRetryCount() + 1;
      if (info.errorType === "CLIENT_ERROR" || next >= maxAttempts) throw new Error("no retry");
      return token(next);
    },
    recordSuccess: () => undefined,
  };
}

/** A test's own table, a fault proxy (seed 42) in front of DynamoDB, and stores on both. */
interface FaultEnv {
  readonly tableName: string;
  readonly proxy: FaultProxy;
  /** Through the proxy, with quick SDK retries and a generous retry bound of its own. */
  readonly faulty: DynamoDBTokenStore;
  /** Straight to DynamoDB. */
  readonly plain: DynamoDBTokenStore;
}

function withFaults(test: (env: FaultEnv) => Promise<void>): Promise<void> {
  return withTable(direct, "store-faults", async (tableName) => {
    const proxy = await startFaultProxy({ target: endpoint, seed: 42 });
    try {
      const client = testDynamoDBClient(proxy.endpoint, {
        maxAttempts: 4,
        retryStrategy: quickRetries(4),
        requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
      });
      const faulty = new DynamoDBTokenStore({
        tableName,
        ddbClient: client,
        retry: { maxAttempts: 12, baseDelayMs: 5, maxDelayMs: 50 },
      });
      const plain = new DynamoDBTokenStore({ tableName, ddbClient: direct });
      await test({ tableName, proxy, faulty, plain });
    } finally {
      await proxy.close();
    }
  });
}

describe("DynamoDBTokenStore under injected faults", () => {
  it("loses no acknowledged write and leaves no record half-updated", () =>
    withFaults(async ({ tableName, proxy, faulty }) => {
      proxy.setFaults({ http500: 0.1, throttle: 0.05, reset: 0.05, phase: "random" });
      const records = Array.from({ length: 60 }, (_, i) => record(i, "fault"));
      const created = new Set<string>();
      await inBatches(records, 10, async (r) => {
        const result = await outcome(() => faulty.create(r));
        if (result.ok) created.add(r.tokenId);
      });

      // One update changes three attributes at once: they must land together or not at all.
      const updated = new Set<string>();
      const revoked = new Set<string>();
      await inBatches([...created], 10, async (tokenId) => {
        const result = await outcome(() =>
          faulty.update(tokenId, { owner: "after", isAdmin: true, roles: { add: ["extra"] } }),
        );
        if (result.ok) updated.add(tokenId);
        if (Number(tokenId.slice(-2)) % 3 === 0) {
          const r = await outcome(() =>
            faulty.revoke(tokenId, { revokedAt: 1_700_000_500, cleanupAt: FUTURE - 100 }),
          );
          if (r.ok) revoked.add(tokenId);
        }
        await outcome(() => faulty.touch(tokenId, 1_700_000_900));
      });
      const restored = new Set<string>();
      await inBatches([...revoked], 10, async (tokenId) => {
        if (Number(tokenId.slice(-2)) % 2 !== 0) return;
        const r = await outcome(() => faulty.restore(tokenId));
        if (r.ok) restored.add(tokenId);
      });
      expect(restored.size).toBeGreaterThan(0);
      proxy.setFaults({});
      const stats = proxy.stats();
      expect(stats.http500 + stats.throttle + stats.reset).toBeGreaterThan(10);
      expect(stats.afterForward).toBeGreaterThan(0);

      for (const r of records) {
        const item = await peek(tableName, r.tokenId);
        if (created.has(r.tokenId)) expect(item).not.toBeNull();
        if (item === null) continue;
        const stored = validateRecord(item);
        expect(stored.secretPhc).toBe(r.secretPhc);
        const applied = stored.owner === "after";
        expect(stored.isAdmin).toBe(applied);
        expect([...(stored.roles ?? [])].sort()).toEqual(applied ? ["base", "extra"] : ["base"]);
        if (updated.has(r.tokenId)) expect(applied).toBe(true);
        if (restored.has(r.tokenId)) {
          expect(stored.revokedAt).toBeUndefined();
          expect(stored.expiresAt).toBe(FUTURE);
          expect(item.expiresAtBeforeRevoke).toBeUndefined();
        } else if (revoked.has(r.tokenId)) {
          expect(stored.revokedAt).toBe(1_700_000_500);
          expect(stored.expiresAt).toBe(FUTURE - 100);
          expect(item.expiresAtBeforeRevoke).toBe(FUTURE);
        } else if (stored.revokedAt === undefined) {
          expect(stored.expiresAt).toBe(FUTURE);
        }
      }
    }));

  it("batchGet under trimmed answers returns every key exactly once", () =>
    withFaults(async ({ proxy, faulty, plain }) => {
      const records = Array.from({ length: 200 }, (_, i) => record(i, "batch"));
      await inBatches(records, 25, (r) => plain.create(r));
      const missing = Array.from({ length: 50 }, (_, i) => `missing${String(i).padStart(14, "0")}`);
      const ids = [
        ...records.map((r) => r.tokenId),
        ...missing,
        ...records.slice(0, 30).map((r) => r.tokenId),
      ];

      proxy.setFaults({ trimBatchGet: 0.5, operations: ["BatchGetItem"] });
      const before = proxy.stats().trimmedKeys;
      const result = await faulty.batchGet(ids);
      expect(proxy.stats().trimmedKeys - before).toBeGreaterThan(50);
      expect(result.found.map((r) => r.tokenId)).toEqual(records.map((r) => r.tokenId));
      expect(result.notFound).toEqual(missing);

      proxy.setFaults({
        trimBatchGet: 0.3,
        http500: 0.1,
        throttle: 0.1,
        operations: ["BatchGetItem"],
      });
      const again = await outcome(() => faulty.batchGet(ids));
      if (again.ok) {
        expect(again.value.found.map((r) => r.tokenId)).toEqual(records.map((r) => r.tokenId));
        expect(again.value.notFound).toEqual(missing);
      }
      proxy.setFaults({});
    }));

  it("throws STORAGE_ERROR when unprocessed keys outlast the retry bound", () =>
    withFaults(async ({ tableName, proxy, plain }) => {
      const bounded = new DynamoDBTokenStore({
        tableName,
        ddbClient: testDynamoDBClient(proxy.endpoint),
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
      });
      await plain.create(record(1, "batch"));
      proxy.setFaults({ trimBatchGet: 1, operations: ["BatchGetItem"] });
      try {
        await expect(bounded.batchGet([record(1, "batch").tokenId])).rejects.toMatchObject({
          code: "STORAGE_ERROR",
          storageErrorName: "UnprocessedKeys",
          message: `Max retries reached with 1 unprocessed items: DynamoDB BatchGetItem on table ${tableName} left 1 unprocessed keys after 3 attempts`,
        });
      } finally {
        proxy.setFaults({});
      }
    }));

  it("sends a chunk again when its request failed after the SDK's own retries", () =>
    withTable(direct, "store-faults", async (tableName) => {
      // A proxy of its own: its seeded draws then fall on this test's requests alone. With seed 7
      // and half the BatchGetItem requests answered 500, the first two fail and the third passes.
      const own = await startFaultProxy({
        target: endpoint,
        seed: 7,
        faults: { http500: 0.5, operations: ["BatchGetItem"] },
      });
      try {
        const noSdkRetries = new DynamoDBTokenStore({
          tableName,
          ddbClient: testDynamoDBClient(own.endpoint, { maxAttempts: 1 }),
          retry: { baseDelayMs: 1, maxDelayMs: 5 },
        });
        const records = Array.from({ length: 5 }, (_, i) => record(i, "thrown"));
        const plain = new DynamoDBTokenStore({ tableName, ddbClient: direct });
        await Promise.all(records.map((r) => plain.create(r)));
        const result = await noSdkRetries.batchGet(records.map((r) => r.tokenId));
        expect(result.found.map((r) => r.tokenId)).toEqual(records.map((r) => r.tokenId));
        expect(own.stats()).toMatchObject({ http500: 2, byOperation: { BatchGetItem: 3 } });

        // Every request failing: 4 attempts in all (3 retries), then the error, in its own words.
        own.setFaults({ http500: 1, operations: ["BatchGetItem"] });
        const error = await noSdkRetries
          .batchGet([record(0, "thrown").tokenId])
          .catch((e: unknown) => e);
        expect(error).toMatchObject({
          code: "STORAGE_ERROR",
          storageErrorName: "InternalServerError",
          message: expect.stringContaining("Injected internal error") as unknown,
        });
        expect(own.stats().byOperation.BatchGetItem).toBe(3 + 4);
      } finally {
        await own.close();
      }
    }));

  it("does not send again a chunk refused as the caller's fault (a missing table)", async () => {
    const own = await startFaultProxy({ target: endpoint });
    try {
      const missing = new DynamoDBTokenStore({
        tableName: uniqueTableName("store-faults-missing"),
        ddbClient: testDynamoDBClient(own.endpoint, { maxAttempts: 1 }),
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
      });
      await expect(missing.batchGet([record(1, "thrown").tokenId])).rejects.toMatchObject({
        code: "STORAGE_ERROR",
        storageErrorName: "ResourceNotFoundException",
      });
      expect(own.stats().byOperation.BatchGetItem).toBe(1);
    } finally {
      await own.close();
    }
  });

  it("scans, counts and bootstraps either correctly or with a typed error", () =>
    withFaults(async ({ tableName, proxy, faulty, plain }) => {
      // The table holds tokens: bootstrap must never succeed here.
      await inBatches(
        Array.from({ length: 30 }, (_, i) => record(i, "scan")),
        10,
        (r) => plain.create(r),
      );
      proxy.setFaults({ http500: 0.15, throttle: 0.1, reset: 0.05, phase: "random" });
      const scanned = await outcome(async () => {
        const ids: string[] = [];
        for await (const r of faulty.scan({ pageSize: 25 })) ids.push(r.tokenId);
        return ids;
      });
      if (scanned.ok) expect(new Set(scanned.value).size).toBe(scanned.value.length);
      await outcome(() => faulty.approximateCount());
      const first = await outcome(() => faulty.createFirst(record(999, "first")));
      if (first.ok) expect(first.value).toBe(false);
      proxy.setFaults({});
      expect(await peek(tableName, record(999, "first").tokenId)).toBeNull();
    }));
});
