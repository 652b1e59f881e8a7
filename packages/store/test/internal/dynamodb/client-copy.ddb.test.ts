/**
 * The caller's client comes from another copy of the AWS SDK (an older 3.x, installed under an
 * npm alias): its classes, middleware stacks and error classes are not ours. Every operation must
 * still work, and refusals must surface as typed PatErrors, which proves errors are recognised by
 * name rather than `instanceof`, and that the store's commands (the low-level GetItem and
 * UpdateItem of the hot paths too) run through a client of our copy built from the other one's
 * settings. Each test has a table and a client of its own.
 */
import { DynamoDBTokenStore, PatError, TokenExistsError, TokenNotFoundError } from "@pat/store";
import { testDynamoDBClient } from "@pat/tooling/dynamodb";
import { DynamoDBClient as OtherDynamoDBClient } from "aws-sdk-other";
import otherClientPackage from "aws-sdk-other/package.json" with { type: "json" };
import ourClientPackage from "@aws-sdk/client-dynamodb/package.json" with { type: "json" };
import { DynamoDBDocumentClient as OtherDocumentClient } from "lib-dynamodb-other";
import otherLibPackage from "lib-dynamodb-other/package.json" with { type: "json" };
import ourLibPackage from "@aws-sdk/lib-dynamodb/package.json" with { type: "json" };
import { describe, expect, inject, it } from "vitest";
import { collect, makeRecord, NEXT_YEAR, NOW } from "../../../src/internal/conformance/fixtures.js";
import { withTable } from "../../support/tables.js";

const endpoint = inject("dynamodbEndpoint");
const ours = testDynamoDBClient(endpoint);

function otherClient(): OtherDynamoDBClient {
  return new OtherDynamoDBClient({
    region: "us-east-1",
    endpoint,
    credentials: { accessKeyId: "fakeMyKeyId", secretAccessKey: "fakeSecretAccessKey" },
    maxAttempts: 3,
  });
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

it("the other copy really is another copy of the SDK", async () => {
  expect(otherClientPackage.version).not.toBe(ourClientPackage.version);
  expect(otherLibPackage.version).not.toBe(ourLibPackage.version);
  const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
  const { DynamoDBDocumentClient } = await import("@aws-sdk/lib-dynamodb");
  expect(OtherDynamoDBClient).not.toBe(DynamoDBClient);
  expect(OtherDocumentClient).not.toBe(DynamoDBDocumentClient);
});

const cases: {
  name: string;
  store: (tableName: string, client: OtherDynamoDBClient) => unknown;
}[] = [
  {
    name: "a DynamoDBClient",
    store: (tableName, client) => new DynamoDBTokenStore({ tableName, ddbClient: client as never }),
  },
  {
    name: "a DynamoDBDocumentClient",
    store: (tableName, client) =>
      new DynamoDBTokenStore({
        tableName,
        docClient: OtherDocumentClient.from(client as never, {
          marshallOptions: { removeUndefinedValues: true },
        }) as never,
      }),
  },
];

describe.each(cases)("DynamoDBTokenStore on $name of another SDK copy", ({ store: build }) => {
  /** Runs `test` on a store over a table of its own, through a fresh client of the other copy. */
  function withStore(test: (store: DynamoDBTokenStore) => Promise<void>): Promise<void> {
    return withTable(ours, "store-foreign-sdk", async (tableName) => {
      const client = otherClient();
      try {
        await test(build(tableName, client) as DynamoDBTokenStore);
      } finally {
        client.destroy();
      }
    });
  }

  it("creates, reads, touches, updates, scans, batch-reads and revokes", () =>
    withStore(async (store) => {
      const record = makeRecord({ roles: ["reader"], expiresAt: NEXT_YEAR });
      const other = makeRecord({ owner: "bob" });
      await store.create(record);
      await store.create(other);

      expect(await store.get(record.tokenId)).toEqual(record);
      expect(await store.get("absentTokenId00000000")).toBeNull();

      expect(await store.touch(record.tokenId, NOW + 5)).toBe("touched");
      expect((await store.get(record.tokenId))?.lastUsedAt).toBe(NOW + 5);
      expect(await store.touch("absentTokenId00000000", NOW + 5)).toBe("not_found");

      const updated = await store.update(record.tokenId, {
        owner: "carol",
        roles: { add: ["writer", "admin"] },
      });
      expect(updated?.owner).toBe("carol");
      expect([...(updated?.roles ?? [])].sort()).toEqual(["admin", "reader", "writer"]);
      expect([...((await store.get(record.tokenId))?.roles ?? [])].sort()).toEqual([
        "admin",
        "reader",
        "writer",
      ]);

      const scanned = await collect(store.scan());
      expect(scanned.map((r) => r.tokenId).sort()).toEqual([record.tokenId, other.tokenId].sort());
      const writers = await collect(store.scan({ hasRole: "writer" }));
      expect(writers.map((r) => r.tokenId)).toEqual([record.tokenId]);

      const batch = await store.batchGet([record.tokenId, other.tokenId, "absentTokenId00000000"]);
      expect(batch.found.map((r) => r.tokenId).sort()).toEqual(
        [record.tokenId, other.tokenId].sort(),
      );
      expect(batch.notFound).toEqual(["absentTokenId00000000"]);

      await store.revoke(record.tokenId, { revokedAt: NOW + 10, cleanupAt: NOW + 1000 });
      const revoked = await store.get(record.tokenId);
      expect(revoked?.revokedAt).toBe(NOW + 10);
      expect(revoked?.expiresAt).toBe(NOW + 1000);
      // touch's conditional refusal (from the other copy) is recognised by name.
      expect(await store.touch(record.tokenId, NOW + 20)).toBe("revoked");
    }));

  it("answers TOKEN_EXISTS and TOKEN_NOT_FOUND as typed PatErrors", () =>
    withStore(async (store) => {
      const record = makeRecord();
      await store.create(record);

      const exists = await thrown(store.create({ ...record, owner: "mallory" }));
      expect(exists).toBeInstanceOf(TokenExistsError);
      expect(exists).toBeInstanceOf(PatError);
      expect((exists as PatError).code).toBe("TOKEN_EXISTS");

      const absent = "absentTokenId111111111";
      for (const operation of [
        () => store.update(absent, { owner: "x" }),
        () => store.update(absent, { roles: { add: ["r"] } }),
        () => store.revoke(absent, { revokedAt: NOW }),
      ]) {
        const error = await thrown(operation());
        expect(error).toBeInstanceOf(TokenNotFoundError);
        expect((error as PatError).code).toBe("TOKEN_NOT_FOUND");
      }
    }));
});
