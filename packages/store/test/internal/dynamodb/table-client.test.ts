/**
 * A document client from "another copy" of the AWS SDK: its errors are instances of classes we
 * have never seen, so the adapter can only go by `name`. Here the client is a stand-in whose
 * `send` throws plain objects; this checks the adapter's translation, not DynamoDB's behaviour
 * (that is what the *.ddb.test.ts files do against DynamoDB Local).
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { DynamoDBTokenStore, type TokenRecord } from "@pat/store";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { placeholderPhc } from "../../../src/internal/conformance/fixtures.js";

const record: TokenRecord = {
  tokenId: "34NwRzvnBbgI3uedkrQ3Q",
  secretPhc: placeholderPhc(),
  owner: "alice",
  isAdmin: false,
  createdAt: 1_700_000_000,
};

function storeThrowing(error: Record<string, unknown>): DynamoDBTokenStore {
  const docClient = {
    send: async () => {
      throw error;
    },
  } as unknown as DynamoDBDocumentClient;
  return new DynamoDBTokenStore({ tableName: "tokens", docClient });
}

describe("DynamoDBTokenStore with a client from another SDK copy", () => {
  it("reads a foreign ConditionalCheckFailedException and its wire-form ALL_OLD image", async () => {
    const existing = marshall({ ...record, owner: "bob", revokedAt: 1_700_000_001 });
    const refused = storeThrowing({ name: "ConditionalCheckFailedException", Item: existing });
    await expect(refused.create(record)).rejects.toMatchObject({
      code: "TOKEN_EXISTS",
      message: `Token ID already exists: ${record.tokenId}`,
    });
    expect(await refused.touch(record.tokenId, 1)).toBe("revoked");
    const missing = storeThrowing({ name: "ConditionalCheckFailedException" });
    expect(await missing.touch(record.tokenId, 1)).toBe("not_found");
    await expect(missing.update(record.tokenId, { owner: "x" })).rejects.toMatchObject({
      code: "TOKEN_NOT_FOUND",
    });
  });

  it("translates other foreign errors into STORAGE_ERROR with the original as cause", async () => {
    const original = { name: "ResourceNotFoundException", message: "Requested resource not found" };
    const error = await storeThrowing(original)
      .get(record.tokenId)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "STORAGE_ERROR",
      storageErrorName: "ResourceNotFoundException",
      message: "DynamoDB table not found: tokens (GetItem): Requested resource not found",
      cause: { name: "ResourceNotFoundException", message: "Requested resource not found" },
    });
    expect((error as Error).cause).not.toBe(original);
  });

  it("redacts the PHC of create and update from a ValidationException that quotes the request", async () => {
    // Not shaped like a PHC string, so only the request-value redaction can catch it.
    const secretPhc = "opaque-stored-hash-value-0123456789";
    const echo = (command: { input?: unknown }) => ({
      name: "ValidationException",
      message: `Invalid request: ${JSON.stringify(command.input)}`,
      $metadata: { httpStatusCode: 400, requestId: "R1" },
    });
    const docClient = {
      send: async (command: { input?: unknown }) => {
        throw echo(command);
      },
    } as unknown as DynamoDBDocumentClient;
    const store = new DynamoDBTokenStore({ tableName: "tokens", docClient });
    const failures = [
      await store.create({ ...record, secretPhc }).catch((e: unknown) => e),
      await store.update(record.tokenId, { secretPhc }).catch((e: unknown) => e),
    ];
    for (const error of failures) {
      expect(error).toMatchObject({
        code: "STORAGE_ERROR",
        storageErrorName: "ValidationException",
        cause: { name: "ValidationException", httpStatusCode: 400, requestId: "R1" },
      });
      const cause = (error as Error).cause as Error;
      expect(cause.message).toContain("[redacted]");
      expect((error as Error).message).toContain("[redacted]");
      for (const text of [(error as Error).message, cause.message, inspect(error, { depth: 8 })]) {
        expect(text).not.toContain(secretPhc);
        expect(text).not.toContain(record.secretPhc);
      }
    }
  });
});
