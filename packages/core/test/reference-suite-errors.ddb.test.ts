/**
 * @access-tokens/core's error-handling suite walked against DynamoDBPat on DynamoDB Local. Theirs
 * mocks the document client's answers; here the same situations are made for real: items
 * written directly, a table that does not exist, and the fault proxy between the SDK and
 * DynamoDB Local (answers of 500, BatchGetItem keys moved into UnprocessedKeys). One `it` per
 * test there, its title quoted; a title that ends in "— ours: …" asserts the outcome the core
 * README's Compatibility table documents instead of theirs.
 */
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { generateTokenId, hashSecret, randomBytes } from "@pat/crypto";
import { uniqueTableName } from "@pat/tooling/dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDBTokenStore, MAX_OWNER_LENGTH, type DynamoDBPat } from "../src/index.js";
import { expectRefused, TEST_SCRYPT } from "./support/behaviour/fixtures.js";
import { ddbClient, dropTables } from "./support/ddb.js";
import { assertNoSecretLeaked, expectPatError, rememberSecret } from "./support/hygiene.js";
import { theirToken } from "./support/access-tokens.js";
import { patOn, proxiedPat, refPat, standInPhc } from "./support/reference-suite.js";

let pat: DynamoDBPat;
let tableName: string;
/** A DynamoDBPat on a table that does not exist: every request fails in DynamoDB. */
let missing: DynamoDBPat;
/** What DynamoDB itself says about a table that does not exist. */
let missingTableMessage: string;

beforeAll(async () => {
  ({ pat, tableName } = await refPat("errors", { tokenPrefix: "pat_" }));
  const absent = uniqueTableName("core-ref-absent");
  missing = patOn(absent);
  missingTableMessage = await ddbClient
    .send(new GetItemCommand({ TableName: absent, Key: { tokenId: { S: generateTokenId() } } }))
    .then(
      () => "",
      (error: unknown) => (error as Error).message,
    );
  expect(missingTableMessage).not.toBe("");
});
afterAll(async () => {
  assertNoSecretLeaked();
  await dropTables();
});

/** A token of 32 secret bytes for `tokenId`, in their spelling. */
function tokenFor(tokenId: string): string {
  const token = theirToken("pat_", tokenId, Buffer.from(randomBytes(32)));
  rememberSecret(token);
  return token;
}

/** Puts a raw item into the table, as foreign or broken data. */
async function putRaw(item: Record<string, { S: string } | { N: string } | { BOOL: boolean }>) {
  await ddbClient.send(new PutItemCommand({ TableName: tableName, Item: item }));
}

describe("Error handling (their suite)", () => {
  const tokenId = "abcdefghijklmnopqrstu";

  it('"handles DescribeTableCommand returning undefined"', async () => {
    // DescribeTable of an empty table: no items counted.
    expect(await pat.getCount()).toBe(0);
  });

  it('"handles ScanCommand returning an empty object"', async () => {
    const { pat: empty } = await refPat("errors-empty");
    expect(await empty.list().next()).toStrictEqual({ value: undefined, done: true });
  });

  it('"skips invalid records when listing tokens"', async () => {
    const { pat: own, tableName: table } = await refPat("errors-list");
    await ddbClient.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          tokenId: { S: tokenId },
          owner: { S: "test-user" },
          isAdmin: { BOOL: false },
          createdAt: { N: String(Date.now()) },
        },
      }),
    );
    expect(await own.list().next()).toStrictEqual({ value: undefined, done: true });
  });

  it('"handles invalid secretPhc attributes" — ours: a 2-byte secret is invalid_format; a full one reaches invalid_phc, without a cause', async () => {
    const id = generateTokenId();
    await putRaw({
      tokenId: { S: id },
      secretPhc: { S: "invalid-secret-phc" },
      owner: { S: "test-user" },
      isAdmin: { BOOL: false },
      createdAt: { N: String(Date.now()) },
    });
    expectRefused(await pat.verify(`pat_${id}.xxx`), "invalid_format");
    const result = await pat.verify(tokenFor(id));
    expectRefused(result, "invalid_phc");
    expect(result).not.toHaveProperty("cause");
  });

  it.each(["revoke", "restore", "update"] as const)(
    '"propagates unknown errors from %s" — ours: the id "xxx" is refused first; a storage failure carries the SDK\'s message',
    async (method) => {
      const call = (on: DynamoDBPat, id: string) =>
        method === "update" ? on.update(id, { isAdmin: true }) : on[method](id);
      await expectPatError(call(pat, "xxx"), "INVALID_INPUT", /^tokenId must be 21 characters/);
      const error = await expectPatError(call(missing, tokenId), "STORAGE_ERROR");
      expect(error.message).toContain(missingTableMessage);
    },
  );

  it('"handles invalid bootstrap token"', async () => {
    const { secretPhc } = await pat.generate();
    rememberSecret(secretPhc);
    const withBootstrap = patOn(tableName, { tokenPrefix: "pat_", bootstrapPhc: secretPhc });
    expectRefused(await withBootstrap.bootstrap("pat_xxx", { owner: "test" }), "invalid_format");
  });

  it('"throws when loading invalid token records" — ours: a 2-byte secret is invalid_format; a full one reaches the load and its message', async () => {
    const id = generateTokenId();
    await putRaw({ tokenId: { S: id } });
    expectRefused(await pat.verify(`pat_${id}.xxx`), "invalid_format");
    await expectPatError(
      pat.verify(tokenFor(id)),
      "INVALID_RECORD",
      new RegExp(`^Cannot load invalid record for token ${id}`),
    );
  });

  it('"throws when storing invalid token records" — ours: the private store() is not reachable; the same record is refused by the public paths', async () => {
    const owner = "x".repeat(MAX_OWNER_LENGTH + 1);
    await expectPatError(
      pat.register({ tokenId, secretPhc: await standInPhc(), owner }),
      "INVALID_INPUT",
      /^owner must be a string of 1-100 characters/,
    );
    // Below the façade, the store refuses it in their words.
    const store = new DynamoDBTokenStore({ tableName, ddbClient });
    const record = {
      tokenId,
      secretPhc: "invalid-secret-phc",
      owner,
      isAdmin: false,
      createdAt: 1,
    };
    await expectPatError(
      store.create(record),
      "INVALID_RECORD",
      /^Cannot store invalid token record: owner/,
    );
  });

  it('"propagates unknown errors from store" — ours: the private store() is not reachable; issue carries the SDK\'s message', async () => {
    const error = await expectPatError(missing.issue({ tokenId, owner: "test" }), "STORAGE_ERROR");
    expect(error.message).toContain(missingTableMessage);
  });

  describe("batchLoad error handling", () => {
    it('"handles BatchGetCommand returning empty response"', async () => {
      const result = await pat.batchLoad(new Set([tokenId]));
      expect(result).toEqual({ found: [], notFound: [tokenId] });
    });

    it('"skips invalid records when batch loading tokens" — ours: a 20-character id is refused; an invalid item counts as not found', async () => {
      const validId = "validToken1234567890a";
      const invalidId = "invalid123456789012a";
      await expectPatError(
        pat.batchLoad(new Set([validId, invalidId])),
        "INVALID_INPUT",
        /^tokenIds\[1\] must be 21 characters/,
      );
      const brokenId = generateTokenId();
      const secretPhc = await hashSecret(randomBytes(32), TEST_SCRYPT);
      rememberSecret(secretPhc);
      await putRaw({
        tokenId: { S: validId },
        secretPhc: { S: secretPhc },
        owner: { S: "valid-user" },
        isAdmin: { BOOL: false },
        createdAt: { N: "1700000000" },
      });
      await putRaw({ tokenId: { S: brokenId }, owner: { S: "invalid-user" } });
      const result = await pat.batchLoad(new Set([validId, brokenId]));
      expect(result.found.map((t) => t.tokenId)).toEqual([validId]);
      expect(result.notFound).toEqual([brokenId]);
    });

    it('"handles UnprocessedKeys with successful retry"', async () => {
      const [first, second] = [generateTokenId(), generateTokenId()];
      await pat.register({ tokenId: first, secretPhc: await standInPhc(), owner: "user-1" });
      await pat.register({ tokenId: second, secretPhc: await standInPhc(), owner: "user-2" });
      // Seed 1: of the first answer's two items one moves to UnprocessedKeys, none of the second's.
      const { pat: proxied, proxy } = await proxiedPat(tableName, 1, {
        trimBatchGet: 0.5,
        operations: ["BatchGetItem"],
      });
      try {
        const result = await proxied.batchLoad(new Set([first, second]));
        expect(result.found.map((t) => t.tokenId).sort()).toEqual([first, second].sort());
        expect(result.notFound).toHaveLength(0);
        expect(proxy.stats()).toMatchObject({ trimmedKeys: 1, byOperation: { BatchGetItem: 2 } });
      } finally {
        await proxy.close();
      }
    });

    it('"throws when max retries exceeded with UnprocessedKeys"', async () => {
      const id = generateTokenId();
      await pat.register({ tokenId: id, secretPhc: await standInPhc(), owner: "user-1" });
      const { pat: proxied, proxy } = await proxiedPat(tableName, 1, {
        trimBatchGet: 1,
        operations: ["BatchGetItem"],
      });
      try {
        await expectPatError(
          proxied.batchLoad(new Set([id])),
          "STORAGE_ERROR",
          /^Max retries reached with 1 unprocessed items/,
        );
        expect(proxy.stats().byOperation.BatchGetItem).toBeGreaterThan(1);
      } finally {
        await proxy.close();
      }
    });

    it('"propagates unknown errors from BatchGetCommand"', async () => {
      const { pat: proxied, proxy } = await proxiedPat(tableName, 1, {
        http500: 1,
        operations: ["BatchGetItem"],
      });
      try {
        const error = await expectPatError(proxied.batchLoad(new Set([tokenId])), "STORAGE_ERROR");
        expect(error.message).toContain("Injected internal error");
      } finally {
        await proxy.close();
      }
    });

    it('"retries and succeeds after initial BatchGetCommand error"', async () => {
      const id = generateTokenId();
      await pat.register({ tokenId: id, secretPhc: await standInPhc(), owner: "test-user" });
      // Seed 8: the first BatchGetItem is answered 500, the second goes through.
      const { pat: proxied, proxy } = await proxiedPat(tableName, 8, {
        http500: 0.5,
        operations: ["BatchGetItem"],
      });
      try {
        const result = await proxied.batchLoad(new Set([id]));
        expect(result.found.map((t) => t.tokenId)).toEqual([id]);
        expect(proxy.stats()).toMatchObject({ http500: 1, byOperation: { BatchGetItem: 2 } });
      } finally {
        await proxy.close();
      }
    });

    it('"throws when max retries exceeded with errors"', async () => {
      const { pat: proxied, proxy } = await proxiedPat(tableName, 1, {
        http500: 1,
        operations: ["BatchGetItem"],
      });
      try {
        const error = await expectPatError(proxied.batchLoad(new Set([tokenId])), "STORAGE_ERROR");
        expect(error.message).toContain("Injected internal error");
        // The first attempt and three retries, as theirs.
        expect(proxy.stats().byOperation.BatchGetItem).toBe(4);
      } finally {
        await proxy.close();
      }
    });

    it('"handles mixed valid and invalid UnprocessedKeys" — ours: DynamoDB returns only keys asked for, and only those are counted', async () => {
      const id = generateTokenId();
      await pat.register({ tokenId: id, secretPhc: await standInPhc(), owner: "user-1" });
      const { pat: proxied, proxy } = await proxiedPat(tableName, 1, {
        trimBatchGet: 1,
        operations: ["BatchGetItem"],
      });
      try {
        await expectPatError(
          proxied.batchLoad(new Set([id, generateTokenId()])),
          "STORAGE_ERROR",
          /^Max retries reached with 1 unprocessed items/,
        );
      } finally {
        await proxy.close();
      }
    });
  });
});
