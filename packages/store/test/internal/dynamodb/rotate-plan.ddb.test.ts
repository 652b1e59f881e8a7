/**
 * Rotation on a real DynamoDB endpoint, beyond the conformance suite: the transaction carries a
 * ClientRequestToken, a lost answer retried by the SDK mints no second successor, a change that
 * lands between rotate's read and its transaction is never copied stale into the successor, and
 * many concurrent rotations leave one successor. Every test has a table of its own, without TTL.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { DynamoDBTokenStore, type RotateRequest, type TokenRecord } from "@pat/store";
import { testDynamoDBClient } from "@pat/tooling/dynamodb";
import { describe, expect, it, inject } from "vitest";
import {
  makeRecord,
  newTokenId,
  NEXT_YEAR,
  NOW,
  placeholderPhc,
} from "../../../src/internal/conformance/fixtures.js";
import { withTable } from "../../support/tables.js";

const endpoint = inject("dynamodbEndpoint");
const client = testDynamoDBClient(endpoint);
const PHC = placeholderPhc(4);

function record(overrides: Partial<TokenRecord> = {}): TokenRecord {
  return makeRecord({ secretPhc: PHC, expiresAt: NEXT_YEAR, ...overrides });
}

function request(overrides: Partial<RotateRequest> = {}): RotateRequest {
  return {
    successorId: newTokenId(),
    secretPhc: placeholderPhc(5),
    rotatedAt: NOW,
    graceEndsAt: NOW + 600,
    untilFirstUse: false,
    ...overrides,
  };
}

/** Every item of the table (consistent scan). */
async function items(tableName: string): Promise<Record<string, unknown>[]> {
  const doc = DynamoDBDocumentClient.from(client);
  const out = await doc.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
  return out.Items ?? [];
}

/**
 * A client that runs `hook` once before the first request of `operation` is sent, and records
 * each request's input; with `loseAnswer`, the first answer of `operation` is replaced by a
 * retryable server error after the request took effect, so the SDK sends it again.
 */
function instrumentedClient(
  operation: string,
  options: { before?: () => Promise<void>; loseAnswer?: boolean },
): { client: DynamoDBClient; sent: Record<string, unknown>[]; lost: number } {
  const instrumented = testDynamoDBClient(endpoint, { maxAttempts: 3 });
  const state = { client: instrumented, sent: [] as Record<string, unknown>[], lost: 0 };
  let before = options.before;
  instrumented.middlewareStack.add(
    (next, context) => async (args) => {
      if (String(context.commandName) !== `${operation}Command`) return next(args);
      state.sent.push(args.input as Record<string, unknown>);
      if (before !== undefined) {
        const hook = before;
        before = undefined;
        await hook();
      }
      const result = await next(args);
      if (options.loseAnswer === true && state.lost === 0) {
        state.lost += 1;
        throw Object.assign(new Error("answer lost"), {
          name: "InternalServerError",
          $fault: "server",
          $metadata: { httpStatusCode: 500 },
        });
      }
      return result;
    },
    { step: "finalizeRequest", name: "patInstrument" },
  );
  return state;
}

describe("DynamoDBTokenStore.rotate on DynamoDB", () => {
  it("sends one TransactWriteItems with a ClientRequestToken", () =>
    withTable(client, "store-rotate", async (tableName) => {
      const spy = instrumentedClient("TransactWriteItems", {});
      const store = new DynamoDBTokenStore({ tableName, ddbClient: spy.client });
      const old = record();
      await store.create(old);
      await store.rotate(old.tokenId, request());
      expect(spy.sent).toHaveLength(1);
      expect(spy.sent[0]?.ClientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
    }));

  it("mints one successor when the transaction's answer was lost and the SDK retried", () =>
    withTable(client, "store-rotate", async (tableName) => {
      const lossy = instrumentedClient("TransactWriteItems", { loseAnswer: true });
      const store = new DynamoDBTokenStore({ tableName, ddbClient: lossy.client });
      const old = record();
      await store.create(old);
      const req = request();
      const { successor } = await store.rotate(old.tokenId, req);
      expect(lossy.lost).toBe(1);
      expect(lossy.sent.length).toBeGreaterThanOrEqual(2);
      expect(successor.tokenId).toBe(req.successorId);
      const all = await items(tableName);
      expect(all).toHaveLength(2);
      expect(all.find((i) => i.tokenId === old.tokenId)?.rotatedTo).toBe(req.successorId);
    }));

  it("copies the token as it is when a change lands between its read and its transaction", () =>
    withTable(client, "store-rotate", async (tableName) => {
      const plain = new DynamoDBTokenStore({ tableName, ddbClient: client });
      const old = record({ isAdmin: true, roles: ["admin", "read"] });
      await plain.create(old);
      const racing = instrumentedClient("TransactWriteItems", {
        before: async () => {
          await plain.update(old.tokenId, { isAdmin: false, roles: { remove: ["admin"] } });
        },
      });
      const store = new DynamoDBTokenStore({ tableName, ddbClient: racing.client });
      const { successor } = await store.rotate(old.tokenId, request());
      // The first transaction was cancelled by its condition; the second copied the new state.
      expect(racing.sent).toHaveLength(2);
      expect(successor).toMatchObject({ isAdmin: false, roles: ["read"] });
      expect(await plain.get(successor.tokenId)).toMatchObject({ isAdmin: false, roles: ["read"] });
    }));

  it("throws TOKEN_REVOKED when a revoke lands between its read and its transaction", () =>
    withTable(client, "store-rotate", async (tableName) => {
      const plain = new DynamoDBTokenStore({ tableName, ddbClient: client });
      const old = record();
      await plain.create(old);
      const racing = instrumentedClient("TransactWriteItems", {
        before: () => plain.revoke(old.tokenId, { revokedAt: NOW }),
      });
      const store = new DynamoDBTokenStore({ tableName, ddbClient: racing.client });
      const req = request();
      await expect(store.rotate(old.tokenId, req)).rejects.toMatchObject({
        code: "TOKEN_REVOKED",
      });
      expect(await plain.get(req.successorId)).toBeNull();
    }));

  it("leaves one successor of twelve concurrent rotations through separate clients", () =>
    withTable(client, "store-rotate", async (tableName) => {
      const old = record();
      await new DynamoDBTokenStore({ tableName, ddbClient: client }).create(old);
      const stores = Array.from(
        { length: 12 },
        () => new DynamoDBTokenStore({ tableName, ddbClient: testDynamoDBClient(endpoint) }),
      );
      const outcomes = await Promise.allSettled(
        stores.map((store) => store.rotate(old.tokenId, request())),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const codes = outcomes.flatMap((o) =>
        o.status === "rejected" ? [(o.reason as { code?: string }).code] : [],
      );
      expect(codes).toEqual(Array.from({ length: 11 }, () => "TOKEN_ROTATED"));
      expect(await items(tableName)).toHaveLength(2);
    }));
});
